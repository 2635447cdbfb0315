"""Établissements d'accueil (host organisations), their services and their contacts."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.types import enum_column, fk, timestamp_column, utcnow


class OrganisationType(enum.StrEnum):
    PRIVATE_COMPANY = 'entreprise_privee'
    PUBLIC_COMPANY = 'entreprise_publique'
    ADMINISTRATION = 'administration'
    ASSOCIATION = 'association'
    PUBLIC_INSTITUTION = 'etablissement_public'
    HOSPITAL = 'etablissement_sante'
    EDUCATION = 'etablissement_enseignement'
    OTHER = 'autre'


class Civility(enum.StrEnum):
    MADAME = 'Mme'
    MONSIEUR = 'M.'


class Organisation(SQLModel, table=True):
    # An open organisation's SIRET is unique; a closed or merged one no longer competes for it.
    __table_args__ = (
        sa.Index(
            'uq_organisation_open_siret',
            'siret',
            unique=True,
            sqlite_where=sa.text('closed_on IS NULL AND merged_into_id IS NULL'),
            postgresql_where=sa.text('closed_on IS NULL AND merged_into_id IS NULL'),
        ),
        sa.CheckConstraint("country_code <> 'FR' OR siret IS NOT NULL", name='ck_organisation_siret_in_france'),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, description='raison sociale')
    trade_name: str | None = Field(default=None, max_length=200, description='enseigne')
    siret: str | None = Field(default=None, max_length=14, description='compact form; not required abroad')
    foreign_identifier: str | None = Field(default=None, max_length=60, description='registration number abroad')
    naf_code: str | None = Field(default=None, max_length=6, index=True)
    activity: str | None = Field(default=None, max_length=300)
    headcount_range: str | None = Field(default=None, max_length=2, description='tranche d’effectif INSEE')
    headcount: int | None = Field(default=None, ge=0)
    legal_category: str | None = Field(default=None, max_length=4, description='catégorie juridique INSEE')
    kind: OrganisationType = Field(sa_column=enum_column(OrganisationType))
    address: str = Field(max_length=300)
    postal_code: str | None = Field(default=None, max_length=20)
    city: str = Field(max_length=100)
    departement_code: str | None = Field(default=None, max_length=3, index=True)
    country_code: str = Field(default='FR', max_length=2, index=True)
    phone: str | None = Field(default=None, max_length=30)
    email: str | None = Field(default=None, max_length=200)
    website: str | None = Field(default=None, max_length=300)
    needs_review: bool = Field(default=False, description='« à vérifier »: created by a student, not yet checked')
    closed_on: date | None = None
    merged_into_id: int | None = Field(default=None, sa_column=fk('organisation.id', nullable=True))
    created_by_id: int | None = Field(default=None, sa_column=fk('user.id', nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    updated_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True, onupdate=True))


class Service(SQLModel, table=True):
    """Service d'accueil / lieu de stage."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(sa_column=fk('organisation.id'))
    name: str = Field(max_length=200)
    same_address: bool = True
    address: str | None = Field(default=None, max_length=300)
    postal_code: str | None = Field(default=None, max_length=20)
    city: str | None = Field(default=None, max_length=100)
    country_code: str | None = Field(default=None, max_length=2)
    phone: str | None = Field(default=None, max_length=30)
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class Contact(SQLModel, table=True):
    """A person of the host: tuteur professionnel, signataire, offer contact."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(sa_column=fk('organisation.id'))
    service_id: int | None = Field(default=None, sa_column=fk('service.id', nullable=True))
    civility: Civility | None = Field(default=None, sa_column=enum_column(Civility, nullable=True))
    last_name: str = Field(max_length=100)
    first_name: str = Field(max_length=100)
    function: str = Field(max_length=150)
    phone: str = Field(max_length=30)
    email: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
