"""Dates, numbers and amounts written the way each print language writes them (Babel/CLDR).

CLDR groups French thousands with U+202F, which xhtml2pdf treats as a break opportunity: an amount
could be split across two lines. U+00A0 never breaks, so every French separator becomes U+00A0.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency, format_decimal

NBSP = '\u00a0'
_NARROW_NBSP = '\u202f'

LANGUAGES = ('fr', 'en', 'de', 'es')


def _no_break(text: str) -> str:
    return text.replace(_NARROW_NBSP, NBSP)


def format_long_date(value: date | None, language: str) -> str:
    """« 6 avril 2027 », « April 6, 2027 », « 6. April 2027 », « 6 de abril de 2027 »."""
    if value is None:
        return ''
    return _no_break(babel_format_date(value, format='long', locale=language))


def format_number(value: float | int | Decimal | None, language: str) -> str:
    """Up to two decimals, no trailing zeros: 280, 1 102,5, 12.345,25."""
    if value is None:
        return ''
    return _no_break(format_decimal(value, format='#,##0.##', locale=language))


def format_money(cents: int | None, currency: str, language: str) -> str:
    if cents is None:
        return ''
    amount = (Decimal(cents) / 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)
    return _no_break(format_currency(amount, currency or 'EUR', locale=language))


def country_name(code: str | None, language: str) -> str:
    if not code:
        return ''
    return str(Locale.parse(language).territories.get(code.upper(), code.upper()))
