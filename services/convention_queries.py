"""Read side of conventions: summaries for lists, scoped by the permission policy."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models import Convention, ConventionDraft, ConventionStatus, Organisation, Student
from services.actor import Actor
from services.database import session_scope
from services.labels import CONVENTION_STATUS, DRAFT_STATUS
from services.permissions import Action, PermissionDenied, can, require, scope_clause


@dataclass(frozen=True)
class ConventionSummary:
    id: int | None  # None for a draft that has no number yet
    number: str | None
    student_name: str
    organisation_name: str
    start_date: date | None
    end_date: date | None
    status: str  # French label
    draft_id: int | None = None


def visible_to(actor: Actor, action: Action = Action.CONVENTION_READ) -> sa.ColumnElement[bool]:
    return scope_clause(
        actor,
        action,
        composante=col(Convention.composante_id),
        student=col(Convention.student_id),
        referent=col(Convention.referent_id),
    )


def _summaries(session: Session, where: sa.ColumnElement[bool], limit: int | None = None) -> list[ConventionSummary]:
    query = (
        select(Convention, Organisation.name, Student.last_name, Student.first_name)
        .join(Organisation, col(Organisation.id) == Convention.organisation_id)
        .join(Student, col(Student.id) == Convention.student_id)
        .where(where)
        .order_by(col(Convention.start_date).desc(), col(Convention.number).desc())
        .limit(limit)
    )
    return [
        ConventionSummary(
            id=convention.id,
            number=convention.number,
            student_name=f'{last_name.upper()} {first_name}',
            organisation_name=organisation_name,
            start_date=convention.start_date,
            end_date=convention.end_date,
            status=CONVENTION_STATUS[convention.status],
        )
        for convention, organisation_name, last_name, first_name in session.exec(query).all()
    ]


def my_conventions(actor: Actor) -> list[ConventionSummary]:
    """« Visualiser mes conventions de stage »: the student's drafts first, then his conventions."""
    require(actor, Action.CONVENTION_CREATE)
    if actor.student_id is None:
        return []
    with session_scope() as session:
        drafts = session.exec(
            select(ConventionDraft).where(
                ConventionDraft.student_id == actor.student_id, col(ConventionDraft.convention_id).is_(None)
            )
        ).all()
        summaries = [
            ConventionSummary(
                id=None,
                number=None,
                student_name=actor.display_name,
                organisation_name=str(draft.data.get('organisation_name') or '—'),
                start_date=None,
                end_date=None,
                status=DRAFT_STATUS,
                draft_id=draft.id,
            )
            for draft in drafts
        ]
        return summaries + _summaries(session, col(Convention.student_id) == actor.student_id)


def visible_conventions(
    actor: Actor, *, status: ConventionStatus | None = None, limit: int = 200
) -> list[ConventionSummary]:
    require(actor, Action.CONVENTION_SEARCH)
    where = visible_to(actor, Action.CONVENTION_SEARCH)
    if status is not None:
        where = sa.and_(where, col(Convention.status) == status)
    with session_scope() as session:
        return _summaries(session, where, limit)


def count_by_status(actor: Actor) -> dict[ConventionStatus, int]:
    require(actor, Action.CONVENTION_SEARCH)
    with session_scope() as session:
        rows = session.exec(
            select(Convention.status, sa.func.count())
            .where(visible_to(actor, Action.CONVENTION_SEARCH))
            .group_by(Convention.status)
        ).all()
    return {ConventionStatus(status): count for status, count in rows}


def search_conventions(
    actor: Actor,
    *,
    number: str = '',
    student_name: str = '',
    status: ConventionStatus | None = None,
    organisation_id: int | None = None,
    limit: int = 200,
) -> list[ConventionSummary]:
    """« Rechercher une convention »: by number (or part), student name words and status, within the scope."""
    require(actor, Action.CONVENTION_SEARCH)
    conditions = [visible_to(actor, Action.CONVENTION_SEARCH)]
    if number.strip():
        conditions.append(col(Convention.number).contains(number.strip(), autoescape=True))
    for word in student_name.split():
        conditions.append(
            sa.or_(
                col(Student.last_name).icontains(word, autoescape=True),
                col(Student.first_name).icontains(word, autoescape=True),
            )
        )
    if status is not None:
        conditions.append(col(Convention.status) == status)
    if organisation_id is not None:
        conditions.append(col(Convention.organisation_id) == organisation_id)
    with session_scope() as session:
        return _summaries(session, sa.and_(*conditions), limit)


VALIDATION_ACTIONS = (Action.VALIDATE_PEDAGOGICAL, Action.VALIDATE_ADMINISTRATIVE)


def _validation_scope(actor: Actor) -> sa.ColumnElement[bool]:
    if not any(can(actor, action) for action in VALIDATION_ACTIONS):
        raise PermissionDenied()
    return sa.or_(*(visible_to(actor, action) for action in VALIDATION_ACTIONS))


def conventions_to_validate(
    actor: Actor, status: ConventionStatus = ConventionStatus.CREATED, *, limit: int = 200
) -> list[ConventionSummary]:
    """« Validation »: conventions of the actor's validation scope in a status (by default those waiting)."""
    where = sa.and_(_validation_scope(actor), col(Convention.status) == status)
    with session_scope() as session:
        return _summaries(session, where, limit)


def validation_counts(actor: Actor) -> dict[ConventionStatus, int]:
    """How many conventions of the validation scope are in each status (for the filter's badges)."""
    where = _validation_scope(actor)
    with session_scope() as session:
        rows = session.exec(select(Convention.status, sa.func.count()).where(where).group_by(Convention.status)).all()
    return {ConventionStatus(status): count for status, count in rows}
