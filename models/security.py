"""Failed sign-ins, kept briefly so every instance of the application throttles password guessing alike."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.types import timestamp_column, utcnow


class LoginFailure(SQLModel, table=True):
    __tablename__ = 'login_failure'
    __table_args__ = (
        sa.Index('ix_login_failure_login_at', 'login', 'at'),
        sa.Index('ix_login_failure_ip_at', 'ip', 'at'),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    login: str = Field(max_length=120)
    ip: str | None = Field(default=None, max_length=64)


class SignedLinkUse(SQLModel, table=True):
    """A one-time signed link already used: its token id can never be used again."""

    __tablename__ = 'signed_link_use'

    id: int | None = Field(default=None, primary_key=True)
    token_id: str = Field(max_length=40, unique=True)
    purpose: str = Field(max_length=40)
    object_id: int
    used_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
