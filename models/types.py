"""Column types shared by every table: aware UTC timestamps and enums stored as checked strings."""

import enum
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC, always returns an aware datetime (SQLite forgets the zone, PostgreSQL keeps it)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError('naive datetime: use models.types.utcnow()')
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def timestamp_column(*, nullable: bool = False, onupdate: bool = False) -> Any:
    return sa.Column(
        UTCDateTime(),
        nullable=nullable,
        default=None if nullable else utcnow,
        onupdate=utcnow if onupdate else None,
    )


def enum_column(enum_cls: type[enum.Enum], *, nullable: bool = False, default: enum.Enum | None = None) -> Any:
    """A VARCHAR with a CHECK constraint listing the values: portable, and readable in SQL."""
    return sa.Column(
        sa.Enum(
            enum_cls,
            native_enum=False,
            create_constraint=True,
            length=40,
            values_callable=lambda members: [m.value for m in members],
            validate_strings=True,
            name=f'ck_{enum_cls.__name__.lower()}',
        ),
        nullable=nullable,
        default=default,
    )


def fk(target: str, *, nullable: bool = False, ondelete: str | None = None, unique: bool = False) -> Any:
    return sa.Column(
        sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=not unique, unique=unique or None
    )


def text_column(*, nullable: bool = False) -> Any:
    return sa.Column(sa.Text, nullable=nullable)
