"""Gratification: when it is mandatory, its legal minimum per calendar year, and the total paid.

The minimum hourly rate of each calendar year comes from the `gratification_rate` table, passed in as
a `{year: cents}` mapping. A stage spanning 31 December–1 January is checked at each year's rate for
the hours it has in that year.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from models import GratificationUnit
from services.i18n import _
from services.labels import GRATIFICATION_UNIT
from services.rules import fmt
from services.rules.durations import Duration
from services.rules.legal import (
    FULL_TIME_MONTH_HOURS,
    GRATIFICATION_FREE_DAYS,
    GRATIFICATION_FREE_HOURS,
    HOURS_PER_DAY,
    WEEKS_PER_MONTH,
)
from services.rules.verdict import Verdict


@dataclass(frozen=True)
class Schedule:
    hours_per_week: float
    days_per_week: float
    full_time: bool

    @property
    def hours_per_day(self) -> float:
        return self.hours_per_week / self.days_per_week if self.days_per_week else HOURS_PER_DAY

    @property
    def hours_per_month(self) -> float:
        """1 month = 154 h for a full-time schedule, otherwise the schedule's weekly hours over 4.4 weeks."""
        return FULL_TIME_MONTH_HOURS if self.full_time else self.hours_per_week * WEEKS_PER_MONTH


def is_mandatory(host_year_hours: float) -> bool:
    """More than 44 days (from the 309th hour) with the same host in the same academic year."""
    return host_year_hours > GRATIFICATION_FREE_HOURS


def rate_for(rates: Mapping[int, int], year: int) -> int:
    """The year's minimum in cents; a year missing from the table uses the latest earlier one."""
    if year in rates:
        return rates[year]
    earlier = [known for known in rates if known < year]
    if earlier:
        return rates[max(earlier)]
    if not rates:
        raise LookupError('no gratification rate is known')
    return rates[min(rates)]


def hours_per_unit(unit: GratificationUnit, schedule: Schedule, total_hours: float) -> float:
    return {
        GratificationUnit.HOUR: 1.0,
        GratificationUnit.DAY: schedule.hours_per_day,
        GratificationUnit.WEEK: schedule.hours_per_week,
        GratificationUnit.MONTH: schedule.hours_per_month,
        GratificationUnit.TOTAL: total_hours,
    }[unit]


def minimum_in_unit(rate_cents: int, unit: GratificationUnit, schedule: Schedule, total_hours: float) -> int:
    """The legal minimum expressed in the unit the amount was typed in (cents, rounded half up)."""
    return fmt.round_cents(rate_cents * hours_per_unit(unit, schedule, total_hours))


def yearly_minimums(rates: Mapping[int, int], duration: Duration) -> dict[int, int]:
    """Minimum hourly cents for each calendar year the stage has hours in."""
    return {year: rate_for(rates, year) for year in sorted(duration.hours_by_year) if duration.hours_by_year[year]}


def minimum_total(rates: Mapping[int, int], duration: Duration) -> int:
    return fmt.round_cents(sum(rate_for(rates, year) * hours for year, hours in duration.hours_by_year.items()))


def total_paid(amount_cents: int, unit: GratificationUnit, schedule: Schedule, duration: Duration) -> int:
    """Total gratification over the stage, for the attestation de stage (D124-9)."""
    if unit is GratificationUnit.TOTAL:
        return amount_cents
    per_unit = hours_per_unit(unit, schedule, duration.hours)
    return fmt.round_cents(amount_cents * duration.hours / per_unit) if per_unit else 0


def check(
    *,
    gratified: bool,
    amount_cents: int | None,
    unit: GratificationUnit | None,
    currency: str,
    schedule: Schedule,
    duration: Duration,
    host_year_hours: float,
    rates: Mapping[int, int],
    in_france: bool = True,
    organisation_name: str = 'cet organisme',
    academic_year: str = '',
    other_numbers: Sequence[str] = (),
) -> Verdict:
    """Refuse a missing or too small gratification when it is mandatory (warn only for a stage abroad)."""
    verdict = Verdict()
    flag = verdict.error if in_france else verdict.warn
    if not is_mandatory(host_year_hours) or not duration.hours:
        return verdict
    minimums = yearly_minimums(rates, duration)
    highest = max(minimums.values(), default=rate_for(rates, max(duration.hours_by_year, default=0)))
    if not gratified or not amount_cents:
        flag(
            'gratified',
            _(
                'Avec cette convention, le stage chez {organisation} durerait {hours} ({days}) dans l’année '
                'universitaire {year}{others} : au-delà de {free_days} jours ({free_hours}), la gratification est '
                'obligatoire. Indiquez une gratification d’au moins {minimum} par heure.',
                organisation=organisation_name,
                year=academic_year,
                others=_(', conventions n° {numbers} comprises', numbers=', '.join(other_numbers))
                if other_numbers
                else '',
                hours=fmt.hours(host_year_hours),
                days=fmt.days(host_year_hours / HOURS_PER_DAY),
                free_days=GRATIFICATION_FREE_DAYS,
                free_hours=fmt.hours(GRATIFICATION_FREE_HOURS),
                minimum=fmt.money(highest),
            ),
        )
        return verdict
    if unit is None or currency != 'EUR':
        if currency != 'EUR':
            verdict.warn(
                'gratification_currency',
                _(
                    'Montant en {currency} : vérifiez qu’il atteint au moins {minimum} par heure.',
                    currency=currency,
                    minimum=fmt.money(highest),
                ),
            )
        return verdict
    if unit is GratificationUnit.TOTAL:
        minimum = minimum_total(rates, duration)
        if amount_cents < minimum:
            flag(
                'gratification_amount_cents',
                _(
                    'Le forfait de {amount} est inférieur au minimum légal de {minimum} pour {hours} de stage. '
                    'Augmentez le montant.',
                    amount=fmt.money(amount_cents),
                    minimum=fmt.money(minimum),
                    hours=fmt.hours(duration.hours),
                ),
            )
        return verdict
    for year, rate in minimums.items():
        minimum = minimum_in_unit(rate, unit, schedule, duration.hours)
        if amount_cents >= minimum:
            continue
        per_unit = hours_per_unit(unit, schedule, duration.hours)
        if unit is GratificationUnit.HOUR:
            detail = ''
        else:
            detail = _(
                ', soit {minimum} {unit} ({hours} par {unit_name}) ; '
                'le montant saisi correspond à {per_hour} par heure',
                minimum=fmt.money(minimum),
                unit=GRATIFICATION_UNIT[unit],
                hours=fmt.hours(per_unit),
                unit_name=unit.value,
                per_hour=fmt.money(amount_cents / per_unit),
            )
        flag(
            'gratification_amount_cents',
            _(
                'Pour les heures de stage effectuées en {year}, la gratification minimale est de {rate} par heure'
                '{detail} : {amount} {unit} ne suffit pas. Indiquez au moins {minimum} {unit}.',
                year=year,
                rate=fmt.money(rate),
                detail=detail,
                amount=fmt.money(amount_cents),
                unit=GRATIFICATION_UNIT[unit],
                minimum=fmt.money(minimum),
            ),
        )
        break
    return verdict
