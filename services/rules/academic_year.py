"""Années universitaires: `2026-2027` runs from the composante's switch date (default 1 September)."""

import re
from datetime import date, timedelta

from services.i18n import _
from services.rules import fmt
from services.rules.verdict import Verdict

_LABEL = re.compile(r'^(\d{4})-(\d{4})$')


def label(first_year: int) -> str:
    return f'{first_year}-{first_year + 1}'


def first_year(academic_year: str) -> int:
    match = _LABEL.match(academic_year or '')
    if not match or int(match[2]) != int(match[1]) + 1:
        raise ValueError(f'not an academic year: {academic_year!r}')
    return int(match[1])


def is_label(text: str) -> bool:
    try:
        first_year(text)
    except ValueError:
        return False
    return True


def _switch(year: int, month: int, day: int) -> date:
    # A 31 in a 30-day month (or 29 February) means the last day of that month.
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def academic_year_of(day: date, switch_month: int = 9, switch_day: int = 1) -> str:
    start = _switch(day.year, switch_month, switch_day)
    return label(day.year if day >= start else day.year - 1)


def bounds(academic_year: str, switch_month: int = 9, switch_day: int = 1) -> tuple[date, date]:
    """First and last day of the academic year."""
    year = first_year(academic_year)
    return _switch(year, switch_month, switch_day), _switch(year + 1, switch_month, switch_day) - timedelta(days=1)


def check_start_in_year(start: date, academic_year: str, switch_month: int = 9, switch_day: int = 1) -> Verdict:
    verdict = Verdict()
    first, last = bounds(academic_year, switch_month, switch_day)
    if not first <= start <= last:
        verdict.error(
            'start_date',
            _(
                "La date de début ({start}) doit être comprise dans l'année universitaire {year} "
                '(du {first} au {last}). Corrigez la date de début ou choisissez la bonne année universitaire.',
                start=fmt.day(start),
                year=academic_year,
                first=fmt.day(first),
                last=fmt.day(last),
            ),
        )
    return verdict
