"""An evaluation form to fill in: its questions grouped by section, one input per kind, messages per question.

Used by the student's and teacher's page and by the tutor's public page; knows nothing of where questions
come from. Inputs are marked `question-<id>` (checkboxes of a multiple choice: `question-<id>-choice-<n>`).
"""

from collections.abc import Sequence
from typing import Any

from nicegui import ui

from models import QuestionKind
from services.evaluation_forms import QuestionView
from services.evaluations import NO, YES, Answer
from services.i18n import _

SCALE = {str(n): str(n) for n in range(1, 6)}


class QuestionnaireForm(ui.column):
    def __init__(
        self, questions: Sequence[QuestionView], answers: dict[int, Answer], *, readonly: bool = False
    ) -> None:
        super().__init__()
        self.classes('w-full gap-3').mark('questionnaire')
        self.questions = list(questions)
        self.inputs: dict[int, Any] = {}
        self.checkboxes: dict[int, list[tuple[str, ui.checkbox]]] = {}
        self.messages: dict[int, ui.label] = {}
        section: str | None = None
        with self:
            for number, question in enumerate(self.questions, start=1):
                if question.section and question.section != section:
                    ui.label(question.section).classes('text-lg font-semibold mt-2').props(
                        'role=heading aria-level=2'
                    ).mark('questionnaire-section')
                section = question.section
                with ui.column().classes('w-full gap-1').mark(f'question-block-{question.id}'):
                    title = f'{number}. {question.label}' + (' *' if question.required else '')
                    ui.label(title).classes('font-medium whitespace-pre-line')
                    self._input(question, answers.get(question.id), readonly)
                    self.messages[question.id] = (
                        ui.label().classes('text-negative text-sm').mark(f'question-error-{question.id}')
                    )
                    self.messages[question.id].visible = False

    def _input(self, question: QuestionView, current: Answer | None, readonly: bool) -> None:
        marker = f'question-{question.id}'
        value = current if isinstance(current, str) else None
        if question.kind is QuestionKind.YES_NO:
            element: Any = ui.radio({YES: _('Oui'), NO: _('Non')}, value=value).props('inline')
        elif question.kind is QuestionKind.SCALE:
            ui.label(_('1 : très insuffisant — 5 : excellent')).classes('text-sm text-grey-8')
            element = ui.radio(SCALE, value=value).props('inline')
        elif question.kind is QuestionKind.SINGLE_CHOICE:
            element = ui.radio(question.choices, value=value if value in question.choices else None)
        elif question.kind is QuestionKind.MULTIPLE_CHOICE:
            picked = set(current) if isinstance(current, list) else set()
            boxes = []
            for index, choice in enumerate(question.choices):
                box = ui.checkbox(choice, value=choice in picked).mark(f'{marker}-choice-{index}')
                box.set_enabled(not readonly)
                boxes.append((choice, box))
            self.checkboxes[question.id] = boxes
            return
        else:
            element = ui.textarea(value=value or '').props('outlined autogrow').classes('w-full')
        element.props(f'aria-label="{question.label[:200]}"').mark(marker)
        element.set_enabled(not readonly)
        self.inputs[question.id] = element

    def values(self) -> dict[int, Any]:
        collected: dict[int, Any] = {qid: element.value for qid, element in self.inputs.items()}
        for qid, boxes in self.checkboxes.items():
            collected[qid] = [choice for choice, box in boxes if box.value]
        return collected

    def show_errors(self, errors: dict[int, str]) -> None:
        for qid, label in self.messages.items():
            label.text = errors.get(qid, '')
            label.visible = qid in errors
