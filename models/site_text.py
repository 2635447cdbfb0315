"""Texts of the application's pages that the administration edits (the help page), per language."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.types import fk, text_column, timestamp_column, utcnow


class SiteText(SQLModel, table=True):
    """An edited page text; without a row the page shows its built-in content only."""

    __tablename__ = 'site_text'
    __table_args__ = (sa.UniqueConstraint('key', 'language', name='uq_site_text_key_language'),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=60, description='which text, e.g. aide')
    language: str = Field(max_length=5)
    text: str = Field(sa_column=text_column())
    updated_by_id: int | None = Field(default=None, sa_column=fk('user.id', nullable=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column(onupdate=True))
