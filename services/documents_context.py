"""Template contexts of the printed documents, built from the database rows.

Plain dicts of str/int/float/bool/date (picklable: they travel to a worker process). Values are the
raw typed ones; pdf.render formats dates, numbers and amounts for the print language and escapes them.
"""

from datetime import date
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from models import (
    Civility,
    Composante,
    Contact,
    Convention,
    Interruption,
    NomenclatureKind,
    Organisation,
    SchedulePeriod,
    Service,
    Student,
    Teacher,
)
from services.clauses import clauses_for
from services.code_lists import code_labels
from services.current_terms import Terms, load_current_terms
from services.organisation_queries import format_siret
from settings import get_settings

LOGO = 'logo.png'
M = TypeVar('M')


def get_row(session: Session, model: type[M], key: int) -> M:
    row = session.get(model, key)
    if row is None:
        raise LookupError(f'{model.__name__} {key} is missing')
    return row


def contact_view(contact: Contact) -> dict[str, Any]:
    return {
        'civility': Civility(contact.civility).value if contact.civility else None,
        'first_name': contact.first_name,
        'last_name': contact.last_name,
        'function': contact.function,
        'phone': contact.phone,
        'email': contact.email,
    }


def teacher_view(teacher: Teacher) -> dict[str, Any]:
    return {
        'civility': None,
        'first_name': teacher.first_name,
        'last_name': teacher.last_name,
        'function': '',
        'phone': teacher.phone or '',
        'email': teacher.email,
    }


def service_view(service: Service, organisation: Organisation) -> dict[str, Any]:
    own = not service.same_address and bool(service.address)
    return {
        'name': service.name,
        'address': service.address if own else organisation.address,
        'postal_code': service.postal_code if own else organisation.postal_code,
        'city': service.city if own else organisation.city,
        'country_code': (service.country_code if own else None) or organisation.country_code,
    }


def period_views(rows: list[Interruption]) -> list[dict[str, date]]:
    return [{'start_date': row.start_date, 'end_date': row.end_date} for row in rows]


# The terms in force are defined once, in services.current_terms.
Amended = Terms


def amended(session: Session, convention: Convention, *, before_sequence: int | None = None) -> Amended:
    """Apply the validated avenants (only those numbered below `before_sequence` when given)."""
    return load_current_terms(session, convention, before_sequence=before_sequence)


def common_context(
    session: Session, convention: Convention, language: str, *, service_id: int, tutor_id: int, referent_id: int
) -> dict[str, Any]:
    """The parties and their people, shared by the convention, the attestation and the avenant."""
    composante = get_row(session, Composante, convention.composante_id)
    student = get_row(session, Student, convention.student_id)
    organisation = get_row(session, Organisation, convention.organisation_id)
    naf = code_labels(session, NomenclatureKind.NAF, [organisation.naf_code])
    student_view = {
        'civility': None,
        'first_name': student.first_name,
        'last_name': student.last_name,
        'birth_date': student.birth_date,
        'student_number': student.student_number,
        'email': convention.student_email,
        'phone': convention.student_phone or '',
        'address': convention.student_address or '',
        'postal_code': convention.student_postal_code or '',
        'city': convention.student_city or '',
        'country_code': convention.student_country_code or 'FR',
        'health_insurance_fund': convention.health_insurance_fund,
    }
    university = {
        'name': get_settings().university_name,
        'logo': LOGO,
        'representative_name': composante.representative_name,
        'representative_function': composante.representative_function,
    }
    tutor = contact_view(get_row(session, Contact, tutor_id))
    signatory = contact_view(get_row(session, Contact, convention.signatory_id))
    referent = teacher_view(get_row(session, Teacher, referent_id))
    return {
        'number': convention.number,
        'academic_year': convention.academic_year,
        'university': university,
        'composante': {
            'name': composante.name,
            'address': composante.address or '',
            'email': composante.internship_office_email or '',
            'phone': composante.internship_office_phone or '',
        },
        'student': student_view,
        'formation': {
            'label': convention.formation_label,
            'etape': convention.etape_label or '',
            'yearly_hours': convention.formation_yearly_hours,
        },
        'organisation': {
            'name': organisation.name,
            'trade_name': organisation.trade_name or '',
            'siret': format_siret(organisation.siret),
            'naf_code': organisation.naf_code or '',
            'naf_label': naf.get(organisation.naf_code or '', ''),
            'foreign_identifier': organisation.foreign_identifier or '',
            'address': organisation.address,
            'postal_code': organisation.postal_code or '',
            'city': organisation.city,
            'country_code': organisation.country_code,
            'phone': organisation.phone or '',
            'email': organisation.email or '',
        },
        'service': service_view(get_row(session, Service, service_id), organisation),
        'tutor': tutor,
        'signatory': signatory,
        'referent': referent,
        'abroad': organisation.country_code != 'FR',
        'signatories': {
            'student': student_view,
            'signatory': signatory,
            'university': {'name': composante.representative_name, 'function': composante.representative_function},
            'referent': referent,
            'tutor': tutor,
        },
        'clauses': clauses_for(session, language),
        'printed_on': date.today(),
    }


def convention_context(session: Session, convention: Convention, language: str) -> dict[str, Any]:
    """The convention as signed: its own values (avenants are separate documents)."""
    assert convention.id is not None
    context = common_context(
        session,
        convention,
        language,
        service_id=convention.service_id,
        tutor_id=convention.tutor_id,
        referent_id=convention.referent_id,
    )
    own_interruptions = session.exec(
        select(Interruption)
        .where(Interruption.convention_id == convention.id, col(Interruption.amendment_id).is_(None))
        .order_by(col(Interruption.start_date))
    ).all()
    periods = session.exec(
        select(SchedulePeriod)
        .where(SchedulePeriod.convention_id == convention.id)
        .order_by(col(SchedulePeriod.start_date))
    ).all()
    context['internship'] = {
        'type': convention.internship_type.value,
        'subject': convention.subject,
        'activities': convention.activities,
        'competences': convention.competences,
        'supervision': convention.supervision,
        'start_date': convention.start_date,
        'end_date': convention.end_date,
        'effective_hours': convention.effective_hours,
        'effective_days': convention.effective_days,
        'hours_per_week': convention.hours_per_week,
        'days_per_week': convention.days_per_week,
        'working_time': convention.working_time.value,
        'schedule_periods': [
            {
                'start_date': p.start_date,
                'end_date': p.end_date,
                'hours_per_week': p.hours_per_week,
                'days_per_week': p.days_per_week,
            }
            for p in periods
        ],
        'night_work': convention.night_work,
        'sunday_work': convention.sunday_work,
        'public_holiday_work': convention.public_holiday_work,
        'interruptions': period_views(list(own_interruptions)),
        'leave_days': convention.leave_days,
        'deliverable': convention.deliverable or '',
        'validation_mode': convention.validation_mode or '',
        'ects_credits': convention.ects_credits,
        'confidential': convention.confidential,
    }
    context['gratification'] = {
        'gratified': convention.gratified and bool(convention.gratification_amount_cents),
        'amount_cents': convention.gratification_amount_cents,
        'unit': convention.gratification_unit or 'mois',
        'basis': convention.gratification_basis or 'brut',
        'payment': convention.gratification_payment or 'virement',
        'currency': convention.gratification_currency,
    }
    context['benefits'] = {
        'meals': convention.benefits_meals or '',
        'transport': convention.benefits_transport or '',
        'other': convention.benefits_other or '',
    }
    return context
