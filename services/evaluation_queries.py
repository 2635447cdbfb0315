"""« Evaluation des stages »: which forms are answered for stages that have ended.

A student sees his own ended stages, form by form; staff and teachers see completion counts per
form over the ended stages of their scope.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import col, select

from models import (
    Amendment,
    AmendmentStatus,
    Composante,
    Convention,
    ConventionStatus,
    EvaluationForm,
    EvaluationResponse,
    Organisation,
    Respondent,
    Student,
)
from services.actor import Actor
from services.convention_queries import visible_to
from services.database import session_scope
from services.labels import RESPONDENT
from services.permissions import Action, require


@dataclass(frozen=True)
class FormState:
    title: str
    respondent: str  # French label
    answered: bool
    mine: bool = False  # the actor is the one who answers it (in the application)


@dataclass(frozen=True)
class EndedStage:
    convention_id: int
    number: str
    organisation_name: str
    start_date: date
    end_date: date
    forms: list[FormState]
    student_name: str = ''


@dataclass(frozen=True)
class FormCompletion:
    form_id: int
    title: str
    respondent: str
    composante: str
    expected: int  # ended stages the form applies to
    answered: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.expected) if self.expected else 0


def effective_end_date() -> sa.ColumnElement[date]:
    """The last day in force, in SQL: the latest validated avenant's rupture or new end date, else the original."""
    changed = (
        select(sa.func.coalesce(col(Amendment.rupture_date), col(Amendment.new_end_date)))
        .where(
            col(Amendment.convention_id) == Convention.id,
            col(Amendment.status) == AmendmentStatus.VALIDATED,
            sa.or_(col(Amendment.rupture_date).is_not(None), col(Amendment.new_end_date).is_not(None)),
        )
        .order_by(col(Amendment.sequence).desc())
        .limit(1)
        .correlate(Convention)
        .scalar_subquery()
    )
    return sa.type_coerce(sa.func.coalesce(changed, col(Convention.end_date)), sa.Date())


def ended(today: date | None = None) -> sa.ColumnElement[bool]:
    """Stages whose evaluation is open: from their last day on (services.evaluations.is_open), not cancelled."""
    return sa.and_(
        effective_end_date() <= (today or date.today()), col(Convention.status) != ConventionStatus.CANCELLED
    )


def _answers_it(actor: Actor, convention: Convention, respondent: Respondent) -> bool:
    if respondent is Respondent.STUDENT:
        return actor.student_id is not None and actor.student_id == convention.student_id
    return (
        respondent is Respondent.TEACHER and actor.teacher_id is not None and actor.teacher_id == convention.referent_id
    )


def my_evaluations(actor: Actor, today: date | None = None) -> list[EndedStage]:
    """Ended stages the actor evaluates (his own as a student, his students' as enseignant référent), most recent
    first, each with its composante's active forms."""
    require(actor, Action.EVALUATION_ANSWER)
    mine = [col(Convention.student_id) == actor.student_id] if actor.student_id is not None else []
    if actor.teacher_id is not None:
        mine.append(col(Convention.referent_id) == actor.teacher_id)
    if not mine:
        return []
    with session_scope() as session:
        rows = session.exec(
            select(Convention, Organisation.name, Student.first_name, Student.last_name)
            .join(Organisation, col(Organisation.id) == Convention.organisation_id)
            .join(Student, col(Student.id) == Convention.student_id)
            .where(sa.or_(*mine), ended(today))
            .order_by(effective_end_date().desc(), col(Convention.number))
            .limit(200)
        ).all()
        conventions = [(convention, name) for convention, name, _first, _last in rows]
        students = {convention.id: f'{first} {last}' for convention, _name, first, last in rows}
        ids = [convention.id for convention, _name in conventions]
        composantes = {convention.composante_id for convention, _name in conventions}
        forms = session.exec(
            select(EvaluationForm)
            .where(col(EvaluationForm.composante_id).in_(composantes), col(EvaluationForm.active).is_(True))
            .order_by(col(EvaluationForm.respondent), col(EvaluationForm.id))
        ).all()
        answered = set(
            session.exec(
                select(EvaluationResponse.form_id, EvaluationResponse.convention_id).where(
                    col(EvaluationResponse.convention_id).in_(ids), col(EvaluationResponse.submitted_at).is_not(None)
                )
            ).all()
        )
    stages = []
    for convention, organisation_name in conventions:
        assert convention.id is not None
        stages.append(
            EndedStage(
                convention_id=convention.id,
                number=convention.number,
                organisation_name=organisation_name,
                start_date=convention.start_date,
                end_date=convention.end_date,
                forms=[
                    FormState(
                        form.title,
                        RESPONDENT[form.respondent],
                        (form.id, convention.id) in answered,
                        _answers_it(actor, convention, Respondent(form.respondent)),
                    )
                    for form in forms
                    if form.composante_id == convention.composante_id
                ],
                student_name=students.get(convention.id, ''),
            )
        )
    return stages


def completion_by_form(actor: Actor, today: date | None = None) -> list[FormCompletion]:
    """Per active form: how many ended stages of the actor's scope it applies to, and how many are answered."""
    require(actor, Action.CONVENTION_SEARCH)
    answered_response = sa.and_(
        col(EvaluationResponse.form_id) == EvaluationForm.id,
        col(EvaluationResponse.convention_id) == Convention.id,
        col(EvaluationResponse.submitted_at).is_not(None),
    )
    query = (
        select(
            EvaluationForm,
            Composante.name,
            sa.func.count(sa.distinct(col(Convention.id))),
            sa.func.count(sa.distinct(col(EvaluationResponse.convention_id))),
        )
        .join(Composante, col(Composante.id) == EvaluationForm.composante_id)
        .join(Convention, col(Convention.composante_id) == EvaluationForm.composante_id)
        .outerjoin(EvaluationResponse, answered_response)
        .where(col(EvaluationForm.active).is_(True), ended(today), visible_to(actor, Action.CONVENTION_SEARCH))
        .group_by(col(EvaluationForm.id), col(Composante.name))
        .order_by(col(Composante.name), col(EvaluationForm.respondent), col(EvaluationForm.id))
    )
    with session_scope() as session:
        rows = session.exec(query).all()
    return [
        FormCompletion(form.id or 0, form.title, RESPONDENT[form.respondent], composante, expected, answered)
        for form, composante, expected, answered in rows
    ]
