"""« Evaluation des stages »: which forms are answered for stages that have ended.

A student sees his own ended stages, form by form; staff and teachers see completion counts per
form over the ended stages of their scope.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import col, select

from models import Composante, Convention, ConventionStatus, EvaluationForm, EvaluationResponse, Organisation
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


@dataclass(frozen=True)
class EndedStage:
    convention_id: int
    number: str
    organisation_name: str
    start_date: date
    end_date: date
    forms: list[FormState]


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


def ended(today: date | None = None) -> sa.ColumnElement[bool]:
    return sa.and_(
        col(Convention.end_date) < (today or date.today()), col(Convention.status) != ConventionStatus.CANCELLED
    )


def my_evaluations(actor: Actor, today: date | None = None) -> list[EndedStage]:
    """The student's ended stages, most recent first, each with its composante's active forms."""
    require(actor, Action.EVALUATION_ANSWER)
    if actor.student_id is None:
        return []
    with session_scope() as session:
        conventions = session.exec(
            select(Convention, Organisation.name)
            .join(Organisation, col(Organisation.id) == Convention.organisation_id)
            .where(Convention.student_id == actor.student_id, ended(today))
            .order_by(col(Convention.end_date).desc())
        ).all()
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
                    FormState(form.title, RESPONDENT[form.respondent], (form.id, convention.id) in answered)
                    for form in forms
                    if form.composante_id == convention.composante_id
                ],
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
