"""Delivering the outbox over SMTP (aiosmtplib), with retries and backoff; run by the `mail-outbox` periodic job.

A failure (server down, refused recipient) never loses a message: it stays queued with its error and is tried
again later — 1 min, 2, 4… up to 6 h apart — and is set aside after MAX_ATTEMPTS (visible to the administrator,
who may put it back in the queue).
"""

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import aiosmtplib
from sqlmodel import col, select

from models import OutboxMessage, utcnow
from services.database import session_scope
from settings import Settings, get_settings

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=6)
BATCH = 50


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    configured: bool = True


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after `attempts` failed ones."""
    return min(FIRST_DELAY * 2 ** max(attempts - 1, 0), LONGEST_DELAY)


def _email(message: OutboxMessage, settings: Settings) -> EmailMessage:
    email = EmailMessage()
    email['From'] = settings.smtp_from
    email['To'] = message.recipient
    email['Subject'] = message.subject
    email['Date'] = format_datetime(message.created_at)
    email['Message-ID'] = make_msgid(domain='pstage')
    email['Auto-Submitted'] = 'auto-generated'
    email.set_content(message.body)
    return email


def _due(now: datetime, limit: int) -> list[OutboxMessage]:
    with session_scope() as session:
        return list(
            session.exec(
                select(OutboxMessage)
                .where(
                    col(OutboxMessage.sent_at).is_(None),
                    col(OutboxMessage.abandoned).is_(False),
                    col(OutboxMessage.next_attempt_at) <= now,
                )
                .order_by(col(OutboxMessage.id))
                .limit(limit)
            ).all()
        )


def _record(message_id: int, now: datetime, error: str | None) -> None:
    with session_scope() as session:
        message = session.get(OutboxMessage, message_id)
        if message is None or message.sent_at is not None:
            return
        message.attempts += 1
        if error is None:
            message.sent_at = now
            message.last_error = None
        else:
            message.last_error = error[:2000]
            message.next_attempt_at = now + backoff(message.attempts)
            message.abandoned = message.attempts >= MAX_ATTEMPTS
        session.add(message)


async def deliver_due_async(now: datetime | None = None, *, limit: int = BATCH) -> DeliveryReport:
    """Send the messages due now over one SMTP connection; each success or failure is recorded at once."""
    settings = get_settings()
    if not settings.smtp_host:
        return DeliveryReport(configured=False)
    now = now or utcnow()
    due = _due(now, limit)
    if not due:
        return DeliveryReport()
    sent = failed = 0
    client = aiosmtplib.SMTP(
        hostname=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_user or None,
        password=settings.smtp_password or None,
        start_tls=settings.smtp_starttls,
        timeout=settings.smtp_timeout_seconds,
    )
    try:
        await client.connect()
    except (aiosmtplib.SMTPException, OSError) as error:
        reason = f'serveur SMTP injoignable : {error}'
        log.warning('mail: %s (%d messages remain queued)', reason, len(due))
        for message in due:
            _record(message.id or 0, now, reason)
        return DeliveryReport(failed=len(due))
    try:
        for message in due:
            try:
                await client.send_message(_email(message, settings))
            except (aiosmtplib.SMTPException, OSError) as error:
                failed += 1
                _record(message.id or 0, now, f'{type(error).__name__} : {error}')
            else:
                sent += 1
                _record(message.id or 0, now, None)
    finally:
        try:
            await client.quit()
        except (aiosmtplib.SMTPException, OSError):
            client.close()
    return DeliveryReport(sent=sent, failed=failed)


def deliver_due(now: datetime | None = None) -> DeliveryReport:
    """For the job thread (it has no event loop of its own)."""
    return asyncio.run(deliver_due_async(now))
