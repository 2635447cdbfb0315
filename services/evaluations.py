"""Answering the evaluation of a stage: the student and the enseignant référent in the application, the tutor
through his e-mailed signed link (services.evaluation_links), without an account.

A form opens on the last day of the stage. Answers are stored one row per question (EvaluationAnswer);
a multiple choice is stored as a JSON list. Answers may be corrected and sent again while the form is
active — except through a one-time tutor link, which is spent by the first sending.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from models import (
    Convention,
    ConventionStatus,
    EvaluationAnswer,
    EvaluationForm,
    EvaluationResponse,
    Organisation,
    QuestionKind,
    Respondent,
    Student,
    utcnow,
)
from services import audit
from services.actor import Actor
from services.current_terms import current_terms, load_amendments
from services.database import session_scope
from services.evaluation_forms import QuestionView, ordered_questions, question_view
from services.i18n import _
from services.permissions import Action, PermissionDenied, Target, require
from services.rules.fields import clean_text

MAX_TEXT_ANSWER = 5000
YES, NO = 'oui', 'non'
Answer = str | list[str]


class EvaluationUnavailable(LookupError):
    """The form cannot be answered (yet): the message says why, in French."""


class ConventionMissing(EvaluationUnavailable):
    def __init__(self) -> None:
        super().__init__(_("Cette convention n'existe pas."))


class AnswerErrors(ValueError):
    """Per-question messages (question id -> what to fix)."""

    def __init__(self, errors: dict[int, str]) -> None:
        super().__init__(
            _('Certaines réponses sont à compléter ou à corriger : voyez les messages sous les questions.')
        )
        self.errors = errors


@dataclass(frozen=True)
class Questionnaire:
    form_id: int
    title: str
    respondent: Respondent
    convention_id: int
    convention_number: str
    student_name: str
    organisation_name: str
    start_date: date
    end_date: date
    questions: list[QuestionView]
    answers: dict[int, Answer]
    submitted_at: datetime | None


def stage_end(session: Session, convention: Convention) -> date:
    """The stage's last day in force: a validated avenant may have extended it or ended it early (rupture)."""
    return current_terms(convention, load_amendments(session, convention.id or 0)).end_date


def is_open(convention: Convention, end: date, today: date | None = None) -> bool:
    """Evaluations open on the last day of the stage; a cancelled convention has none."""
    return convention.status != ConventionStatus.CANCELLED and end <= (today or date.today())


def decode(kind: QuestionKind, value: str) -> Answer:
    if kind is QuestionKind.MULTIPLE_CHOICE:
        try:
            items = json.loads(value)
        except ValueError:
            return [value]
        return [str(item) for item in items] if isinstance(items, list) else [str(items)]
    return value


def _check_one(question: QuestionView, raw: Any) -> str | None:
    """The stored text of one answer (None: no answer), or ValueError with the message for this question."""
    if question.kind is QuestionKind.MULTIPLE_CHOICE:
        picked = [clean_text(item) for item in (raw if isinstance(raw, list | tuple) else [raw]) if item]
        if any(item not in question.choices for item in picked):
            raise ValueError(_('Choisissez parmi les réponses proposées.'))
        ordered = [choice for choice in question.choices if choice in picked]
        return json.dumps(ordered, ensure_ascii=False) if ordered else None
    if raw is None or isinstance(raw, list | dict):
        return None
    text = clean_text(raw)
    if not text:
        return None
    if question.kind is QuestionKind.YES_NO and text not in (YES, NO):
        raise ValueError(_('Répondez par oui ou par non.'))
    if question.kind is QuestionKind.SINGLE_CHOICE and text not in question.choices:
        raise ValueError(_('Choisissez parmi les réponses proposées.'))
    if question.kind is QuestionKind.SCALE and text not in ('1', '2', '3', '4', '5'):
        raise ValueError(_('Choisissez une note de 1 à 5.'))
    if question.kind is QuestionKind.TEXT and len(text) > MAX_TEXT_ANSWER:
        raise ValueError(_('Votre réponse ne doit pas dépasser {n} caractères.', n=MAX_TEXT_ANSWER))
    return text


def check_answers(questions: list[QuestionView], raw: Mapping[int, Any]) -> dict[int, str]:
    """The answers as stored, question id -> text; AnswerErrors lists every question to fix at once."""
    stored: dict[int, str] = {}
    errors: dict[int, str] = {}
    for question in questions:
        try:
            value = _check_one(question, raw.get(question.id))
        except ValueError as error:
            errors[question.id] = str(error)
            continue
        if value is None:
            if question.required:
                errors[question.id] = _('Une réponse est attendue.')
        else:
            stored[question.id] = value
    if errors:
        raise AnswerErrors(errors)
    return stored


def active_form(session: Session, composante_id: int, respondent: Respondent) -> EvaluationForm | None:
    return session.exec(
        select(EvaluationForm).where(
            EvaluationForm.composante_id == composante_id,
            EvaluationForm.respondent == respondent,
            col(EvaluationForm.active).is_(True),
        )
    ).first()


def respondent_for(actor: Actor, convention: Convention) -> Respondent | None:
    """Who the actor is on this convention: its student, its enseignant référent, or neither."""
    if actor.student_id is not None and actor.student_id == convention.student_id:
        return Respondent.STUDENT
    if actor.teacher_id is not None and actor.teacher_id == convention.referent_id:
        return Respondent.TEACHER
    return None


def response_for(session: Session, form_id: int, convention_id: int) -> EvaluationResponse | None:
    """The response row of a form for a convention (invitation, tutor link, answers), if any yet."""
    return session.exec(
        select(EvaluationResponse).where(
            EvaluationResponse.form_id == form_id, EvaluationResponse.convention_id == convention_id
        )
    ).first()


def new_response(session: Session, form_id: int, convention_id: int) -> EvaluationResponse:
    """The response row, created (and flushed) when it does not exist yet."""
    response = response_for(session, form_id, convention_id)
    if response is None:
        response = EvaluationResponse(form_id=form_id, convention_id=convention_id)
        session.add(response)
        session.flush()
    return response


def build_questionnaire(
    session: Session, convention: Convention, respondent: Respondent, today: date | None = None
) -> tuple[Questionnaire, EvaluationForm]:
    end = stage_end(session, convention)
    if not is_open(convention, end, today):
        raise EvaluationUnavailable(
            _('Le questionnaire sera ouvert le dernier jour du stage, le {day}.', day=end.strftime('%d/%m/%Y'))
            if convention.status != ConventionStatus.CANCELLED
            else _("Cette convention est annulée : elle n'a pas d'évaluation.")
        )
    form = active_form(session, convention.composante_id, respondent)
    if form is None:
        raise EvaluationUnavailable(_("La composante n'a pas encore publié ce questionnaire. Revenez plus tard."))
    questions = [question_view(q) for q in ordered_questions(session, form.id or 0)]
    kinds = {q.id: q.kind for q in questions}
    response = response_for(session, form.id or 0, convention.id or 0)
    answers: dict[int, Answer] = {}
    if response is not None:
        for row in session.exec(select(EvaluationAnswer).where(EvaluationAnswer.response_id == response.id)).all():
            if row.question_id in kinds:
                answers[row.question_id] = decode(kinds[row.question_id], row.value)
    student = session.get(Student, convention.student_id)
    host = session.get(Organisation, convention.organisation_id)
    questionnaire = Questionnaire(
        form_id=form.id or 0,
        title=form.title,
        respondent=respondent,
        convention_id=convention.id or 0,
        convention_number=convention.number,
        student_name=f'{student.first_name} {student.last_name}' if student else '',
        organisation_name=host.name if host else '',
        start_date=convention.start_date,
        end_date=end,
        questions=questions,
        answers=answers,
        submitted_at=response.submitted_at if response else None,
    )
    return questionnaire, form


def save_answers(
    session: Session, questionnaire: Questionnaire, raw: Mapping[int, Any], *, actor_id: int | None, who: str
) -> datetime:
    """Replace the response's answers by the checked ones; the submission time is returned."""
    stored = check_answers(questionnaire.questions, raw)
    response = new_response(session, questionnaire.form_id, questionnaire.convention_id)
    existing = {
        row.question_id: row
        for row in session.exec(select(EvaluationAnswer).where(EvaluationAnswer.response_id == response.id)).all()
    }
    for question_id, row in existing.items():
        if question_id not in stored:
            session.delete(row)
    for question_id, value in stored.items():
        row = existing.get(question_id) or EvaluationAnswer(
            response_id=response.id or 0, question_id=question_id, value=value
        )
        row.value = value
        session.add(row)
    response.submitted_at = utcnow()
    session.add(response)
    audit.record(
        session,
        actor_id=actor_id,
        action='evaluation.submit',
        entity_type='convention',
        entity_id=questionnaire.convention_id,
        summary=_('Questionnaire « {t} » rempli ({who})', t=questionnaire.title, who=who),
    )
    return response.submitted_at


def _convention_for(session: Session, actor: Actor, convention_id: int) -> tuple[Convention, Respondent]:
    convention = session.get(Convention, convention_id)
    if convention is None:
        raise ConventionMissing()
    require(
        actor,
        Action.EVALUATION_ANSWER,
        Target(convention.composante_id, student_id=convention.student_id, referent_id=convention.referent_id),
    )
    respondent = respondent_for(actor, convention)
    if respondent is None:
        raise PermissionDenied()
    return convention, respondent


def questionnaire(actor: Actor, convention_id: int, today: date | None = None) -> Questionnaire:
    """The form the actor answers for this convention (as its student or its enseignant référent)."""
    with session_scope() as session:
        convention, respondent = _convention_for(session, actor, convention_id)
        return build_questionnaire(session, convention, respondent, today)[0]


def submit(actor: Actor, convention_id: int, answers: Mapping[int, Any], today: date | None = None) -> datetime:
    with session_scope() as session:
        convention, respondent = _convention_for(session, actor, convention_id)
        current, _form = build_questionnaire(session, convention, respondent, today)
        return save_answers(session, current, answers, actor_id=actor.user_id, who=actor.display_name)
