"""Questions of an evaluation form: add, edit, order, delete — without making existing answers unreadable.

A question's kind and choices are fixed once it has answers, and such a question cannot be deleted:
duplicate the form (services.evaluation_forms.duplicate_form) to make a new version.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, select

from models import EvaluationAnswer, EvaluationForm, EvaluationQuestion, QuestionKind
from services.actor import Actor
from services.database import session_scope
from services.evaluation_forms import FormNotFound, manageable_form, ordered_questions, trace
from services.i18n import _
from services.rules.fields import FieldError, clean_text

MAX_LABEL, MAX_SECTION, MAX_CHOICE, MAX_CHOICES = 1000, 200, 200, 30
CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})


@dataclass(frozen=True)
class QuestionInput:
    kind: QuestionKind | str
    label: str
    section: str = ''
    choices: Sequence[str] = ()
    required: bool = True


def clean_question(data: QuestionInput) -> QuestionInput:
    """The question as stored, or FieldError saying what to fix."""
    try:
        kind = QuestionKind(data.kind)
    except ValueError as error:
        raise FieldError(_('Choisissez le type de la question.')) from error
    label = clean_text(data.label)
    if not label:
        raise FieldError(_("Écrivez l'intitulé de la question."))
    if len(label) > MAX_LABEL:
        raise FieldError(_("L'intitulé ne doit pas dépasser {n} caractères.", n=MAX_LABEL))
    section = clean_text(data.section)
    if len(section) > MAX_SECTION:
        raise FieldError(_('Le nom de la section ne doit pas dépasser {n} caractères.', n=MAX_SECTION))
    choices: list[str] = []
    if kind in CHOICE_KINDS:
        for raw in data.choices:
            choice = clean_text(raw)
            if choice and choice not in choices:
                choices.append(choice)
        if len(choices) < 2:
            raise FieldError(_('Donnez au moins deux choix de réponse, un par ligne.'))
        if len(choices) > MAX_CHOICES or any(len(choice) > MAX_CHOICE for choice in choices):
            raise FieldError(_('Au plus {n} choix de {m} caractères chacun au maximum.', n=MAX_CHOICES, m=MAX_CHOICE))
    return QuestionInput(kind, label, section, tuple(choices), bool(data.required))


def _has_answers(session: Session, question_id: int) -> bool:
    found = session.exec(select(EvaluationAnswer.id).where(EvaluationAnswer.question_id == question_id).limit(1))
    return found.first() is not None


def _question_of(session: Session, actor: Actor, question_id: int) -> tuple[EvaluationQuestion, EvaluationForm]:
    question = session.get(EvaluationQuestion, question_id)
    if question is None:
        raise FormNotFound()
    return question, manageable_form(session, actor, question.form_id)


def add_question(actor: Actor, form_id: int, data: QuestionInput) -> int:
    """Appended at the end of the form."""
    clean = clean_question(data)
    with session_scope() as session:
        form = manageable_form(session, actor, form_id)
        last = session.exec(
            select(sa.func.max(EvaluationQuestion.position)).where(EvaluationQuestion.form_id == form_id)
        ).one()
        question = EvaluationQuestion(
            form_id=form_id,
            position=(last or 0) + 1,
            section=clean.section,
            kind=QuestionKind(clean.kind),
            label=clean.label,
            choices=list(clean.choices),
            required=clean.required,
        )
        session.add(question)
        session.flush()
        trace(session, actor, 'evaluation_question.add', form, _('Question ajoutée : {q}', q=clean.label[:80]))
        return question.id or 0


def update_question(actor: Actor, question_id: int, data: QuestionInput) -> None:
    clean = clean_question(data)
    with session_scope() as session:
        question, form = _question_of(session, actor, question_id)
        changes_meaning = question.kind != clean.kind or list(question.choices) != list(clean.choices)
        if changes_meaning and _has_answers(session, question_id):
            raise FieldError(
                _(
                    'Cette question a déjà des réponses : son type et ses choix ne peuvent plus changer. '
                    'Dupliquez le questionnaire pour en faire une nouvelle version.'
                )
            )
        before = {'label': question.label, 'section': question.section, 'required': question.required}
        question.kind, question.label, question.section = QuestionKind(clean.kind), clean.label, clean.section
        question.choices, question.required = list(clean.choices), clean.required
        session.add(question)
        trace(
            session,
            actor,
            'evaluation_question.update',
            form,
            _('Question modifiée : {q}', q=clean.label[:80]),
            {key: [value, getattr(question, key)] for key, value in before.items()},
        )


def move_question(actor: Actor, question_id: int, offset: int) -> None:
    """Up (-1) or down (+1) by one place; positions are renumbered 1..n so they stay dense."""
    with session_scope() as session:
        _moved, form = _question_of(session, actor, question_id)
        questions = ordered_questions(session, form.id or 0)
        index = next(i for i, q in enumerate(questions) if q.id == question_id)
        target = min(max(index + (1 if offset > 0 else -1), 0), len(questions) - 1)
        questions.insert(target, questions.pop(index))
        for position, item in enumerate(questions, start=1):
            item.position = position
            session.add(item)


def delete_question(actor: Actor, question_id: int) -> None:
    with session_scope() as session:
        question, form = _question_of(session, actor, question_id)
        if _has_answers(session, question_id):
            raise FieldError(
                _(
                    'Cette question a déjà des réponses et ne peut plus être supprimée. '
                    'Dupliquez le questionnaire pour en faire une nouvelle version.'
                )
            )
        session.delete(question)
        trace(session, actor, 'evaluation_question.delete', form, _('Question supprimée : {q}', q=question.label[:80]))
