"""Code lists (NAF, catégories juridiques, départements, pays, thématiques…), legal rates and counters."""

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


class NomenclatureKind:
    NAF = 'naf'
    NAF_SECTION = 'naf_section'
    LEGAL_CATEGORY = 'categorie_juridique'
    HEADCOUNT_RANGE = 'tranche_effectif'
    DEPARTEMENT = 'departement'
    REGION = 'region'
    COUNTRY = 'pays'
    THEMATIQUE = 'thematique'
    FOUND_HOW = 'mode_recherche'
    STUDY_LEVEL = 'niveau_etudes'


class NomenclatureEntry(SQLModel, table=True):
    __tablename__ = 'nomenclature_entry'
    __table_args__ = (sa.UniqueConstraint('kind', 'code', name='uq_nomenclature_kind_code'),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30, index=True)
    code: str = Field(max_length=20)
    label: str = Field(max_length=300)
    active: bool = True
    position: int = 0


class GratificationRate(SQLModel, table=True):
    """Minimum hourly gratification of a calendar year (15 % of the social-security hourly ceiling)."""

    __tablename__ = 'gratification_rate'
    __table_args__ = (sa.CheckConstraint('hourly_minimum_cents > 0', name='ck_gratification_rate_positive'),)

    year: int = Field(primary_key=True, sa_column_kwargs={'autoincrement': False})
    hourly_minimum_cents: int


class NumberSequence(SQLModel, table=True):
    """Counters behind human-friendly numbers (conventions per year, offers), incremented in the database."""

    __tablename__ = 'number_sequence'

    name: str = Field(primary_key=True, max_length=40)
    last_value: int = 0
