"""Effective duration of a stage: hours of presence from the dates, the schedule, interruptions and holidays.

A weekly schedule of H hours over D days puts H/D hours on each of the first D days of the week
(Monday first; a half day for 4.5 days). Interruptions, and French public holidays for a stage in
France (unless the student works on public holidays), count no hours. 7 h = 1 day, 22 days = 1 month.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import holidays

from services.rules.legal import DAYS_PER_MONTH, HOURS_PER_DAY


@dataclass(frozen=True)
class Period:
    """A stretch of an irregular calendar with its own weekly hours and days."""

    start: date
    end: date
    hours_per_week: float
    days_per_week: float


@dataclass(frozen=True)
class Duration:
    hours: float
    days: float  # hours / 7
    months: float  # days / 22
    worked_days: int = 0  # calendar days with presence
    hours_by_year: dict[int, float] = field(default_factory=dict)  # calendar year -> hours (gratification rates)
    excluded_holidays: tuple[date, ...] = ()

    @staticmethod
    def from_hours(hours: float, hours_by_year: dict[int, float] | None = None) -> 'Duration':
        hours = round(hours, 2)
        return Duration(
            hours=hours,
            days=round(hours / HOURS_PER_DAY, 2),
            months=round(hours / HOURS_PER_DAY / DAYS_PER_MONTH, 2),
            hours_by_year=dict(hours_by_year or {}),
        )


ZERO = Duration(hours=0.0, days=0.0, months=0.0)


@cache
def french_public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays('FR', years=year))


def _daily_hours(weekday: int, hours_per_week: float, days_per_week: float) -> float:
    if hours_per_week <= 0 or days_per_week <= 0:
        return 0.0
    share = min(1.0, max(0.0, days_per_week - weekday))
    return hours_per_week * share / days_per_week


def _in_any(day: date, periods: Iterable[tuple[date, date]]) -> bool:
    return any(start <= day <= end for start, end in periods)


def effective_duration(
    start: date,
    end: date,
    *,
    hours_per_week: float = 0.0,
    days_per_week: float = 0.0,
    interruptions: Sequence[tuple[date, date]] = (),
    periods: Sequence[Period] = (),
    in_france: bool = True,
    works_public_holidays: bool = False,
) -> Duration:
    """Hours of presence between `start` and `end` (inclusive); `periods`, when given, replace the weekly schedule."""
    if end < start:
        return ZERO
    total = 0.0
    by_year: dict[int, float] = {}
    worked = 0
    excluded: list[date] = []
    day = start
    while day <= end:
        if periods:
            period = next((p for p in periods if p.start <= day <= p.end), None)
            hours = _daily_hours(day.weekday(), period.hours_per_week, period.days_per_week) if period else 0.0
        else:
            hours = _daily_hours(day.weekday(), hours_per_week, days_per_week)
        if hours and interruptions and _in_any(day, interruptions):
            hours = 0.0
        if hours and in_france and not works_public_holidays and day in french_public_holidays(day.year):
            excluded.append(day)
            hours = 0.0
        if hours:
            worked += 1
            total += hours
            by_year[day.year] = by_year.get(day.year, 0.0) + hours
        day += timedelta(days=1)
    total = round(total, 2)
    return Duration(
        hours=total,
        days=round(total / HOURS_PER_DAY, 2),
        months=round(total / HOURS_PER_DAY / DAYS_PER_MONTH, 2),
        worked_days=worked,
        hours_by_year={year: round(value, 2) for year, value in by_year.items()},
        excluded_holidays=tuple(excluded),
    )
