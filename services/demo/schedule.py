"""Durations and gratifications of the demo conventions, computed and checked by the application's own rules.

Going through services.rules (the law as code) keeps the demo lawful by construction: a plan the
rules would refuse stops the seed instead of filling the database with an impossible convention.
"""

import math
from collections.abc import Mapping
from datetime import date

from models import GratificationUnit
from services.rules import effective_duration
from services.rules import gratification as rules_gratification
from services.rules.academic_year import check_start_in_year
from services.rules.durations import Duration, french_public_holidays
from services.rules.gratification import Schedule
from services.rules.legal import FULL_TIME_WEEKLY_HOURS, MAX_HOURS_PER_HOST_YEAR, WORKING_DAYS_PER_WEEK_FULL_TIME
from services.rules.limits import check_dates

__all__ = ['MAX_HOURS_PER_HOST_YEAR', 'Duration', 'duration', 'is_public_holiday', 'needs_gratification']


def duration(start: date, end: date, hours_per_week: float, days_per_week: float, *, in_france: bool) -> Duration:
    """Hours and days of presence of a regular weekly schedule (public holidays off in France)."""
    return effective_duration(
        start, end, hours_per_week=hours_per_week, days_per_week=days_per_week, in_france=in_france
    )


def is_public_holiday(day: date) -> bool:
    return day in french_public_holidays(day.year)


def needs_gratification(hours: float) -> bool:
    return rules_gratification.is_mandatory(hours)


def is_full_time(hours_per_week: float, days_per_week: float) -> bool:
    return hours_per_week == FULL_TIME_WEEKLY_HOURS and days_per_week == WORKING_DAYS_PER_WEEK_FULL_TIME


def _schedule(hours_per_week: float, days_per_week: float) -> Schedule:
    return Schedule(hours_per_week, days_per_week, full_time=is_full_time(hours_per_week, days_per_week))


def minimum_cents(
    rates: Mapping[int, int], unit: GratificationUnit, hours_per_week: float, days_per_week: float, spent: Duration
) -> int:
    """The legal minimum in `unit` at the highest rate of the years the stage touches, rounded up to the euro
    for a monthly amount."""
    schedule = _schedule(hours_per_week, days_per_week)
    minimums = rules_gratification.yearly_minimums(rates, spent).values()
    cents = max(rules_gratification.minimum_in_unit(rate, unit, schedule, spent.hours) for rate in minimums)
    return math.ceil(cents / 100) * 100 if unit == GratificationUnit.MONTH else cents


def monthly_minimum_cents(rates: Mapping[int, int], year: int) -> int:
    """A full-time month at the year's rate (for offers, whose hours are not known yet)."""
    cents = rules_gratification.minimum_in_unit(
        rules_gratification.rate_for(rates, year), GratificationUnit.MONTH, _schedule(35, 5), 0
    )
    return math.ceil(cents / 100) * 100


def check_lawful(
    *,
    academic_year: str,
    start: date,
    end: date,
    hours_per_week: float,
    days_per_week: float,
    spent: Duration,
    gratified: bool,
    amount_cents: int | None,
    unit: GratificationUnit | None,
    rates: Mapping[int, int],
    in_france: bool,
) -> None:
    """Raises if the rules would refuse these dates (in the academic year), this duration or this gratification."""
    verdict = check_dates(start, end).merge(check_start_in_year(start, academic_year))
    verdict.merge(
        rules_gratification.check(
            gratified=gratified,
            amount_cents=amount_cents,
            unit=unit,
            currency='EUR',
            schedule=_schedule(hours_per_week, days_per_week),
            duration=spent,
            host_year_hours=spent.hours,
            rates=rates,
            in_france=in_france,
        )
    )
    if not verdict.ok or spent.hours > MAX_HOURS_PER_HOST_YEAR:
        raise AssertionError(f'demo convention refused by the rules: {verdict.errors or spent}')
