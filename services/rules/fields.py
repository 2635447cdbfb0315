"""Reading what was typed: tolerant parsing (« 35,5 », « 06/04/2027 ») with French messages for bad input.

Drafts store what was typed as is (dates as ISO strings); these functions turn it into typed values.
"""

import enum
from datetime import date, datetime
from typing import Any, TypeVar

from services.i18n import _

E = TypeVar('E', bound=enum.Enum)


class FieldError(ValueError):
    """Bad input for one field; the message says what to fix, in French."""


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def to_json(value: Any) -> Any:
    """What a draft stores: dates as ISO strings, strings stripped, lists recursively; the rest as typed."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ('%Y-%m-%d', '%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y'):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise FieldError(_('Date non reconnue « {typed} » : écrivez-la sous la forme JJ/MM/AAAA.', typed=text))


def parse_number(value: Any) -> float:
    if isinstance(value, bool):
        raise FieldError(_('Indiquez un nombre.'))
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace('\u00a0', '').replace(' ', '').replace(',', '.')
    try:
        return float(text)
    except ValueError:
        raise FieldError(_('« {typed} » n’est pas un nombre : écrivez par exemple 35 ou 17,5.', typed=value)) from None


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
    except ValueError:
        raise FieldError(_('Choisissez une valeur dans la liste.')) from None


def parse_id(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise FieldError(_('Choisissez un élément dans la liste.')) from None


def parse_periods(value: Any) -> list[tuple[date, date]]:
    """Interruptions: a list of [start, end]."""
    periods = []
    for item in value or []:
        if not isinstance(item, list | tuple) or len(item) < 2:
            raise FieldError(_('Chaque période doit avoir une date de début et une date de fin.'))
        periods.append((parse_date(item[0]), parse_date(item[1])))
    return periods


def parse_money_cents(value: Any) -> int:
    """Cents from an int (already cents) or from typed euros as a string (« 669,90 »)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return round(parse_number(value) * 100)
