"""E-mail notifications: the outbox (messages queued with the action that caused them) and per-event switches."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.types import fk, text_column, timestamp_column, utcnow


class OutboxMessage(SQLModel, table=True):
    """One e-mail to one recipient, written in the transaction of the action; a job delivers and retries it."""

    __tablename__ = 'outbox_message'
    __table_args__ = (sa.Index('ix_outbox_due', 'sent_at', 'next_attempt_at'),)

    id: int | None = Field(default=None, primary_key=True)
    event: str = Field(max_length=60)
    recipient: str = Field(max_length=200)
    subject: str = Field(max_length=300)
    body: str = Field(sa_column=text_column())
    convention_id: int | None = Field(default=None, sa_column=fk('convention.id', nullable=True, ondelete='SET NULL'))
    # Makes a periodic message (the daily digest) idempotent: the same key is never queued twice.
    dedup_key: str | None = Field(default=None, max_length=200, unique=True)
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=text_column(nullable=True))
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    sent_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    abandoned: bool = Field(default=False, description='too many failed attempts: no longer retried')
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class MailEventSwitch(SQLModel, table=True):
    """An event's notifications turned on or off by the administrator; without a row the event is on."""

    __tablename__ = 'mail_event_switch'

    event: str = Field(primary_key=True, max_length=60)
    enabled: bool = True
