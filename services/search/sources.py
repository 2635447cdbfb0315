"""Where each kind of search record comes from: one SELECT per kind and the row -> SearchRecord mapping.

Plain SQLAlchemy Core selects (no ORM objects), read in chunks, so loading a million establishments stays
within a few seconds and a few hundred megabytes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from models import Convention, Offer, Organisation, Student, Teacher
from services.search.engine import CONVENTIONS, ESTABLISHMENTS, OFFERS, STUDENTS, TEACHERS
from services.search.records import SearchRecord

# NAF rev. 2: the section (letter) of each division (first two digits of the code).
_NAF_SECTIONS = (
    ('A', 1, 3), ('B', 5, 9), ('C', 10, 33), ('D', 35, 35), ('E', 36, 39), ('F', 41, 43), ('G', 45, 47),
    ('H', 49, 53), ('I', 55, 56), ('J', 58, 63), ('K', 64, 66), ('L', 68, 68), ('M', 69, 75), ('N', 77, 82),
    ('O', 84, 84), ('P', 85, 85), ('Q', 86, 88), ('R', 90, 93), ('S', 94, 96), ('T', 97, 98), ('U', 99, 99),
)  # fmt: skip
BODY_CHARACTERS = 3000  # an offer's description beyond this adds little to finding it


def naf_section(naf_code: str | None) -> str | None:
    """'62.01Z' -> 'J'."""
    if not naf_code or not naf_code[:2].isdigit():
        return None
    division = int(naf_code[:2])
    return next((letter for letter, first, last in _NAF_SECTIONS if first <= division <= last), None)


def _table(model: Any) -> sa.Table:
    return model.__table__


@dataclass(frozen=True)
class Source:
    kind: str
    table: sa.Table
    select: Callable[[], sa.Select[Any]]  # every column the record needs, the record id first
    record: Callable[[Any], SearchRecord]
    timestamped: bool  # has created_at/updated_at: changes are found by time, not only by id

    def changed_expression(self) -> sa.ColumnElement[Any]:
        return sa.func.coalesce(self.table.c.updated_at, self.table.c.created_at)


def _person_title(last_name: str, first_name: str) -> str:
    return f'{last_name} {first_name}'


def _organisation_select() -> sa.Select[Any]:
    o = _table(Organisation).c
    return sa.select(
        o.id, o.name, o.trade_name, o.siret, o.foreign_identifier, o.naf_code, o.departement_code,
        o.country_code, o.closed_on, o.merged_into_id, o.needs_review,
    )  # fmt: skip


def _organisation_record(row: Any) -> SearchRecord:
    title = f'{row.name} {row.trade_name}' if row.trade_name else row.name
    attributes = {
        'departement': row.departement_code,
        'country': row.country_code,
        'naf_section': naf_section(row.naf_code),
        'open': row.closed_on is None and row.merged_into_id is None,
        'needs_review': bool(row.needs_review),
    }
    codes = tuple(code for code in (row.siret, row.foreign_identifier) if code)
    return SearchRecord(title=title, codes=codes, attributes=attributes)


def _teacher_select() -> sa.Select[Any]:
    t = _table(Teacher).c
    return sa.select(t.id, t.last_name, t.first_name, t.composante_id, t.active)


def _teacher_record(row: Any) -> SearchRecord:
    attributes = {'composante': row.composante_id, 'active': bool(row.active)}
    return SearchRecord(title=_person_title(row.last_name, row.first_name), attributes=attributes)


def _student_select() -> sa.Select[Any]:
    s = _table(Student).c
    return sa.select(s.id, s.last_name, s.first_name, s.student_number, s.composante_id, s.academic_year)


def _student_record(row: Any) -> SearchRecord:
    attributes = {'composante': row.composante_id, 'academic_year': row.academic_year}
    return SearchRecord(
        title=_person_title(row.last_name, row.first_name), codes=(row.student_number,), attributes=attributes
    )


def _convention_select() -> sa.Select[Any]:
    c, s, o = _table(Convention).c, _table(Student).c, _table(Organisation).c
    return (
        sa.select(
            c.id, c.number, c.status, c.academic_year, c.composante_id, c.student_id, c.referent_id,
            s.last_name, s.first_name, o.name.label('organisation_name'), o.trade_name,
        )
        .join_from(_table(Convention), _table(Student), c.student_id == s.id)
        .join(_table(Organisation), c.organisation_id == o.id)
    )  # fmt: skip


def _convention_record(row: Any) -> SearchRecord:
    _year, _, sequence = row.number.partition('-')
    codes = (row.number, sequence, sequence.lstrip('0')) if sequence else (row.number,)
    attributes = {
        'status': str(row.status),
        'academic_year': row.academic_year,
        'composante': row.composante_id,
        'student': row.student_id,
        'referent': row.referent_id,
    }
    return SearchRecord(
        title=_person_title(row.last_name, row.first_name),
        body=' '.join(part for part in (row.organisation_name, row.trade_name) if part),
        codes=tuple(code for code in codes if code),
        attributes=attributes,
    )


def _offer_select() -> sa.Select[Any]:
    f, o = _table(Offer).c, _table(Organisation).c
    return sa.select(
        f.id, f.number, f.title, f.description, f.status, f.city, f.departement_code, f.country_code,
        f.composante_id, o.name.label('organisation_name'), o.trade_name,
    ).join_from(_table(Offer), _table(Organisation), f.organisation_id == o.id)  # fmt: skip


def _offer_record(row: Any) -> SearchRecord:
    host = ' '.join(part for part in (row.organisation_name, row.trade_name, row.city) if part)
    attributes = {
        'status': str(row.status),
        'departement': row.departement_code,
        'country': row.country_code,
        'composante': row.composante_id,
    }
    return SearchRecord(
        title=row.title,
        body=f'{host} {(row.description or "")[:BODY_CHARACTERS]}',
        codes=(row.number,),
        attributes=attributes,
    )


SOURCES: dict[str, Source] = {
    ESTABLISHMENTS: Source(
        ESTABLISHMENTS, _table(Organisation), _organisation_select, _organisation_record, timestamped=True
    ),
    TEACHERS: Source(TEACHERS, _table(Teacher), _teacher_select, _teacher_record, timestamped=False),
    STUDENTS: Source(STUDENTS, _table(Student), _student_select, _student_record, timestamped=False),
    CONVENTIONS: Source(CONVENTIONS, _table(Convention), _convention_select, _convention_record, timestamped=True),
    OFFERS: Source(OFFERS, _table(Offer), _offer_select, _offer_record, timestamped=True),
}
