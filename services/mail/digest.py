"""The daily digest: conventions starting within the composante's `alert_days_before_start` days, not yet validated.

Run every hour by the `mail-digest` job; a digest is queued once per composante and per day (dedup key), so a
restart or a second instance never sends it twice.
"""

from datetime import date, timedelta

from sqlmodel import col, select

from models import Composante, Convention, ConventionStatus, Organisation, Student
from services.database import session_scope
from services.mail.events import MailEvent
from services.mail.notifications import fr_date, link
from services.mail.outbox import already_queued, enqueue, is_enabled, staff_addresses
from settings import get_settings


def enqueue_start_digests(today: date | None = None) -> int:
    """Queue today's digests not queued yet; the number of messages queued."""
    today = today or date.today()
    queued = 0
    with session_scope() as session:
        if not is_enabled(session, MailEvent.START_DIGEST):
            return 0
        for composante in session.exec(select(Composante).order_by(col(Composante.id))).all():
            key = f'digest:{today.isoformat()}:{composante.id}'
            if already_queued(session, key):
                continue
            days = composante.alert_days_before_start
            rows = session.exec(
                select(Convention, Student, Organisation.name)
                .join(Student, col(Student.id) == Convention.student_id)
                .join(Organisation, col(Organisation.id) == Convention.organisation_id)
                .where(
                    Convention.composante_id == composante.id,
                    Convention.status == ConventionStatus.CREATED,
                    col(Convention.start_date) >= today,
                    col(Convention.start_date) <= today + timedelta(days=days),
                )
                .order_by(col(Convention.start_date), col(Convention.number))
            ).all()
            if not rows:
                continue
            items = [
                {
                    'number': convention.number,
                    'student': f'{student.first_name} {student.last_name}',
                    'host': host,
                    'start': fr_date(convention.start_date),
                    'link': link(f'/conventions/{convention.id}'),
                }
                for convention, student, host in rows
            ]
            context = {
                'conventions': items,
                'days': days,
                'composante': composante.name,
                'university': get_settings().university_name,
            }
            queued += enqueue(
                session,
                MailEvent.START_DIGEST,
                staff_addresses(session, composante.id or 0),
                context,
                dedup_key=key,
            )
    return queued
