"""The audit trail: who did or saw what, when, with the before → after of a change."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.types import fk, text_column, timestamp_column, utcnow


class AuditEntry(SQLModel, table=True):
    __tablename__ = 'audit_entry'
    __table_args__ = (sa.Index('ix_audit_entity', 'entity_type', 'entity_id'),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    actor_id: int | None = Field(default=None, sa_column=fk('user.id', nullable=True))
    action: str = Field(max_length=60)
    entity_type: str = Field(max_length=40)
    entity_id: str = Field(max_length=40)
    summary: str = Field(sa_column=text_column())
    changes: dict[str, Any] | None = Field(default=None, sa_column=sa.Column(sa.JSON, nullable=True))
