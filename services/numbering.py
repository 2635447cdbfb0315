"""Human-friendly numbers allocated by the database, so concurrent creations never collide.

A counter row per series is incremented with UPDATE … RETURNING inside the caller's transaction:
PostgreSQL locks the row, SQLite the database, until that transaction ends.
"""

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from models import NumberSequence

_table = NumberSequence.__table__  # type: ignore[attr-defined]


def allocate(session: Session, series: str) -> int:
    """The next value of `series` (1 for a new series)."""
    bump = (
        sa.update(_table)
        .where(_table.c.name == series)
        .values(last_value=_table.c.last_value + 1)
        .returning(_table.c.last_value)
    )
    value = session.execute(bump).scalar_one_or_none()
    if value is not None:
        return int(value)
    try:
        with session.begin_nested():
            session.execute(sa.insert(_table).values(name=series, last_value=1))
        return 1
    except IntegrityError:  # another transaction created the series meanwhile
        return int(session.execute(bump).scalar_one())


def convention_number(session: Session, year: int) -> str:
    """`AAAA-NNNNNN`, AAAA being the first year of the convention's academic year."""
    return f'{year}-{allocate(session, f"convention:{year}"):06d}'


def offer_number(session: Session, year: int) -> str:
    return f'OF-{year}-{allocate(session, f"offre:{year}"):05d}'


def amendment_number(convention_number: str, sequence: int) -> str:
    """`AAAA-NNNNNN-An`: the n-th avenant of that convention."""
    return f'{convention_number}-A{sequence}'
