"""« Statistiques »: conventions of the actor's scope counted by status, formation, NAF section and country."""

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import col, select

from models import Convention, ConventionStatus, NomenclatureKind, Organisation
from services.actor import Actor
from services.code_lists import code_labels
from services.database import session_scope
from services.i18n import _
from services.labels import CONVENTION_STATUS
from services.permissions import Action, require, scope_clause

# NAF rév. 2: the section of a code follows from its division (its first two digits).
NAF_SECTIONS = (
    ('A', 1, 3), ('B', 5, 9), ('C', 10, 33), ('D', 35, 35), ('E', 36, 39), ('F', 41, 43), ('G', 45, 47),
    ('H', 49, 53), ('I', 55, 56), ('J', 58, 63), ('K', 64, 66), ('L', 68, 68), ('M', 69, 75), ('N', 77, 82),
    ('O', 84, 84), ('P', 85, 85), ('Q', 86, 88), ('R', 90, 93), ('S', 94, 96), ('T', 97, 98), ('U', 99, 99),
)  # fmt: skip


@dataclass(frozen=True)
class CountRow:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class ConventionStatistics:
    total: int
    by_status: list[CountRow] = field(default_factory=list)
    by_formation: list[CountRow] = field(default_factory=list)
    by_naf_section: list[CountRow] = field(default_factory=list)
    by_country: list[CountRow] = field(default_factory=list)


def naf_section(naf_code: str | None) -> str | None:
    """'45.20A' -> 'G'; None when the code is missing or not a NAF code."""
    if not naf_code or not naf_code[:2].isdigit():
        return None
    division = int(naf_code[:2])
    return next((letter for letter, first, last in NAF_SECTIONS if first <= division <= last), None)


def _rows(counts: Counter[str], labels: dict[str, str]) -> list[CountRow]:
    return [CountRow(code, labels.get(code, code), count) for code, count in counts.most_common()]


def convention_statistics(actor: Actor) -> ConventionStatistics:
    require(actor, Action.STATISTICS_VIEW)
    scope = scope_clause(
        actor,
        Action.STATISTICS_VIEW,
        composante=col(Convention.composante_id),
        student=col(Convention.student_id),
        referent=col(Convention.referent_id),
    )
    with session_scope() as session:
        by_status = session.exec(
            select(Convention.status, sa.func.count()).where(scope).group_by(Convention.status)
        ).all()
        by_formation = session.exec(
            select(Convention.formation_label, Convention.etape_label, sa.func.count())
            .where(scope)
            .group_by(col(Convention.formation_label), col(Convention.etape_label))
        ).all()
        by_host = session.exec(
            select(Organisation.naf_code, Organisation.country_code, sa.func.count())
            .join(Convention, col(Convention.organisation_id) == Organisation.id)
            .where(scope)
            .group_by(col(Organisation.naf_code), col(Organisation.country_code))
        ).all()
        sections: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        for naf_code, country_code, count in by_host:
            sections[naf_section(naf_code) or '—'] += count
            countries[country_code] += count
        section_labels = code_labels(session, NomenclatureKind.NAF_SECTION, sections)
        country_labels = code_labels(session, NomenclatureKind.COUNTRY, countries)
    statuses = Counter({ConventionStatus(status).value: count for status, count in by_status})
    formations = Counter(
        {' — '.join(part for part in (label, etape) if part): count for label, etape, count in by_formation}
    )
    return ConventionStatistics(
        total=sum(statuses.values()),
        by_status=[
            CountRow(status.value, CONVENTION_STATUS[status], statuses[status.value])
            for status in ConventionStatus
            if statuses[status.value]
        ],
        by_formation=_rows(formations, {}),
        by_naf_section=_rows(sections, {**section_labels, '—': _('Code NAF non renseigné')}),
        by_country=_rows(countries, country_labels),
    )
