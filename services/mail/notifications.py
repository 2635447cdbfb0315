"""What each event tells, and to whom; called by the services inside the transaction of the action."""

from datetime import date
from typing import Any

from sqlmodel import Session

from models import Amendment, Composante, Convention, Organisation, Student, ValidationKind
from services.labels import VALIDATION_KIND
from services.mail.events import MailEvent
from services.mail.outbox import enqueue, staff_addresses
from settings import get_settings


def fr_date(value: date) -> str:
    return value.strftime('%d/%m/%Y')


def link(path: str) -> str:
    settings = get_settings()
    base = (settings.public_url or f'http://{settings.host}:{settings.port}').rstrip('/')
    return f'{base}{path}'


def convention_context(session: Session, convention: Convention) -> dict[str, Any]:
    student = session.get(Student, convention.student_id)
    host = session.get(Organisation, convention.organisation_id)
    return {
        'number': convention.number,
        'student': f'{student.first_name} {student.last_name}' if student else '',
        'host': host.name if host else '',
        'formation': convention.formation_label,
        'start': fr_date(convention.start_date),
        'end': fr_date(convention.end_date),
        'link': link(f'/conventions/{convention.id}'),
        'university': get_settings().university_name,
    }


def circuit_labels(composante: Composante | None) -> str:
    from services.validations import circuit_of

    return ', '.join(VALIDATION_KIND[kind].lower() for kind in circuit_of(composante))


def convention_created(session: Session, convention: Convention, by: str) -> None:
    composante = session.get(Composante, convention.composante_id)
    context = convention_context(session, convention) | {'by': by, 'circuit': circuit_labels(composante)}
    enqueue(
        session,
        MailEvent.CONVENTION_CREATED,
        staff_addresses(session, convention.composante_id),
        context,
        convention_id=convention.id,
    )


def convention_validated(session: Session, convention: Convention) -> None:
    enqueue(
        session,
        MailEvent.CONVENTION_VALIDATED,
        [convention.student_email],
        convention_context(session, convention),
        convention_id=convention.id,
    )


def convention_unvalidated(
    session: Session, convention: Convention, kind: ValidationKind, reason: str, by: str, *, reopened: bool
) -> None:
    context = convention_context(session, convention) | {
        'kind': VALIDATION_KIND[kind],
        'reason': reason,
        'by': by,
        'reopened': reopened,
    }
    enqueue(session, MailEvent.CONVENTION_UNVALIDATED, [convention.student_email], context, convention_id=convention.id)


def _amendment_context(session: Session, convention: Convention, amendment: Amendment) -> dict[str, Any]:
    return convention_context(session, convention) | {
        'amendment_number': amendment.number,
        'motif': amendment.motif,
        'link': link(f'/avenants/{amendment.id}'),
    }


def amendment_created(session: Session, convention: Convention, amendment: Amendment, by: str) -> None:
    enqueue(
        session,
        MailEvent.AMENDMENT_CREATED,
        staff_addresses(session, convention.composante_id),
        _amendment_context(session, convention, amendment) | {'by': by},
        convention_id=convention.id,
    )


def amendment_validated(session: Session, convention: Convention, amendment: Amendment) -> None:
    enqueue(
        session,
        MailEvent.AMENDMENT_VALIDATED,
        [convention.student_email],
        _amendment_context(session, convention, amendment),
        convention_id=convention.id,
    )
