"""« Statistiques »: the conventions of the actor's scope counted by status, formation/étape, NAF section,
département, country, monthly gratification and duration; offers by status; evaluation results.

Each chart is a list of (code, label, value) rows, so the page draws it and offers its data as CSV, and the
tests compare it with SQL counts. Filters: academic year and composante.
"""

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models import Convention, ConventionStatus, GratificationUnit, NomenclatureKind, Organisation, WorkingTime
from services.actor import Actor
from services.code_lists import code_labels
from services.database import session_scope
from services.i18n import _
from services.labels import CONVENTION_STATUS
from services.permissions import Action, require, scope_clause
from services.rules.gratification import Schedule, hours_per_unit
from services.rules.legal import DEFAULT_CURRENCY, FRANCE, FULL_TIME_MONTH_HOURS

# NAF rév. 2: the section of a code follows from its division (its first two digits).
NAF_SECTIONS = (
    ('A', 1, 3), ('B', 5, 9), ('C', 10, 33), ('D', 35, 35), ('E', 36, 39), ('F', 41, 43), ('G', 45, 47),
    ('H', 49, 53), ('I', 55, 56), ('J', 58, 63), ('K', 64, 66), ('L', 68, 68), ('M', 69, 75), ('N', 77, 82),
    ('O', 84, 84), ('P', 85, 85), ('Q', 86, 88), ('R', 90, 93), ('S', 94, 96), ('T', 97, 98), ('U', 99, 99),
)  # fmt: skip
ABROAD, UNKNOWN = 'etranger', '—'
# Monthly gratification buckets, lower bounds in euros (the legal minimum is about 670 € a month in 2026).
GRATIFICATION_BUCKETS = ((0, 'Moins de 700 €'), (700, '700 à 799 €'), (800, '800 à 999 €'),
                         (1000, '1 000 à 1 499 €'), (1500, '1 500 € et plus'))  # fmt: skip
NOT_GRATIFIED, OTHER_CURRENCY = 'non_gratifie', 'autre_devise'
# Durations by legal months of presence (1 month = 22 days = 154 h; gratification is due beyond 2 months).
MONTH_HOURS = FULL_TIME_MONTH_HOURS
DURATION_BUCKETS = ('1 mois ou moins', '1 à 2 mois', '2 à 3 mois', '3 à 4 mois', '4 à 5 mois', '5 à 6 mois',
                    'Plus de 6 mois')  # fmt: skip


@dataclass(frozen=True)
class CountRow:
    code: str
    label: str
    count: float  # a number of conventions, or an average for evaluation results


@dataclass(frozen=True)
class Filters:
    academic_year: str | None = None
    composante_id: int | None = None


@dataclass(frozen=True)
class ConventionStatistics:
    total: int
    by_status: list[CountRow] = field(default_factory=list)
    by_formation: list[CountRow] = field(default_factory=list)
    by_naf_section: list[CountRow] = field(default_factory=list)
    by_departement: list[CountRow] = field(default_factory=list)
    by_country: list[CountRow] = field(default_factory=list)
    by_gratification: list[CountRow] = field(default_factory=list)
    by_duration: list[CountRow] = field(default_factory=list)


def naf_section(naf_code: str | None) -> str | None:
    """'45.20A' -> 'G'; None when the code is missing or not a NAF code."""
    if not naf_code or not naf_code[:2].isdigit():
        return None
    division = int(naf_code[:2])
    return next((letter for letter, first, last in NAF_SECTIONS if first <= division <= last), None)


def monthly_cents(amount_cents: int, unit: GratificationUnit, schedule: Schedule, total_hours: float) -> float:
    """An amount typed in any unit as a monthly amount (1 month = 154 h full time, the schedule's hours otherwise)."""
    per_unit = hours_per_unit(GratificationUnit(unit), schedule, total_hours)
    return amount_cents * schedule.hours_per_month / per_unit if per_unit else 0.0


def gratification_bucket(monthly: float) -> int:
    euros = monthly / 100
    return max(index for index, (floor, _label) in enumerate(GRATIFICATION_BUCKETS) if euros >= floor)


def duration_bucket(hours: float) -> int:
    """0 for ≤ 154 h, 1 for ≤ 308 h… 6 beyond 924 h."""
    months = 0
    while months < len(DURATION_BUCKETS) - 1 and hours > MONTH_HOURS * (months + 1):
        months += 1
    return months


def _rows(counts: Counter[str], labels: dict[str, str]) -> list[CountRow]:
    return [CountRow(code, labels.get(code, code), count) for code, count in counts.most_common()]


def convention_scope(actor: Actor, filters: Filters) -> list[sa.ColumnElement[bool]]:
    conditions = [
        scope_clause(
            actor,
            Action.STATISTICS_VIEW,
            composante=col(Convention.composante_id),
            student=col(Convention.student_id),
            referent=col(Convention.referent_id),
        )
    ]
    if filters.academic_year:
        conditions.append(col(Convention.academic_year) == filters.academic_year)
    if filters.composante_id:
        conditions.append(col(Convention.composante_id) == filters.composante_id)
    return conditions


def convention_statistics(actor: Actor, filters: Filters | None = None) -> ConventionStatistics:
    require(actor, Action.STATISTICS_VIEW)
    scope = convention_scope(actor, filters or Filters())
    with session_scope() as session:
        by_status = session.exec(
            select(Convention.status, sa.func.count()).where(*scope).group_by(Convention.status)
        ).all()
        by_formation = session.exec(
            select(Convention.formation_label, Convention.etape_label, sa.func.count())
            .where(*scope)
            .group_by(col(Convention.formation_label), col(Convention.etape_label))
        ).all()
        by_host = session.exec(
            select(Organisation.naf_code, Organisation.country_code, Organisation.departement_code, sa.func.count())
            .join(Convention, col(Convention.organisation_id) == Organisation.id)
            .where(*scope)
            .group_by(col(Organisation.naf_code), col(Organisation.country_code), col(Organisation.departement_code))
        ).all()
        sections: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        departements: Counter[str] = Counter()
        for naf_code, country_code, departement, count in by_host:
            sections[naf_section(naf_code) or UNKNOWN] += count
            countries[country_code] += count
            departements[(departement or UNKNOWN) if country_code == FRANCE else ABROAD] += count
        section_labels = code_labels(session, NomenclatureKind.NAF_SECTION, sections)
        country_labels = code_labels(session, NomenclatureKind.COUNTRY, countries)
        departement_labels = code_labels(session, NomenclatureKind.DEPARTEMENT, departements)
        gratification, durations = _money_and_time(session, scope)
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
        by_naf_section=_rows(sections, {**section_labels, UNKNOWN: _('Code NAF non renseigné')}),
        by_departement=_rows(
            departements,
            {code: f'{code} — {label}' for code, label in departement_labels.items()}
            | {ABROAD: _('Étranger'), UNKNOWN: _('Département non renseigné')},
        ),
        by_country=_rows(countries, country_labels),
        by_gratification=gratification,
        by_duration=durations,
    )


def _money_and_time(session: Session, scope: list[sa.ColumnElement[bool]]) -> tuple[list[CountRow], list[CountRow]]:
    """Monthly gratification buckets and duration buckets, in the buckets' order (empty ones kept)."""
    columns = (
        Convention.gratified,
        Convention.gratification_amount_cents,
        Convention.gratification_unit,
        Convention.gratification_currency,
        Convention.working_time,
        Convention.hours_per_week,
        Convention.days_per_week,
        Convention.effective_hours,
    )
    rows = session.execute(sa.select(*(col(column) for column in columns)).where(*scope)).all()
    money: Counter[str] = Counter()
    time: Counter[int] = Counter()
    for gratified, cents, unit, currency, working_time, per_week, days, hours in rows:
        time[duration_bucket(hours)] += 1
        if not gratified or not cents or unit is None:
            money[NOT_GRATIFIED] += 1
        elif currency != DEFAULT_CURRENCY:
            money[OTHER_CURRENCY] += 1
        else:
            schedule = Schedule(per_week, days, working_time == WorkingTime.FULL_TIME)
            money[str(gratification_bucket(monthly_cents(cents, unit, schedule, hours)))] += 1
    gratification = [CountRow(NOT_GRATIFIED, _('Non gratifié'), money[NOT_GRATIFIED])]
    gratification += [CountRow(str(i), _(label), money[str(i)]) for i, (_f, label) in enumerate(GRATIFICATION_BUCKETS)]
    if money[OTHER_CURRENCY]:
        gratification.append(CountRow(OTHER_CURRENCY, _('Autre devise'), money[OTHER_CURRENCY]))
    durations = [CountRow(str(i), _(label), time[i]) for i, label in enumerate(DURATION_BUCKETS)]
    return gratification, durations
