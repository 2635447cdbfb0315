"""The recap of one convention (guide step 8 and « Récapitulatif »), grouped as the wizard's steps.

Plain dataclasses, ready to display: the NIR is never decrypted here, only whether it was given.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from sqlmodel import Session, col, select

from models import (
    Composante,
    Contact,
    Convention,
    ConventionStatus,
    Interruption,
    NomenclatureKind,
    Organisation,
    PrintLanguage,
    Service,
    Student,
    Teacher,
    User,
    ValidationEvent,
    ValidationKind,
)
from services.actor import Actor
from services.code_lists import code_and_label, code_labels
from services.database import session_scope
from services.i18n import _
from services.labels import CONVENTION_STATUS, GRATIFICATION_UNIT, INTERNSHIP_TYPE, VALIDATION_KIND, WORKING_TIME
from services.organisation_queries import format_siret, one_line_address
from services.permissions import Action, Target, require

M = TypeVar('M')

PRINT_LANGUAGE = {
    PrintLanguage.FRENCH: 'Français',
    PrintLanguage.ENGLISH: 'Anglais',
    PrintLanguage.GERMAN: 'Allemand',
    PrintLanguage.SPANISH: 'Espagnol',
}


class ConventionNotFound(LookupError):
    def __init__(self) -> None:
        super().__init__(_('Convention introuvable. Vérifiez le numéro ou retrouvez-la depuis la liste.'))


@dataclass(frozen=True)
class StudentPart:
    name: str
    student_number: str
    birth_date: date
    email: str
    personal_email: str | None
    phone: str | None
    address: str
    composante: str
    formation: str
    etape: str | None
    academic_year: str
    formation_yearly_hours: int
    social_security_affiliation: bool
    health_insurance_fund: str
    nir_recorded: bool  # shown masked, never in clear


@dataclass(frozen=True)
class HostPart:
    id: int
    name: str
    siret: str
    naf: str
    address: str
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class ServicePart:
    id: int
    name: str
    address: str
    phone: str | None


@dataclass(frozen=True)
class PersonPart:
    id: int
    name: str
    function: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class ContentPart:
    internship_type: str
    thematique: str
    subject: str
    activities: str
    competences: str
    supervision: str
    start_date: date
    end_date: date
    interruptions: list[tuple[date, date]]
    working_time: str
    hours_per_week: float
    days_per_week: float
    effective_hours: float
    effective_days: float
    special_times: list[str]  # nuit, dimanche, jours fériés
    leave_days: int
    gratification: str
    print_language: str


@dataclass(frozen=True)
class ValidationState:
    kind: ValidationKind
    label: str
    granted: bool
    by: str | None = None
    at: datetime | None = None
    reason: str | None = None  # why it was withdrawn


@dataclass(frozen=True)
class ConventionDetail:
    id: int
    number: str
    status: ConventionStatus
    status_label: str
    version: int
    composante_id: int
    student_id: int
    referent_id: int
    created_at: datetime
    updated_at: datetime | None
    student: StudentPart
    host: HostPart
    service: ServicePart
    tutor: PersonPart
    content: ContentPart
    referent: PersonPart
    signatory: PersonPart
    validations: list[ValidationState] = field(default_factory=list)


def get_convention_detail(actor: Actor, convention_id: int) -> ConventionDetail:
    """Read access is the policy's: the student's own, the referent's, the composante's staff, admin."""
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        if convention is None:
            raise ConventionNotFound()
        require(
            actor,
            Action.CONVENTION_READ,
            Target(
                composante_id=convention.composante_id,
                student_id=convention.student_id,
                referent_id=convention.referent_id,
            ),
        )
        return _detail(session, convention)


def _row(session: Session, model: type[M], key: int) -> M:
    """A row the foreign keys guarantee; its absence is a broken database, not a user error."""
    row = session.get(model, key)
    if row is None:
        raise LookupError(f'{model.__name__} {key} is missing')
    return row


def _contact(contact: Contact) -> PersonPart:
    assert contact.id is not None
    name = ' '.join(part for part in (contact.civility, contact.first_name, contact.last_name) if part)
    return PersonPart(contact.id, name, contact.function, contact.email, contact.phone)


def _detail(session: Session, c: Convention) -> ConventionDetail:
    student = _row(session, Student, c.student_id)
    composante = _row(session, Composante, c.composante_id)
    host = _row(session, Organisation, c.organisation_id)
    service = _row(session, Service, c.service_id)
    teacher = _row(session, Teacher, c.referent_id)
    assert c.id is not None
    naf = code_labels(session, NomenclatureKind.NAF, [host.naf_code])
    thematiques = code_labels(session, NomenclatureKind.THEMATIQUE, [c.thematique_code])
    return ConventionDetail(
        id=c.id,
        number=c.number,
        status=c.status,
        status_label=CONVENTION_STATUS[c.status],
        version=c.version,
        composante_id=c.composante_id,
        student_id=c.student_id,
        referent_id=c.referent_id,
        created_at=c.created_at,
        updated_at=c.updated_at,
        student=StudentPart(
            name=f'{student.last_name.upper()} {student.first_name}',
            student_number=student.student_number,
            birth_date=student.birth_date,
            email=c.student_email,
            personal_email=c.student_personal_email,
            phone=c.student_phone,
            address=one_line_address(c.student_address, c.student_postal_code, c.student_city, c.student_country_code),
            composante=composante.name,
            formation=c.formation_label,
            etape=c.etape_label,
            academic_year=c.academic_year,
            formation_yearly_hours=c.formation_yearly_hours,
            social_security_affiliation=c.social_security_affiliation,
            health_insurance_fund=c.health_insurance_fund,
            nir_recorded=bool(c.nir_encrypted),
        ),
        host=HostPart(
            id=c.organisation_id,
            name=host.name,
            siret=format_siret(host.siret) or host.foreign_identifier or '',
            naf=code_and_label(host.naf_code, naf),
            address=one_line_address(host.address, host.postal_code, host.city, host.country_code),
            phone=host.phone,
            email=host.email,
        ),
        service=ServicePart(
            id=c.service_id,
            name=service.name,
            address=one_line_address(host.address, host.postal_code, host.city, host.country_code)
            if service.same_address
            else one_line_address(service.address, service.postal_code, service.city, service.country_code),
            phone=service.phone,
        ),
        tutor=_contact(_row(session, Contact, c.tutor_id)),
        content=_content(session, c, thematiques),
        referent=PersonPart(
            c.referent_id, f'{teacher.first_name} {teacher.last_name}', teacher.discipline, teacher.email, teacher.phone
        ),
        signatory=_contact(_row(session, Contact, c.signatory_id)),
        validations=_validations(session, c, composante),
    )


def _gratification(c: Convention) -> str:
    if not c.gratified or c.gratification_amount_cents is None:
        return _('Non gratifié')
    amount = f'{c.gratification_amount_cents / 100:,.2f}'.replace(',', '\u00a0').replace('.', ',')
    unit = _(GRATIFICATION_UNIT[c.gratification_unit]) if c.gratification_unit else ''
    basis = f'({c.gratification_basis.value})' if c.gratification_basis else ''
    return ' '.join(part for part in (amount, c.gratification_currency, unit, basis) if part)


def _content(session: Session, c: Convention, thematiques: dict[str, str]) -> ContentPart:
    interruptions = session.exec(
        select(Interruption)
        .where(Interruption.convention_id == c.id, col(Interruption.amendment_id).is_(None))
        .order_by(col(Interruption.start_date))
    ).all()
    special = [
        label
        for flag, label in (
            (c.night_work, _('nuit')),
            (c.sunday_work, _('dimanche')),
            (c.public_holiday_work, _('jours fériés')),
        )
        if flag
    ]
    return ContentPart(
        internship_type=INTERNSHIP_TYPE[c.internship_type],
        thematique=thematiques.get(c.thematique_code, c.thematique_code),
        subject=c.subject,
        activities=c.activities,
        competences=c.competences,
        supervision=c.supervision,
        start_date=c.start_date,
        end_date=c.end_date,
        interruptions=[(period.start_date, period.end_date) for period in interruptions],
        working_time=WORKING_TIME[c.working_time],
        hours_per_week=c.hours_per_week,
        days_per_week=c.days_per_week,
        effective_hours=c.effective_hours,
        effective_days=c.effective_days,
        special_times=special,
        leave_days=c.leave_days,
        gratification=_gratification(c),
        print_language=PRINT_LANGUAGE[c.print_language],
    )


def _validations(session: Session, c: Convention, composante: Composante) -> list[ValidationState]:
    """The composante's circuit, each step with its latest event (granted, or withdrawn with a reason)."""
    events = session.exec(
        select(ValidationEvent, User.display_name)
        .join(User, col(User.id) == ValidationEvent.actor_id)
        .where(ValidationEvent.convention_id == c.id, col(ValidationEvent.amendment_id).is_(None))
        .order_by(col(ValidationEvent.at), col(ValidationEvent.id))
    ).all()
    latest = {event.kind: (event, name) for event, name in events}
    states = []
    for code in filter(None, (part.strip() for part in composante.validation_circuit.split(','))):
        kind = ValidationKind(code)
        if kind in latest:
            event, name = latest[kind]
            states.append(ValidationState(kind, VALIDATION_KIND[kind], event.granted, name, event.at, event.reason))
        else:
            states.append(ValidationState(kind, VALIDATION_KIND[kind], granted=False))
    return states
