"""Lawful-by-construction durations and gratifications for the demo conventions (legal-rules.md).

Presence days are the schedule's weekdays between the dates, minus French public holidays for a
stage in France; 7 hours make a day; the gratification is due beyond 308 hours and is at least the
hourly minimum of every calendar year the stage touches.
"""

import math
from datetime import date, timedelta
from functools import cache

import holidays

HOURS_PER_DAY = 7
GRATIFICATION_THRESHOLD_HOURS = 308  # 44 days
MAX_HOURS_PER_HOST_AND_YEAR = 924  # 6 months
HOURS_PER_MONTH_FULL_TIME = 154
# Weekdays worked for a given number of days per week (Monday = 0).
_WEEKDAYS = {5: (0, 1, 2, 3, 4), 4: (0, 1, 2, 3), 3: (0, 1, 2)}


@cache
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays('FR', years=year))


def is_public_holiday(day: date) -> bool:
    return day in _public_holidays(day.year)


def presence_days(start: date, end: date, days_per_week: int, *, in_france: bool) -> int:
    weekdays = _WEEKDAYS[days_per_week]
    count, day = 0, start
    while day <= end:
        if day.weekday() in weekdays and not (in_france and day in _public_holidays(day.year)):
            count += 1
        day += timedelta(days=1)
    return count


def effective_duration(
    start: date, end: date, hours_per_week: float, days_per_week: int, *, in_france: bool
) -> tuple[float, float]:
    """(effective hours, effective days) of a regular weekly schedule."""
    hours = presence_days(start, end, days_per_week, in_france=in_france) * hours_per_week / days_per_week
    return round(hours, 2), round(hours / HOURS_PER_DAY, 2)


def needs_gratification(effective_hours: float) -> bool:
    return effective_hours > GRATIFICATION_THRESHOLD_HOURS


def hourly_minimum_cents(rates: dict[int, int], start: date, end: date) -> int:
    """The highest yearly minimum the stage is subject to (a year without a rate yet keeps the last one)."""
    known = sorted(rates)

    def rate(year: int) -> int:
        usable = [y for y in known if y <= year] or known[:1]
        return rates[usable[-1]]

    return max(rate(year) for year in range(start.year, end.year + 1))


def monthly_minimum_cents(hourly_cents: int) -> int:
    """Full-time month (154 h) at the hourly minimum, rounded up to the euro."""
    return math.ceil(hourly_cents * HOURS_PER_MONTH_FULL_TIME / 100) * 100
