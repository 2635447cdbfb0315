"""The evaluation form editor: per composante and respondent, questions in sections and in order.

Admins and gestionnaires (EVALUATION_MANAGE, within their composantes) create forms, add questions (oui/non,
choix unique or multiple, échelle 1–5, texte libre), group them in sections and order them. One form per
composante and respondent is active at a time. Once a form has answers, what would make them unreadable
(a question's kind or choices, deleting a question) is refused: the form is duplicated instead.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models import (
    Composante,
    EvaluationForm,
    EvaluationQuestion,
    EvaluationResponse,
    QuestionKind,
    Respondent,
)
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.labels import RESPONDENT
from services.permissions import Action, Target, require, scope_clause
from services.rules.fields import FieldError, clean_text

MAX_TITLE = 200

QUESTION_KIND = {
    QuestionKind.YES_NO: 'Oui / non',
    QuestionKind.SINGLE_CHOICE: 'Choix unique',
    QuestionKind.MULTIPLE_CHOICE: 'Choix multiple',
    QuestionKind.SCALE: 'Échelle de 1 à 5',
    QuestionKind.TEXT: 'Texte libre',
}


class FormNotFound(LookupError):
    def __init__(self) -> None:
        super().__init__(_("Ce questionnaire n'existe pas."))


@dataclass(frozen=True)
class QuestionView:
    id: int
    position: int
    section: str
    kind: QuestionKind
    label: str
    choices: list[str]
    required: bool


@dataclass(frozen=True)
class FormSummary:
    id: int
    composante_id: int
    composante: str
    respondent: Respondent
    title: str
    active: bool
    one_time_link: bool
    questions: int
    responses: int  # submitted

    @property
    def respondent_label(self) -> str:
        return RESPONDENT[self.respondent]


@dataclass(frozen=True)
class FormView(FormSummary):
    question_list: list[QuestionView] = field(default_factory=list)


def question_view(question: EvaluationQuestion) -> QuestionView:
    return QuestionView(
        question.id or 0,
        question.position,
        question.section,
        QuestionKind(question.kind),
        question.label,
        list(question.choices),
        question.required,
    )


def ordered_questions(session: Session, form_id: int) -> list[EvaluationQuestion]:
    return list(
        session.exec(
            select(EvaluationQuestion)
            .where(EvaluationQuestion.form_id == form_id)
            .order_by(col(EvaluationQuestion.position), col(EvaluationQuestion.id))
        ).all()
    )


def _submitted_count(session: Session, form_id: int) -> int:
    return session.exec(
        select(sa.func.count())
        .select_from(EvaluationResponse)
        .where(EvaluationResponse.form_id == form_id, col(EvaluationResponse.submitted_at).is_not(None))
    ).one()


def manageable_form(session: Session, actor: Actor, form_id: int) -> EvaluationForm:
    form = session.get(EvaluationForm, form_id)
    if form is None:
        raise FormNotFound()
    require(actor, Action.EVALUATION_MANAGE, Target(composante_id=form.composante_id))
    return form


def _summary(form: EvaluationForm, composante: str, questions: int, responses: int) -> FormSummary:
    return FormSummary(
        form.id or 0,
        form.composante_id,
        composante,
        Respondent(form.respondent),
        form.title,
        form.active,
        form.one_time_link,
        questions,
        responses,
    )


def list_forms(actor: Actor) -> list[FormSummary]:
    """Every form of the composantes the actor manages, by composante then respondent."""
    require(actor, Action.EVALUATION_MANAGE)
    scope = scope_clause(
        actor, Action.EVALUATION_MANAGE, composante=col(EvaluationForm.composante_id), student=None, referent=None
    )
    with session_scope() as session:
        rows = session.exec(
            select(EvaluationForm, Composante.name)
            .join(Composante, col(Composante.id) == EvaluationForm.composante_id)
            .where(scope)
            .order_by(col(Composante.name), col(EvaluationForm.respondent), col(EvaluationForm.id))
        ).all()
        ids = [form.id for form, _name in rows]
        questions = dict(
            session.exec(
                select(EvaluationQuestion.form_id, sa.func.count())
                .where(col(EvaluationQuestion.form_id).in_(ids))
                .group_by(col(EvaluationQuestion.form_id))
            ).all()
        )
        responses = dict(
            session.exec(
                select(EvaluationResponse.form_id, sa.func.count())
                .where(col(EvaluationResponse.form_id).in_(ids), col(EvaluationResponse.submitted_at).is_not(None))
                .group_by(col(EvaluationResponse.form_id))
            ).all()
        )
    return [_summary(f, name, questions.get(f.id or 0, 0), responses.get(f.id or 0, 0)) for f, name in rows]


def get_form(actor: Actor, form_id: int) -> FormView:
    with session_scope() as session:
        form = manageable_form(session, actor, form_id)
        composante = session.get(Composante, form.composante_id)
        questions = ordered_questions(session, form_id)
        summary = _summary(
            form, composante.name if composante else '', len(questions), _submitted_count(session, form_id)
        )
    return FormView(**summary.__dict__, question_list=[question_view(q) for q in questions])


def _title(value: str) -> str:
    title = clean_text(value)
    if not title:
        raise FieldError(_('Donnez un titre au questionnaire.'))
    if len(title) > MAX_TITLE:
        raise FieldError(_('Le titre ne doit pas dépasser {n} caractères.', n=MAX_TITLE))
    return title


def create_form(actor: Actor, composante_id: int, respondent: Respondent | str, title: str) -> int:
    """A new, inactive and empty form (activate it once its questions are ready)."""
    require(actor, Action.EVALUATION_MANAGE, Target(composante_id=composante_id))
    try:
        who = Respondent(respondent)
    except ValueError as error:
        raise FieldError(_('Choisissez qui répond : étudiant, tuteur ou enseignant.')) from error
    clean_title = _title(title)
    with session_scope() as session:
        if session.get(Composante, composante_id) is None:
            raise FieldError(_('Composante inconnue.'))
        form = EvaluationForm(composante_id=composante_id, respondent=who, title=clean_title, active=False)
        session.add(form)
        session.flush()
        trace(session, actor, 'evaluation_form.create', form, _('Questionnaire « {t} » créé', t=clean_title))
        return form.id or 0


def update_form(actor: Actor, form_id: int, *, title: str, one_time_link: bool) -> None:
    clean_title = _title(title)
    with session_scope() as session:
        form = manageable_form(session, actor, form_id)
        before = {'title': form.title, 'one_time_link': form.one_time_link}
        form.title, form.one_time_link = clean_title, bool(one_time_link)
        session.add(form)
        trace(
            session,
            actor,
            'evaluation_form.update',
            form,
            _('Questionnaire « {t} » modifié', t=clean_title),
            {key: [value, getattr(form, key)] for key, value in before.items()},
        )


def set_active(actor: Actor, form_id: int, active: bool) -> None:
    """Activating a form deactivates the other forms of its composante for the same respondent."""
    with session_scope() as session:
        form = manageable_form(session, actor, form_id)
        if active:
            if not ordered_questions(session, form_id):
                raise FieldError(_("Ajoutez au moins une question avant d'activer le questionnaire."))
            session.execute(
                sa.update(EvaluationForm)
                .where(
                    col(EvaluationForm.composante_id) == form.composante_id,
                    col(EvaluationForm.respondent) == form.respondent,
                    col(EvaluationForm.id) != form_id,
                )
                .values(active=False)
            )
        form.active = bool(active)
        session.add(form)
        message = _('Questionnaire « {t} » activé', t=form.title) if active else _('Questionnaire désactivé')
        trace(session, actor, 'evaluation_form.activate' if active else 'evaluation_form.deactivate', form, message)


def duplicate_form(actor: Actor, form_id: int) -> int:
    """An inactive copy with the same questions: the way to change a form that already has answers."""
    with session_scope() as session:
        form = manageable_form(session, actor, form_id)
        copy = EvaluationForm(
            composante_id=form.composante_id,
            respondent=form.respondent,
            title=_('{t} (copie)', t=form.title)[:MAX_TITLE],
            active=False,
            one_time_link=form.one_time_link,
        )
        session.add(copy)
        session.flush()
        for question in ordered_questions(session, form_id):
            session.add(
                EvaluationQuestion(
                    form_id=copy.id or 0,
                    section=question.section,
                    position=question.position,
                    kind=question.kind,
                    label=question.label,
                    choices=list(question.choices),
                    required=question.required,
                )
            )
        trace(session, actor, 'evaluation_form.duplicate', copy, _('Copie du questionnaire « {t} »', t=form.title))
        return copy.id or 0


def manageable_composantes(actor: Actor) -> dict[int, str]:
    """The composantes the actor may create forms for: id -> name."""
    require(actor, Action.EVALUATION_MANAGE)
    scope = scope_clause(actor, Action.EVALUATION_MANAGE, composante=col(Composante.id), student=None, referent=None)
    with session_scope() as session:
        rows = session.exec(select(Composante.id, Composante.name).where(scope).order_by(Composante.name)).all()
    return {composante_id or 0: name for composante_id, name in rows}


def trace(
    session: Session,
    actor: Actor,
    action: str,
    form: EvaluationForm,
    summary: str,
    changes: dict[str, list[object]] | None = None,
) -> None:
    audit.record(
        session,
        actor_id=actor.user_id,
        action=action,
        entity_type='evaluation_form',
        entity_id=form.id,
        summary=summary,
        changes=changes,
    )
