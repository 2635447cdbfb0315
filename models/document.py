"""Texts of the printed documents that the administration may edit (clauses of the convention, per language)."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.types import text_column, timestamp_column, utcnow


class ClauseText(SQLModel, table=True):
    """An edited clause; without a row, the default shipped in pdf/clauses/<language>.json is printed."""

    __tablename__ = 'clause_text'
    __table_args__ = (sa.UniqueConstraint('key', 'language', name='uq_clause_text_key_language'),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=60, description='clause name, e.g. social_protection')
    language: str = Field(max_length=5)
    text: str = Field(sa_column=text_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column(onupdate=True))
