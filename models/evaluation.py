"""Evaluation forms per composante, their questions, and answers stored one row per question."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.types import enum_column, fk, text_column, timestamp_column, utcnow


class Respondent(enum.StrEnum):
    STUDENT = 'etudiant'
    TUTOR = 'tuteur'
    TEACHER = 'enseignant'


class QuestionKind(enum.StrEnum):
    YES_NO = 'oui_non'
    SINGLE_CHOICE = 'choix_unique'
    MULTIPLE_CHOICE = 'choix_multiple'
    SCALE = 'echelle'
    TEXT = 'texte'


class EvaluationForm(SQLModel, table=True):
    __tablename__ = 'evaluation_form'

    id: int | None = Field(default=None, primary_key=True)
    composante_id: int = Field(sa_column=fk('composante.id'))
    respondent: Respondent = Field(sa_column=enum_column(Respondent))
    title: str = Field(max_length=200)
    active: bool = True
    # Tutor forms: the e-mailed link works once only (otherwise until it expires, answers stay editable).
    one_time_link: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class EvaluationQuestion(SQLModel, table=True):
    __tablename__ = 'evaluation_question'

    id: int | None = Field(default=None, primary_key=True)
    form_id: int = Field(sa_column=fk('evaluation_form.id', ondelete='CASCADE'))
    section: str = Field(default='', max_length=200)
    position: int = 0
    kind: QuestionKind = Field(sa_column=enum_column(QuestionKind))
    label: str = Field(sa_column=text_column())
    choices: list[str] = Field(default_factory=list, sa_column=sa.Column(sa.JSON, nullable=False))
    required: bool = True


class EvaluationResponse(SQLModel, table=True):
    __tablename__ = 'evaluation_response'
    __table_args__ = (sa.UniqueConstraint('form_id', 'convention_id', name='uq_evaluation_response'),)

    id: int | None = Field(default=None, primary_key=True)
    form_id: int = Field(sa_column=fk('evaluation_form.id'))
    convention_id: int = Field(sa_column=fk('convention.id', ondelete='CASCADE'))
    token_hash: str | None = Field(default=None, max_length=128, unique=True, description='tutor link, hashed')
    invited_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    reminded_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    reminders: int = Field(default=0, description='reminders sent after the invitation')
    submitted_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())


class EvaluationAnswer(SQLModel, table=True):
    __tablename__ = 'evaluation_answer'
    __table_args__ = (sa.UniqueConstraint('response_id', 'question_id', name='uq_evaluation_answer'),)

    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(sa_column=fk('evaluation_response.id', ondelete='CASCADE'))
    question_id: int = Field(sa_column=fk('evaluation_question.id'))
    value: str = Field(sa_column=text_column())
