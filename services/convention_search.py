"""« Rechercher une convention »: number, student (fuzzy, through the search engine), host (fuzzy), teacher,
formation/étape, status, academic year and dates; sorted, paginated, within the actor's scope.

The engine gives candidate ids for the fuzzy criteria (students' names: conventions index; hosts: establishments
index); SQL then applies the scope and every exact criterion, counts, sorts and cuts the page. With a student
name and no explicit sort, the results come by relevance.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models import Convention, ConventionStatus, Organisation, Role, Student, Teacher
from services import search
from services.actor import Actor
from services.convention_queries import visible_to
from services.database import session_scope
from services.labels import CONVENTION_STATUS
from services.pagination import Page, clamp_page
from services.permissions import Action, require
from services.search.loader import build_from_database

STUDENT_CANDIDATES = 2000  # best fuzzy matches considered before the exact criteria
HOST_CANDIDATES = 300
NAME_SCORE_CUTOFF = 70.0  # below, a name only shares letters with what was typed
PAGE_SIZE = 20
MAX_PAGE_SIZE = 200
SORTS = ('pertinence', 'numero', 'etudiant', 'etablissement', 'debut', 'fin', 'statut')


@dataclass(frozen=True)
class SearchCriteria:
    number: str = ''
    student: str = ''
    host: str = ''
    teacher: str = ''
    formation: str = ''
    status: ConventionStatus | None = None
    academic_year: str = ''
    from_date: date | None = None  # stages in progress at some point between from_date and to_date
    to_date: date | None = None
    sort: str = ''  # one of SORTS; '' = relevance with a student name, else start date
    descending: bool = False
    page: int = 1
    page_size: int = PAGE_SIZE


@dataclass(frozen=True)
class ConventionRow:
    id: int
    number: str
    student_name: str
    organisation_name: str
    teacher_name: str
    formation: str
    start_date: date
    end_date: date
    status: ConventionStatus
    status_label: str


def _engine_ids(kind: str, text: str, limit: int, filters: dict[str, Any] | None = None) -> list[int]:
    """Ids matching `text` well enough, best first (the index is built on first use in this process)."""
    engine = search.get_engine()
    if not engine.ready(kind):
        build_from_database(engine, [kind])
    hits = engine.search(kind, text, filters=filters, limit=limit)
    return [hit.id for hit in hits if hit.score >= NAME_SCORE_CUTOFF]


def _engine_filters(actor: Actor) -> dict[str, Any] | None:
    """The scope as an engine filter when it is one value (a teacher only, a one-composante gestionnaire only)."""
    if actor.roles == {Role.TEACHER} and actor.teacher_id is not None:
        return {'referent': actor.teacher_id}
    composantes = actor.composantes(Role.MANAGER)
    if actor.roles == {Role.MANAGER} and composantes is not None and len(composantes) == 1:
        return {'composante': next(iter(composantes))}
    return None


def _conditions(actor: Actor, criteria: SearchCriteria, student_ids: list[int] | None) -> list[Any]:
    conditions: list[Any] = [visible_to(actor, Action.CONVENTION_SEARCH)]
    number = criteria.number.strip()
    if number:
        conditions.append(col(Convention.number).contains(number, autoescape=True))
    if student_ids is not None:
        conditions.append(col(Convention.id).in_(student_ids))
    if criteria.host.strip():
        hosts = _engine_ids(search.ESTABLISHMENTS, criteria.host, HOST_CANDIDATES)
        conditions.append(col(Convention.organisation_id).in_(hosts))
    for word in criteria.teacher.split():
        conditions.append(
            sa.or_(
                col(Teacher.last_name).icontains(word, autoescape=True),
                col(Teacher.first_name).icontains(word, autoescape=True),
            )
        )
    for word in criteria.formation.split():
        conditions.append(
            sa.or_(
                col(Convention.formation_label).icontains(word, autoescape=True),
                col(Convention.etape_label).icontains(word, autoescape=True),
            )
        )
    if criteria.status is not None:
        conditions.append(col(Convention.status) == criteria.status)
    if criteria.academic_year.strip():
        conditions.append(col(Convention.academic_year) == criteria.academic_year.strip())
    if criteria.from_date is not None:
        conditions.append(col(Convention.end_date) >= criteria.from_date)
    if criteria.to_date is not None:
        conditions.append(col(Convention.start_date) <= criteria.to_date)
    return conditions


def _base(conditions: list[Any]) -> Any:
    columns: list[Any] = [
        Convention, Student.last_name, Student.first_name, Organisation.name, Teacher.last_name, Teacher.first_name
    ]  # fmt: skip
    return (
        sa.select(*columns)
        .join(Student, col(Student.id) == Convention.student_id)
        .join(Organisation, col(Organisation.id) == Convention.organisation_id)
        .join(Teacher, col(Teacher.id) == Convention.referent_id)
        .where(*conditions)
    )


ORDERS = {
    'numero': (col(Convention.number),),
    'etudiant': (col(Student.last_name), col(Student.first_name)),
    'etablissement': (col(Organisation.name),),
    'debut': (col(Convention.start_date),),
    'fin': (col(Convention.end_date),),
    'statut': (col(Convention.status),),
}


def _row(record: Any) -> ConventionRow:
    convention, last, first, host, teacher_last, teacher_first = record
    formation = convention.formation_label + (f' — {convention.etape_label}' if convention.etape_label else '')
    return ConventionRow(
        id=convention.id,
        number=convention.number,
        student_name=f'{last.upper()} {first}',
        organisation_name=host,
        teacher_name=f'{teacher_first} {teacher_last}',
        formation=formation,
        start_date=convention.start_date,
        end_date=convention.end_date,
        status=convention.status,
        status_label=CONVENTION_STATUS[convention.status],
    )


def matching(actor: Actor, criteria: SearchCriteria) -> tuple[list[Any], list[int] | None]:
    """The search's SQL conditions (scope included) and, with a student name, the engine's ids best first.

    Also what an export of the search selects (services/exports_conventions.py); queries must join Teacher.
    """
    require(actor, Action.CONVENTION_SEARCH)
    ranked: list[int] | None = None
    if criteria.student.strip():
        ranked = _engine_ids(search.CONVENTIONS, criteria.student, STUDENT_CANDIDATES, _engine_filters(actor))
    return _conditions(actor, criteria, ranked), ranked


def search_conventions(actor: Actor, criteria: SearchCriteria) -> Page[ConventionRow]:
    size = min(max(1, criteria.page_size), MAX_PAGE_SIZE)
    conditions, ranked = matching(actor, criteria)
    sort = criteria.sort if criteria.sort in SORTS else ''
    by_relevance = ranked is not None and sort in ('', 'pertinence')
    with session_scope() as session:
        total = session.execute(sa.select(sa.func.count()).select_from(_base(conditions).subquery())).scalar_one()
        page = clamp_page(criteria.page, total, size)
        if by_relevance:
            return Page(_relevance_page(session, conditions, ranked or [], page, size), total, page, size)
        keys = ORDERS.get(sort, ORDERS['debut'])
        ordering = [key.desc() if criteria.descending else key for key in keys]
        query = _base(conditions).order_by(*ordering, col(Convention.number)).offset((page - 1) * size).limit(size)
        return Page([_row(record) for record in session.execute(query).all()], total, page, size)


def _relevance_page(
    session: Session, conditions: list[Any], ranked: list[int], page: int, size: int
) -> list[ConventionRow]:
    """The page cut from the engine's order, among the ids that pass every other criterion."""
    kept = set(
        session.exec(
            select(Convention.id).join(Teacher, col(Teacher.id) == Convention.referent_id).where(*conditions)
        ).all()
    )
    ordered = [record_id for record_id in ranked if record_id in kept]
    wanted = ordered[(page - 1) * size : page * size]
    if not wanted:
        return []
    rows = {record[0].id: _row(record) for record in session.execute(_base([col(Convention.id).in_(wanted)])).all()}
    return [rows[record_id] for record_id in wanted if record_id in rows]


def academic_years(actor: Actor) -> list[str]:
    """The academic years of the conventions in scope, newest first (for the filter)."""
    require(actor, Action.CONVENTION_SEARCH)
    with session_scope() as session:
        years = session.exec(
            select(Convention.academic_year).where(visible_to(actor, Action.CONVENTION_SEARCH)).distinct()
        ).all()
    return sorted(years, reverse=True)
