"""E-mail templates edited by the administration; without a row an event uses its shipped template file."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from models.types import fk, text_column, timestamp_column, utcnow


class MailTemplate(SQLModel, table=True):
    """The subject and body (Jinja2 text, the same variables as the shipped template) of one event's e-mail."""

    __tablename__ = 'mail_template'

    event: str = Field(primary_key=True, max_length=60)
    subject: str = Field(sa_column=text_column())
    body: str = Field(sa_column=text_column())
    updated_by_id: int | None = Field(default=None, sa_column=fk('user.id', nullable=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column(onupdate=True))
