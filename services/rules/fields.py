"""Reading what was typed: tolerant parsing (« 35,5 », « 06/04/2027 ») with French messages for bad input.

Drafts store what was typed as is (dates as ISO strings); these functions turn it into typed values.
"""

import enum
import math
import re
from datetime import date, datetime
from typing import Any, TypeVar

from services.i18n import _

E = TypeVar('E', bound=enum.Enum)
MAX_ID = 2**63 - 1  # database integers; a bigger « id » is not one
FIRST_YEAR, LAST_YEAR = 1950, 2150  # dates outside are typing mistakes (and would make durations endless)
MAX_PERIODS = 100
_CONTROL = re.compile(r'[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')  # control characters, except tab and newlines


class FieldError(ValueError):
    """Bad input for one field; the message says what to fix, in French."""


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def clean_text(value: Any) -> str:
    """Text as stored: stripped, without control characters (PostgreSQL refuses NUL in text)."""
    return _CONTROL.sub('', str(value)).strip()


def to_json(value: Any) -> Any:
    """What a draft stores: dates as ISO strings, strings cleaned, containers recursively, odd values as text."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return to_json(value.value)
    if isinstance(value, str):
        return clean_text(value)
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)  # JSON has no NaN nor infinity
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(key): to_json(item) for key, item in value.items()}
    return clean_text(value)


DATE_KEYS = frozenset({'start_date', 'end_date'})
PERIOD_KEYS = frozenset({'interruptions', 'schedule_periods'})  # lists whose first two items are dates


def _iso_if_date(value: Any) -> Any:
    try:
        return parse_date(value).isoformat()
    except FieldError:
        return value


def stored(key: str, value: Any) -> Any:
    """What the draft keeps for a typed value: as typed, but dates that can be read become ISO strings."""
    value = to_json(value)
    if key in DATE_KEYS and isinstance(value, str) and value:
        return _iso_if_date(value)
    if key in PERIOD_KEYS and isinstance(value, list):
        return [
            [_iso_if_date(item[0]), _iso_if_date(item[1]), *item[2:]]
            if isinstance(item, list) and len(item) >= 2
            else item
            for item in value
        ]
    return value


def as_id(value: Any) -> int | None:
    """A database id from a select (an int, or its digits as text), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        number = int(value.strip())
    else:
        return None
    return number if 1 <= number <= MAX_ID else None


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return _plausible(value.date())
    if isinstance(value, date):
        return _plausible(value)
    text = clean_text(value)[:40]
    for pattern in ('%Y-%m-%d', '%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y'):
        try:
            return _plausible(datetime.strptime(text, pattern).date())
        except ValueError:
            continue
    raise FieldError(_('Date non reconnue « {typed} » : écrivez-la sous la forme JJ/MM/AAAA.', typed=text))


def _plausible(day: date) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise FieldError(_('Date improbable ({day}) : vérifiez l’année.', day=day.strftime('%d/%m/%Y')))
    return day


def parse_number(value: Any) -> float:
    if isinstance(value, bool):
        raise FieldError(_('Indiquez un nombre.'))
    if isinstance(value, int | float):
        number = float(value) if abs(value) < 1e300 else math.inf
    else:
        text = clean_text(value)[:40].replace('\u00a0', '').replace(' ', '').replace(',', '.')
        try:
            number = float(text)
        except ValueError:
            number = math.nan
    if math.isfinite(number):
        return number
    typed = clean_text(value)[:40]
    raise FieldError(_('« {typed} » n’est pas un nombre : écrivez par exemple 35 ou 17,5.', typed=typed))


def parse_int(value: Any) -> int:
    number = parse_number(value)
    if number != int(number):
        raise FieldError(_('Indiquez un nombre entier.'))
    return int(number)


def parse_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {'1', 'true', 'oui', 'yes', 'on'}
    return bool(value)


def parse_enum(enum_cls: type[E], value: Any) -> E:
    try:
        return enum_cls(value.value if isinstance(value, enum.Enum) else value)
    except (TypeError, ValueError):  # TypeError: an unhashable value (a list…) sent for a choice
        raise FieldError(_('Choisissez une valeur dans la liste.')) from None


def parse_id(value: Any) -> int:
    number = as_id(value)
    if number is None:
        raise FieldError(_('Choisissez un élément dans la liste.'))
    return number


def periods_list(value: Any) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise FieldError(_('Indiquez les périodes sous forme de dates de début et de fin.'))
    if len(value) > MAX_PERIODS:
        raise FieldError(_('{count} périodes au plus.', count=MAX_PERIODS))
    return list(value)


def parse_periods(value: Any) -> list[tuple[date, date]]:
    """Interruptions: a list of [start, end]."""
    periods = []
    for item in periods_list(value):
        if not isinstance(item, list | tuple) or len(item) < 2:
            raise FieldError(_('Chaque période doit avoir une date de début et une date de fin.'))
        periods.append((parse_date(item[0]), parse_date(item[1])))
    return periods


MAX_AMOUNT_CENTS = 10_000_000  # 100 000 €: beyond, a typing mistake (and beyond a 32-bit column soon after)


def parse_money_cents(value: Any) -> int:
    """Cents from an int (already cents) or from typed euros as text or a float (« 669,90 »)."""
    is_cents = isinstance(value, int) and not isinstance(value, bool)
    cents = value if is_cents else round(parse_number(value) * 100)
    if abs(cents) > MAX_AMOUNT_CENTS:
        raise FieldError(_('Montant improbable : vérifiez la saisie (en euros, par exemple 693,00).'))
    return cents
