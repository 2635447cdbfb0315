"""Queueing e-mails in the outbox, inside the caller's transaction: the message exists if and only if the action does.

Templates are Jinja2 text files (templates/<event>.txt) with a `subject` and a `body` block, in French.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment
from sqlmodel import Session, col, select

from models import Composante, MailEventSwitch, MailTemplate, OutboxMessage, Role, User, UserRole, utcnow
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.mail.events import EVENT_LABELS, MailEvent
from services.permissions import Action, require

TEMPLATES = Path(__file__).resolve().parent / 'templates'


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )


def _template(event: MailEvent) -> Template:
    return _environment().get_template(f'{event.value}.txt')


@cache
def _sandbox() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def render_text(source: str, context: dict[str, Any]) -> str:
    """An administrator's template text (services/admin_mail.py), rendered in a sandbox."""
    return _sandbox().from_string(source).render(dict(context))


def render(event: MailEvent, context: dict[str, Any], session: Session | None = None) -> tuple[str, str]:
    """The subject (one line) and the body of the event's e-mail: the administration's text if edited."""
    edited = session.get(MailTemplate, event.value) if session is not None else None
    if edited is not None:
        parts = {'subject': render_text(edited.subject, context), 'body': render_text(edited.body, context)}
    else:
        template = _template(event)
        parts = {
            name: ''.join(template.blocks[name](template.new_context(dict(context)))) for name in ('subject', 'body')
        }
    subject = ' '.join(parts['subject'].split())[:300]
    return subject, parts['body'].strip() + '\n'


def is_enabled(session: Session, event: MailEvent) -> bool:
    switch = session.get(MailEventSwitch, event.value)
    return switch is None or switch.enabled


def enqueue(
    session: Session,
    event: MailEvent,
    recipients: list[str],
    context: dict[str, Any],
    *,
    convention_id: int | None = None,
    dedup_key: str | None = None,
) -> int:
    """Queue one message per distinct recipient (none when the event is switched off); how many were queued."""
    if not is_enabled(session, event):
        return 0
    unique = list(dict.fromkeys(address.strip() for address in recipients if address and address.strip()))
    if not unique:
        return 0
    subject, body = render(event, context, session)
    for address in unique:
        key = f'{dedup_key}:{address}' if dedup_key else None
        session.add(
            OutboxMessage(
                event=event.value,
                recipient=address,
                subject=subject,
                body=body,
                convention_id=convention_id,
                dedup_key=key,
            )
        )
    session.flush()
    return len(unique)


def already_queued(session: Session, dedup_prefix: str) -> bool:
    found = session.exec(
        select(OutboxMessage.id).where(col(OutboxMessage.dedup_key).startswith(dedup_prefix, autoescape=True))
    ).first()
    return found is not None


# --- administration -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventSwitch:
    event: MailEvent
    label: str
    enabled: bool


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    event: str
    recipient: str
    subject: str
    created_at: datetime
    attempts: int
    sent_at: datetime | None
    next_attempt_at: datetime
    last_error: str | None
    abandoned: bool

    @property
    def state(self) -> str:
        if self.sent_at is not None:
            return _('envoyé')
        if self.abandoned:
            return _('abandonné')
        return _('en attente') if not self.attempts else _('à réessayer')


def switches(actor: Actor) -> list[EventSwitch]:
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        return [EventSwitch(event, EVENT_LABELS[event], is_enabled(session, event)) for event in MailEvent]


def set_switch(actor: Actor, event: MailEvent, enabled: bool) -> None:
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        switch = session.get(MailEventSwitch, MailEvent(event).value) or MailEventSwitch(event=MailEvent(event).value)
        switch.enabled = enabled
        session.add(switch)


def outbox(actor: Actor, *, pending_only: bool = False, limit: int = 200) -> list[OutboxEntry]:
    """The latest messages, newest first (the administration's view of what was sent, waits or failed)."""
    require(actor, Action.ADMINISTER)
    query = select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(limit)
    if pending_only:
        query = query.where(col(OutboxMessage.sent_at).is_(None))
    with session_scope() as session:
        return [
            OutboxEntry(
                id=m.id or 0,
                event=m.event,
                recipient=m.recipient,
                subject=m.subject,
                created_at=m.created_at,
                attempts=m.attempts,
                sent_at=m.sent_at,
                next_attempt_at=m.next_attempt_at,
                last_error=m.last_error,
                abandoned=m.abandoned,
            )
            for m in session.exec(query).all()
        ]


def retry_now(actor: Actor, message_id: int) -> None:
    """Put an abandoned or waiting message back at the head of the queue."""
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        session.execute(
            sa.update(OutboxMessage)
            .where(col(OutboxMessage.id) == message_id, col(OutboxMessage.sent_at).is_(None))
            .values(abandoned=False, next_attempt_at=utcnow())
        )


def staff_addresses(session: Session, composante_id: int) -> list[str]:
    """The composante's bureau des stages: its office address and its gestionnaires' accounts."""
    composante = session.get(Composante, composante_id)
    managers = session.exec(
        select(User.email)
        .join(UserRole, col(UserRole.user_id) == User.id)
        .where(
            UserRole.role == Role.MANAGER,
            UserRole.composante_id == composante_id,
            col(User.active),
            col(User.email).is_not(None),
        )
        .order_by(col(User.id))
    ).all()
    office = [composante.internship_office_email] if composante and composante.internship_office_email else []
    return [address for address in office + list(managers) if address]
