"""French formatting of the figures put in messages: « 1 234,50 € », « 924 h », « 06/04/2027 » (units translated)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from services.i18n import _

NBSP = '\u00a0'


def number(value: float, decimals: int = 0) -> str:
    """`1234.5` → `1 234,50` (decimals=2); integral values lose their decimals when decimals is 0."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    whole, _, fraction = f'{abs(rounded):f}'.partition('.')
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NBSP.join(groups) or '0'
    if fraction:
        text += ',' + fraction
    return ('-' if rounded < 0 else '') + text


def hours(value: float) -> str:
    """Hours with at most two decimals: `924 h`, `152,5 h`."""
    text = number(value, 2).rstrip('0').rstrip(',')
    return f'{text}{NBSP}h'


def days(value: float) -> str:
    text = number(value, 2).rstrip('0').rstrip(',')
    return _('{n}\u00a0jours', n=text) if value >= 2 else _('{n}\u00a0jour', n=text)


def money(cents: float, currency: str = 'EUR') -> str:
    symbol = '€' if currency == 'EUR' else currency
    return f'{number(cents / 100, 2)}{NBSP}{symbol}'


def day(value: date) -> str:
    return value.strftime('%d/%m/%Y')


def round_cents(value: float) -> int:
    """Round half up to the cent (Python's round() would round half to even)."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
