"""The university side: composantes (faculties, institutes) and the formations students follow."""

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.types import fk

DEFAULT_VALIDATION_CIRCUIT = 'pedagogique,validation_administrative'


class Composante(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=200)
    address: str | None = Field(default=None, max_length=300)
    internship_office_email: str | None = Field(default=None, max_length=200)
    internship_office_phone: str | None = Field(default=None, max_length=30)
    representative_name: str = Field(max_length=200, description='who signs for the university')
    representative_function: str = Field(default='Directeur·rice de la composante', max_length=200)
    # Ordered, comma-separated ValidationKind values the composante requires before « validée ».
    validation_circuit: str = Field(default=DEFAULT_VALIDATION_CIRCUIT, max_length=200)
    academic_year_switch_month: int = Field(default=9, ge=1, le=12)
    academic_year_switch_day: int = Field(default=1, ge=1, le=31)
    overlap_allowed: bool = False
    students_print_before_validation: bool = True
    students_create_amendments: bool = True
    alert_days_before_start: int = Field(default=15, ge=0)


class Formation(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint('code', 'etape_code', name='uq_formation_code_etape'),)

    id: int | None = Field(default=None, primary_key=True)
    composante_id: int = Field(sa_column=fk('composante.id'))
    code: str = Field(max_length=30)
    label: str = Field(max_length=300, description='intitulé complet du cursus (mention D124-4 n° 1)')
    diploma: str = Field(max_length=100)
    etape_code: str = Field(max_length=30)
    etape_label: str = Field(max_length=200)
    yearly_hours: int = Field(ge=0, description="volume horaire annuel d'enseignement")
