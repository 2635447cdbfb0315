"""Reads a draft's typed values field by field, collecting typed results and French errors."""

import enum
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from services import identifiers
from services.i18n import _
from services.rules import fields
from services.rules.catalog import LABELS
from services.rules.fields import FieldError
from services.rules.verdict import Verdict

E = TypeVar('E', bound=enum.Enum)
T = TypeVar('T')


class Reader:
    def __init__(self, data: dict[str, Any], verdict: Verdict | None = None) -> None:
        self.data = data
        self.verdict = verdict if verdict is not None else Verdict()
        self.values: dict[str, Any] = {}  # typed values, keyed like the Convention columns

    def missing(self, key: str) -> None:
        self.verdict.error(key, _('Indiquez {what}.', what=LABELS.get(key, 'ce champ')))

    def value(self, key: str, parse: Callable[[Any], T], required: bool, default: T | None = None) -> T | None:
        raw = self.data.get(key)
        if fields.blank(raw):
            if required:
                self.missing(key)
            self.values[key] = default
            return default
        try:
            value = parse(raw)
        except FieldError as error:
            self.verdict.error(key, str(error))
            self.values[key] = default
            return None
        self.values[key] = value
        return value

    def text(self, key: str, *, required: bool = True, max_length: int | None = None) -> str | None:
        value = self.value(key, fields.clean_text, required)
        if value is not None and max_length is not None and len(value) > max_length:
            self.verdict.error(
                key,
                _(
                    'Texte trop long : {count} caractères au plus ({actual} saisis).',
                    count=max_length,
                    actual=len(value),
                ),
            )
        return value

    def email(self, key: str, *, required: bool = True) -> str | None:
        value = self.text(key, required=required, max_length=200)
        return self._checked(key, value, identifiers.check_email)

    def phone(self, key: str, country_code: str | None = None) -> str | None:
        value = self.text(key, required=False, max_length=30)
        return self._checked(key, value, lambda typed: identifiers.check_phone(typed, country_code or 'FR'))

    def _checked(self, key: str, value: str | None, check: Callable[[str], str]) -> str | None:
        """Normalise with the shared identifier checks (services.identifiers); their message on failure."""
        if not value or key in self.verdict.errors:
            return value
        try:
            self.values[key] = check(value)
        except identifiers.InvalidIdentifier as error:
            self.verdict.error(key, str(error))
        except ValueError:  # anything else the third-party parsers reject
            self.verdict.error(key, _('Valeur invalide : corrigez la saisie.'))
        return self.values[key]

    def date(self, key: str, *, required: bool = True) -> date | None:
        return self.value(key, fields.parse_date, required)

    def number(
        self, key: str, *, required: bool = True, minimum: float | None = None, maximum: float | None = None
    ) -> float | None:
        value = self.value(key, fields.parse_number, required)
        if value is None:
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.verdict.error(
                key,
                _(
                    'Indiquez une valeur entre {minimum} et {maximum} (vous avez saisi {value}).',
                    minimum=_fr(minimum if minimum is not None else 0),
                    maximum=_fr(maximum) if maximum is not None else '∞',
                    value=_fr(value),
                ),
            )
            return None
        return value

    def integer(
        self, key: str, *, required: bool = False, minimum: int = 0, maximum: int, default: int | None = None
    ) -> int | None:
        value = self.value(key, fields.parse_int, required, default)
        if value is not None and not minimum <= value <= maximum:
            self.verdict.error(
                key, _('Indiquez un nombre entre {minimum} et {maximum}.', minimum=minimum, maximum=maximum)
            )
            self.values[key] = default
            return default
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        raw = self.data.get(key)
        value = default if raw is None else fields.parse_bool(raw)
        self.values[key] = value
        return value

    def choice(self, key: str, enum_cls: type[E], *, required: bool = True, default: E | None = None) -> E | None:
        return self.value(key, lambda raw: fields.parse_enum(enum_cls, raw), required, default)

    def ident(self, key: str, *, required: bool = True) -> int | None:
        return self.value(key, fields.parse_id, required)


def _fr(value: float) -> str:
    text = f'{value:.2f}'.rstrip('0').rstrip('.')
    return text.replace('.', ',')
