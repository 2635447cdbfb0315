"""Staff follow-up of evaluations: for each ended stage of their composantes, who answered, who was invited.

One line per convention, one state per respondent (student, tutor, teacher) whose composante has an active
form. The staff home counts the stages still missing an answer; the page sends reminders from these lines.
"""

import enum
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models import Composante, Convention, EvaluationForm, EvaluationResponse, Organisation, Respondent, Student
from services.actor import Actor
from services.convention_queries import visible_to
from services.database import session_scope
from services.evaluation_queries import effective_end_date, ended
from services.i18n import _
from services.permissions import Action, require

LIMIT = 500


class AnswerState(enum.StrEnum):
    NO_FORM = 'sans_questionnaire'
    NOT_INVITED = 'non_invite'
    INVITED = 'invite'
    SUBMITTED = 'rempli'


@dataclass(frozen=True)
class RespondentState:
    state: AnswerState
    invited_at: datetime | None = None
    reminders: int = 0
    submitted_at: datetime | None = None

    @property
    def label(self) -> str:
        if self.state is AnswerState.SUBMITTED:
            return _('rempli le {day}', day=_day(self.submitted_at))
        if self.state is AnswerState.INVITED:
            if self.reminders:
                return _('invité, {n} relance(s)', n=self.reminders)
            return _('invité le {day}', day=_day(self.invited_at))
        if self.state is AnswerState.NOT_INVITED:
            return _('à remplir')
        return '—'


@dataclass(frozen=True)
class ConventionCompletion:
    convention_id: int
    number: str
    student_name: str
    organisation_name: str
    composante: str
    end_date: date
    states: dict[Respondent, RespondentState]

    @property
    def complete(self) -> bool:
        return all(s.state in (AnswerState.SUBMITTED, AnswerState.NO_FORM) for s in self.states.values())


@dataclass(frozen=True)
class Followup:
    lines: list[ConventionCompletion]
    total: int  # lines matching, of which at most LIMIT are listed


def _day(moment: datetime | None) -> str:
    return moment.strftime('%d/%m/%Y') if moment else '—'


def _scope(
    actor: Actor, composante_id: int | None, academic_year: str | None, today: date | None
) -> list[sa.ColumnElement[bool]]:
    conditions = [visible_to(actor, Action.EVALUATION_MANAGE), ended(today)]
    if composante_id:
        conditions.append(col(Convention.composante_id) == composante_id)
    if academic_year:
        conditions.append(col(Convention.academic_year) == academic_year)
    return conditions


def active_forms(session: Session) -> dict[int, dict[Respondent, int]]:
    """composante id -> respondent -> its active form id."""
    forms: dict[int, dict[Respondent, int]] = {}
    rows = session.exec(
        select(EvaluationForm.composante_id, EvaluationForm.respondent, EvaluationForm.id).where(
            col(EvaluationForm.active).is_(True)
        )
    ).all()
    for composante_id, respondent, form_id in rows:
        forms.setdefault(composante_id, {})[Respondent(respondent)] = form_id or 0
    return forms


def missing_answer() -> sa.ColumnElement[bool]:
    """A convention with an active form of its composante that has no submitted answer for it."""
    submitted = (
        select(EvaluationResponse.id)
        .where(
            col(EvaluationResponse.form_id) == EvaluationForm.id,
            col(EvaluationResponse.convention_id) == Convention.id,
            col(EvaluationResponse.submitted_at).is_not(None),
        )
        .correlate(Convention, EvaluationForm)
        .exists()
    )
    return (
        select(EvaluationForm.id)
        .where(
            col(EvaluationForm.composante_id) == Convention.composante_id,
            col(EvaluationForm.active).is_(True),
            ~submitted,
        )
        .correlate(Convention)
        .exists()
    )


def missing_count(actor: Actor, today: date | None = None) -> int:
    """Ended stages of the actor's composantes still missing at least one answer (the staff home counter)."""
    require(actor, Action.EVALUATION_MANAGE)
    with session_scope() as session:
        return session.exec(
            select(sa.func.count()).select_from(Convention).where(*_scope(actor, None, None, today), missing_answer())
        ).one()


def followup(
    actor: Actor,
    *,
    composante_id: int | None = None,
    academic_year: str | None = None,
    incomplete_only: bool = False,
    today: date | None = None,
) -> Followup:
    """Ended stages of the scope, most recently ended first, with each respondent's state."""
    require(actor, Action.EVALUATION_MANAGE)
    conditions = _scope(actor, composante_id, academic_year, today)
    if incomplete_only:
        conditions.append(missing_answer())
    end = effective_end_date().label('end_in_force')
    with session_scope() as session:
        total = session.exec(select(sa.func.count()).select_from(Convention).where(*conditions)).one()
        rows = session.execute(
            sa.select(
                Convention,
                col(Student.last_name),
                col(Student.first_name),
                col(Organisation.name),
                col(Composante.name),
                end,
            )
            .join(Student, col(Student.id) == Convention.student_id)
            .join(Organisation, col(Organisation.id) == Convention.organisation_id)
            .join(Composante, col(Composante.id) == Convention.composante_id)
            .where(*conditions)
            .order_by(end.desc(), col(Convention.number))
            .limit(LIMIT)
        ).all()
        forms = active_forms(session)
        form_ids = [form_id for by_respondent in forms.values() for form_id in by_respondent.values()]
        ids = [convention.id for convention, *_rest in rows]
        responses = {
            (r.form_id, r.convention_id): r
            for r in session.exec(
                select(EvaluationResponse).where(
                    col(EvaluationResponse.convention_id).in_(ids), col(EvaluationResponse.form_id).in_(form_ids)
                )
            ).all()
        }
    lines = []
    for convention, last_name, first_name, host, composante, end_date in rows:
        states = {}
        for respondent in Respondent:
            form_id = forms.get(convention.composante_id, {}).get(respondent)
            response = responses.get((form_id, convention.id)) if form_id else None
            states[respondent] = _state(form_id, response)
        lines.append(
            ConventionCompletion(
                convention.id or 0,
                convention.number,
                f'{last_name.upper()} {first_name}',
                host,
                composante,
                end_date,
                states,
            )
        )
    return Followup(lines, total)


def _state(form_id: int | None, response: EvaluationResponse | None) -> RespondentState:
    if form_id is None:
        return RespondentState(AnswerState.NO_FORM)
    if response is None:
        return RespondentState(AnswerState.NOT_INVITED)
    if response.submitted_at is not None:
        return RespondentState(AnswerState.SUBMITTED, response.invited_at, response.reminders, response.submitted_at)
    if response.invited_at is not None:
        return RespondentState(AnswerState.INVITED, response.invited_at, response.reminders)
    return RespondentState(AnswerState.NOT_INVITED)
