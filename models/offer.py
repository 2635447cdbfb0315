"""Offres de stage published by staff or proposed by hosts."""

import enum
from datetime import date, datetime

from sqlmodel import Field, SQLModel

from models.types import enum_column, fk, text_column, timestamp_column, utcnow


class OfferStatus(enum.StrEnum):
    DRAFT = 'brouillon'
    TO_MODERATE = 'a_moderer'
    PUBLISHED = 'publiee'
    FILLED = 'pourvue'
    EXPIRED = 'expiree'


class Offer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True)
    title: str = Field(max_length=200)
    status: OfferStatus = Field(sa_column=enum_column(OfferStatus))
    organisation_id: int = Field(sa_column=fk('organisation.id'))
    service_id: int | None = Field(default=None, sa_column=fk('service.id', nullable=True))
    contact_id: int | None = Field(default=None, sa_column=fk('contact.id', nullable=True))
    composante_id: int | None = Field(default=None, sa_column=fk('composante.id', nullable=True))
    description: str = Field(sa_column=text_column())
    missions: str | None = Field(default=None, sa_column=text_column(nullable=True))
    profile: str | None = Field(default=None, sa_column=text_column(nullable=True))
    thematique_code: str | None = Field(default=None, max_length=20)
    city: str | None = Field(default=None, max_length=100)
    departement_code: str | None = Field(default=None, max_length=3)
    country_code: str = Field(default='FR', max_length=2)
    start_date: date | None = None
    duration_weeks: int | None = Field(default=None, ge=1, le=52)
    remote_possible: bool = False
    gratified: bool = False
    gratification_amount_cents: int | None = Field(default=None, ge=0)
    study_level: str | None = Field(default=None, max_length=50)
    how_to_apply: str | None = Field(default=None, sa_column=text_column(nullable=True))
    publish_from: date | None = None
    publish_until: date | None = None
    created_by_id: int | None = Field(default=None, sa_column=fk('user.id', nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    updated_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True, onupdate=True))
