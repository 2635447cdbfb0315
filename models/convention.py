"""The convention de stage, its schedule, validations, signatures and the wizard's drafts."""

import enum
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.types import enum_column, fk, text_column, timestamp_column, utcnow


class ConventionStatus(enum.StrEnum):
    CREATED = 'creee'
    VALIDATED = 'validee'
    SIGNED = 'signee'
    FINISHED = 'terminee'
    CANCELLED = 'annulee'


class InternshipType(enum.StrEnum):
    MANDATORY = 'obligatoire'
    ADVISED = 'conseille'
    GAP_YEAR = 'cesure'
    CONTINUING_EDUCATION = 'formation_continue'


class WorkingTime(enum.StrEnum):
    FULL_TIME = 'temps_plein'
    PART_TIME = 'temps_partiel'


class GratificationUnit(enum.StrEnum):
    HOUR = 'heure'
    DAY = 'jour'
    WEEK = 'semaine'
    MONTH = 'mois'
    TOTAL = 'forfait'


class AmountBasis(enum.StrEnum):
    NET = 'net'
    GROSS = 'brut'


class PaymentMethod(enum.StrEnum):
    TRANSFER = 'virement'
    CHEQUE = 'cheque'
    CASH = 'especes'


class PrintLanguage(enum.StrEnum):
    FRENCH = 'fr'
    ENGLISH = 'en'
    GERMAN = 'de'
    SPANISH = 'es'


class ValidationKind(enum.StrEnum):
    PEDAGOGICAL = 'pedagogique'
    ADMINISTRATIVE_CHECK = 'verification_administrative'
    ADMINISTRATIVE = 'validation_administrative'


class Signatory(enum.StrEnum):
    STUDENT = 'etudiant'
    HOST_SIGNATORY = 'signataire'
    UNIVERSITY = 'etablissement'
    REFERENT = 'enseignant_referent'
    TUTOR = 'tuteur'


_convention_version = sa.Column('version', sa.Integer, nullable=False)


class Convention(SQLModel, table=True):
    __table_args__ = (
        sa.CheckConstraint('end_date >= start_date', name='ck_convention_dates'),
        sa.CheckConstraint('effective_hours >= 0', name='ck_convention_hours'),
        sa.CheckConstraint(
            'NOT gratified OR gratification_amount_cents IS NOT NULL', name='ck_convention_gratification_amount'
        ),
    )
    __mapper_args__ = {'version_id_col': _convention_version}  # optimistic lock: a stale save raises

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True)
    status: ConventionStatus = Field(sa_column=enum_column(ConventionStatus))
    academic_year: str = Field(max_length=9, index=True)
    composante_id: int = Field(sa_column=fk('composante.id'))
    created_by_id: int | None = Field(default=None, sa_column=fk('user.id', nullable=True))

    # Étape 1 — étudiant (a snapshot: the directory may change, the signed convention may not)
    student_id: int = Field(sa_column=fk('student.id'))
    formation_id: int | None = Field(default=None, sa_column=fk('formation.id', nullable=True))
    formation_label: str = Field(max_length=300)
    etape_label: str | None = Field(default=None, max_length=200)
    formation_yearly_hours: int
    student_email: str = Field(max_length=200)
    student_personal_email: str | None = Field(default=None, max_length=200)
    student_phone: str | None = Field(default=None, max_length=30)
    student_address: str | None = Field(default=None, max_length=300)
    student_postal_code: str | None = Field(default=None, max_length=20)
    student_city: str | None = Field(default=None, max_length=100)
    student_country_code: str | None = Field(default=None, max_length=2)
    social_security_affiliation: bool = True
    health_insurance_fund: str = Field(max_length=300, description="caisse d'assurance maladie")
    nir_encrypted: str | None = Field(default=None, max_length=400, description='NIR, Fernet-encrypted')
    offer_id: int | None = Field(default=None, sa_column=fk('offer.id', nullable=True))

    # Étapes 2–4, 6, 7 — the parties
    organisation_id: int = Field(sa_column=fk('organisation.id'))
    service_id: int = Field(sa_column=fk('service.id'))
    tutor_id: int = Field(sa_column=fk('contact.id'))
    referent_id: int = Field(sa_column=fk('teacher.id'))
    signatory_id: int = Field(sa_column=fk('contact.id'))

    # Étape 5 — contenu du stage
    internship_type: InternshipType = Field(sa_column=enum_column(InternshipType))
    thematique_code: str = Field(max_length=20)
    subject: str = Field(sa_column=text_column())
    activities: str = Field(sa_column=text_column())
    competences: str = Field(sa_column=text_column())
    supervision: str = Field(sa_column=text_column(), description="modalités d'encadrement et de suivi")
    start_date: date = Field(index=True)
    end_date: date
    working_time: WorkingTime = Field(sa_column=enum_column(WorkingTime))
    hours_per_week: float
    days_per_week: float
    irregular_schedule: bool = False
    effective_hours: float
    effective_days: float
    duration_override_reason: str | None = Field(default=None, sa_column=text_column(nullable=True))
    night_work: bool = False
    sunday_work: bool = False
    public_holiday_work: bool = False
    leave_days: int = 0
    gratified: bool = False
    gratification_amount_cents: int | None = None
    gratification_unit: GratificationUnit | None = Field(
        default=None, sa_column=enum_column(GratificationUnit, nullable=True)
    )
    gratification_basis: AmountBasis | None = Field(default=None, sa_column=enum_column(AmountBasis, nullable=True))
    gratification_currency: str = Field(default='EUR', max_length=3)
    gratification_payment: PaymentMethod | None = Field(
        default=None, sa_column=enum_column(PaymentMethod, nullable=True)
    )
    benefits_meals: str | None = Field(default=None, max_length=300)
    benefits_transport: str | None = Field(default=None, max_length=300)
    benefits_other: str | None = Field(default=None, max_length=500)
    found_how: str | None = Field(default=None, max_length=100)
    deliverable: str | None = Field(default=None, max_length=300, description='nature du travail à fournir')
    validation_mode: str | None = Field(default=None, max_length=300)
    confidential: bool = False
    ects_credits: float | None = None
    print_language: PrintLanguage = Field(
        default=PrintLanguage.FRENCH, sa_column=enum_column(PrintLanguage, default=PrintLanguage.FRENCH)
    )

    version: int = Field(default=1, sa_column=_convention_version)
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    updated_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True, onupdate=True))


class Interruption(SQLModel, table=True):
    """A period inside the stage when the student is away (added by the convention or an avenant)."""

    __table_args__ = (sa.CheckConstraint('end_date >= start_date', name='ck_interruption_dates'),)

    id: int | None = Field(default=None, primary_key=True)
    convention_id: int = Field(sa_column=fk('convention.id', ondelete='CASCADE'))
    amendment_id: int | None = Field(default=None, sa_column=fk('amendment.id', nullable=True, ondelete='CASCADE'))
    start_date: date
    end_date: date


class SchedulePeriod(SQLModel, table=True):
    """One period of an irregular calendar: its own weekly hours and days."""

    __tablename__ = 'schedule_period'
    __table_args__ = (sa.CheckConstraint('end_date >= start_date', name='ck_schedule_period_dates'),)

    id: int | None = Field(default=None, primary_key=True)
    convention_id: int = Field(sa_column=fk('convention.id', ondelete='CASCADE'))
    start_date: date
    end_date: date
    hours_per_week: float
    days_per_week: float


class ValidationEvent(SQLModel, table=True):
    """A validation given or withdrawn (with its reason) on a convention or one of its avenants."""

    __tablename__ = 'validation_event'

    id: int | None = Field(default=None, primary_key=True)
    convention_id: int = Field(sa_column=fk('convention.id', ondelete='CASCADE'))
    amendment_id: int | None = Field(default=None, sa_column=fk('amendment.id', nullable=True, ondelete='CASCADE'))
    kind: ValidationKind = Field(sa_column=enum_column(ValidationKind))
    granted: bool = Field(description='False when the validation is withdrawn')
    reason: str | None = Field(default=None, sa_column=text_column(nullable=True))
    actor_id: int = Field(sa_column=fk('user.id'))
    at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class Signature(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint('convention_id', 'amendment_id', 'signatory', name='uq_signature_signatory'),)

    id: int | None = Field(default=None, primary_key=True)
    convention_id: int = Field(sa_column=fk('convention.id', ondelete='CASCADE'))
    amendment_id: int | None = Field(default=None, sa_column=fk('amendment.id', nullable=True, ondelete='CASCADE'))
    signatory: Signatory = Field(sa_column=enum_column(Signatory))
    signed_on: date
    outside_application: bool = False
    document_path: str | None = Field(default=None, max_length=400)
    recorded_by_id: int = Field(sa_column=fk('user.id'))
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class ConventionDraft(SQLModel, table=True):
    """What a student typed in the wizard, saved at every step until « Créer » (or an edit is saved)."""

    __tablename__ = 'convention_draft'

    id: int | None = Field(default=None, primary_key=True)
    student_id: int = Field(sa_column=fk('student.id'))
    convention_id: int | None = Field(default=None, sa_column=fk('convention.id', nullable=True, ondelete='CASCADE'))
    owner_id: int = Field(sa_column=fk('user.id'), description='who is typing: the student or a gestionnaire')
    step: int = 1
    data: dict[str, Any] = Field(default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    updated_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True, onupdate=True))
