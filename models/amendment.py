"""Avenants: numbered changes to a validated convention, validated and then locked like it."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.convention import AmountBasis, GratificationUnit, PaymentMethod
from models.types import enum_column, fk, text_column, timestamp_column, utcnow


class AmendmentStatus(enum.StrEnum):
    CREATED = 'cree'
    VALIDATED = 'valide'
    CANCELLED = 'annule'


_amendment_version = sa.Column('version', sa.Integer, nullable=False)


class Amendment(SQLModel, table=True):
    """Each change group is present when its columns are set; None means « unchanged »."""

    __table_args__ = (
        sa.UniqueConstraint('convention_id', 'sequence', name='uq_amendment_sequence'),
        sa.CheckConstraint(
            'new_end_date IS NULL OR new_start_date IS NULL OR new_end_date >= new_start_date',
            name='ck_amendment_dates',
        ),
    )
    __mapper_args__ = {'version_id_col': _amendment_version}

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=24, unique=True, description='AAAA-NNNNNN-An')
    convention_id: int = Field(sa_column=fk('convention.id'))
    sequence: int = Field(description='n of An')
    status: AmendmentStatus = Field(sa_column=enum_column(AmendmentStatus))
    motif: str = Field(sa_column=text_column())

    new_start_date: date | None = None
    new_end_date: date | None = None
    rupture_date: date | None = None
    rupture_reason: str | None = Field(default=None, sa_column=text_column(nullable=True))
    new_subject: str | None = Field(default=None, sa_column=text_column(nullable=True))
    new_gratification_amount_cents: int | None = None
    new_gratification_unit: GratificationUnit | None = Field(
        default=None, sa_column=enum_column(GratificationUnit, nullable=True)
    )
    new_gratification_basis: AmountBasis | None = Field(default=None, sa_column=enum_column(AmountBasis, nullable=True))
    new_gratification_payment: PaymentMethod | None = Field(
        default=None, sa_column=enum_column(PaymentMethod, nullable=True)
    )
    new_service_id: int | None = Field(default=None, sa_column=fk('service.id', nullable=True))
    new_tutor_id: int | None = Field(default=None, sa_column=fk('contact.id', nullable=True))
    new_referent_id: int | None = Field(default=None, sa_column=fk('teacher.id', nullable=True))
    other_change: str | None = Field(default=None, sa_column=text_column(nullable=True))
    new_effective_hours: float | None = None
    new_effective_days: float | None = None

    version: int = Field(default=1, sa_column=_amendment_version)
    created_by_id: int = Field(sa_column=fk('user.id'))
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    updated_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True, onupdate=True))
