"""One evaluation form: its title and settings, its questions in order (sections, kinds), add / edit / move."""

from collections.abc import Awaitable, Callable

from nicegui import ui

from auth.guard import protected_page
from components.background_task import attempt
from components.choice import Select
from components.display import not_found, section_title
from models import QuestionKind, Respondent
from pages.background import in_thread
from pages.evaluation_forms import FORMS_PATH
from services import evaluation_forms, evaluation_questions
from services.actor import Actor
from services.evaluation_forms import QUESTION_KIND, FormNotFound, FormView, QuestionView
from services.evaluation_questions import CHOICE_KINDS, QuestionInput
from services.i18n import _


class QuestionEditor(ui.card):
    """The « Ajouter une question » panel, also used to edit one (then it says so and offers « Annuler »)."""

    def __init__(self, sections: list[str], save: Callable[[int | None, QuestionInput], Awaitable[bool]]) -> None:
        super().__init__()
        self.save = save
        self.editing: int | None = None
        self.classes('w-full').mark('question-editor')
        with self:
            self.heading = section_title(_('Ajouter une question'))
            self.kind = Select(
                {k.value: _(label) for k, label in QUESTION_KIND.items()},
                label=_('Type'),
                value=QuestionKind.SCALE.value,
            ).classes('w-64')
            self.kind.mark('question-kind')
            self.label = ui.textarea(_('Intitulé de la question')).props('autogrow').classes('w-full')
            self.label.mark('question-label')
            self.section = ui.input(_('Section (facultatif)'), autocomplete=sections).classes('w-full')
            self.section.mark('question-section')
            self.choices = ui.textarea(_('Choix de réponse, un par ligne')).props('autogrow').classes('w-full')
            self.choices.mark('question-choices')
            self.choices.bind_visibility_from(self.kind, 'value', lambda kind: kind in CHOICE_KINDS)
            self.required = ui.checkbox(_('Réponse obligatoire'), value=True).mark('question-required')
            with ui.row().classes('gap-2'):
                self.button = ui.button(_('Ajouter la question'), icon='add', on_click=self.submit)
                self.button.mark('question-save')
                self.cancel = ui.button(_('Annuler'), on_click=self.reset).props('flat').mark('question-cancel')
                self.cancel.visible = False

    def load(self, question: QuestionView) -> None:
        self.editing = question.id
        self.kind.value = question.kind.value
        self.label.value = question.label
        self.section.value = question.section
        self.choices.value = '\n'.join(question.choices)
        self.required.value = question.required
        self.heading.text = _('Modifier la question')
        self.button.text = _('Enregistrer la question')
        self.cancel.visible = True
        self.label.run_method('focus')

    def reset(self) -> None:
        self.editing = None
        self.label.value = self.choices.value = ''
        self.required.value = True
        self.heading.text = _('Ajouter une question')
        self.button.text = _('Ajouter la question')
        self.cancel.visible = False

    async def submit(self) -> None:
        data = QuestionInput(
            kind=self.kind.value,
            label=self.label.value or '',
            section=self.section.value or '',
            choices=(self.choices.value or '').splitlines(),
            required=bool(self.required.value),
        )
        if await self.save(self.editing, data):
            self.reset()


@protected_page('/evaluations/questionnaires/{form_id:int}', title="Questionnaire d'évaluation")
async def evaluation_editor_page(actor: Actor, form_id: int) -> None:
    try:
        form = await in_thread(evaluation_forms.get_form, actor, form_id)
    except FormNotFound as missing:
        not_found(str(missing), back_label=_('Revenir aux questionnaires'), back_path=FORMS_PATH)
        return

    async def reload() -> None:
        nonlocal form
        form = await in_thread(evaluation_forms.get_form, actor, form_id)
        questions.refresh()

    _settings(actor, form)

    @ui.refreshable
    def questions() -> None:
        section_title(_('{n} question(s)', n=len(form.question_list)))
        current = None
        for index, question in enumerate(form.question_list, start=1):
            if question.section != current and question.section:
                ui.label(question.section).classes('font-semibold text-primary mt-2').mark('editor-section')
            current = question.section
            _question_row(index, question, len(form.question_list))

    def _question_row(index: int, question: QuestionView, count: int) -> None:
        with (
            ui.card().classes('w-full').mark(f'editor-question editor-question-{question.id}'),
            ui.row().classes('w-full items-start no-wrap gap-2'),
        ):
            with ui.column().classes('grow gap-0'):
                ui.label(f'{index}. {question.label}' + (' *' if question.required else '')).classes('font-medium')
                details = _(QUESTION_KIND[question.kind])
                if question.choices:
                    details += ' : ' + ' / '.join(question.choices)
                ui.label(details).classes('text-sm text-grey-8')
            up = ui.button(icon='arrow_upward', on_click=lambda q=question: move(q.id, -1)).props('flat dense')
            up.props(f'aria-label="{_("Monter")}"').mark(f'question-up-{question.id}').set_enabled(index > 1)
            down = ui.button(icon='arrow_downward', on_click=lambda q=question: move(q.id, 1)).props('flat dense')
            down.props(f'aria-label="{_("Descendre")}"').mark(f'question-down-{question.id}')
            down.set_enabled(index < count)
            ui.button(icon='edit', on_click=lambda q=question: editor.load(q)).props(
                f'flat dense aria-label="{_("Modifier")}"'
            ).mark(f'question-edit-{question.id}')
            ui.button(icon='delete', on_click=lambda q=question: delete(q.id)).props(
                f'flat dense color=negative aria-label="{_("Supprimer")}"'
            ).mark(f'question-delete-{question.id}')

    async def move(question_id: int, offset: int) -> None:
        if await attempt(lambda: evaluation_questions.move_question(actor, question_id, offset), _('Ordre modifié.')):
            await reload()

    async def delete(question_id: int) -> None:
        done = _('Question supprimée.')
        if await attempt(lambda: evaluation_questions.delete_question(actor, question_id), done):
            await reload()

    async def save(question_id: int | None, data: QuestionInput) -> bool:
        if question_id is None:
            ok = await attempt(lambda: evaluation_questions.add_question(actor, form_id, data), _('Question ajoutée.'))
        else:
            work = lambda: evaluation_questions.update_question(actor, question_id, data)  # noqa: E731
            ok = await attempt(work, _('Question enregistrée.'))
        if ok:
            await reload()
        return ok

    questions()
    editor = QuestionEditor(sorted({q.section for q in form.question_list if q.section}), save)


def _settings(actor: Actor, form: FormView) -> None:
    with ui.card().classes('w-full').mark('form-settings'):
        ui.label(f'{form.composante} — {_(form.respondent_label)}').classes('text-grey-8')
        title = ui.input(_('Titre'), value=form.title).classes('w-full').mark('form-title')
        one_time = ui.checkbox(
            _('Le lien du tuteur ne sert qu’une fois (refusé après l’envoi des réponses)'), value=form.one_time_link
        ).mark('form-one-time')
        one_time.visible = form.respondent is Respondent.TUTOR
        active = ui.switch(_('Questionnaire actif'), value=form.active).mark('form-active')
        ui.label(
            _('Activer ce questionnaire désactive l’autre questionnaire de la composante pour le même répondant.')
        ).classes('text-sm text-grey-8')
        ui.label(_('{n} réponse(s) reçue(s).', n=form.responses)).mark('form-responses')

        async def save() -> None:
            await attempt(
                lambda: evaluation_forms.update_form(actor, form.id, title=title.value, one_time_link=one_time.value),
                _('Questionnaire enregistré.'),
            )

        reverting = False

        async def toggle() -> None:
            nonlocal reverting
            if reverting:
                return
            wanted = bool(active.value)
            if not await attempt(
                lambda: evaluation_forms.set_active(actor, form.id, wanted),
                _('Questionnaire activé.') if wanted else _('Questionnaire désactivé.'),
            ):
                reverting = True
                active.set_value(not wanted)
                reverting = False

        async def duplicate() -> None:
            copy_id = await in_thread(evaluation_forms.duplicate_form, actor, form.id)
            ui.navigate.to(f'{FORMS_PATH}/{copy_id}')

        active.on_value_change(toggle)
        with ui.row().classes('gap-2'):
            ui.button(_('Enregistrer'), icon='save', on_click=save).mark('form-save')
            ui.button(_('Dupliquer'), icon='content_copy', on_click=duplicate).props('outline').mark('form-duplicate')
            ui.link(_('Tous les questionnaires'), FORMS_PATH)
