"""People: accounts with their roles, and the university directory of students and teachers."""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.types import enum_column, fk, timestamp_column, utcnow


class Role(enum.StrEnum):
    STUDENT = 'etudiant'
    TEACHER = 'enseignant'
    MANAGER = 'gestionnaire'
    ADMIN = 'admin'


class Sex(enum.StrEnum):
    FEMALE = 'F'
    MALE = 'M'
    OTHER = 'X'


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(max_length=120, unique=True)
    email: str | None = Field(default=None, max_length=200)
    display_name: str = Field(max_length=200)
    password_hash: str | None = Field(default=None, max_length=300, description='None for SSO-only accounts')
    active: bool = True
    is_demo: bool = Field(default=False, description='usable only when the instance runs in demo mode')
    language: str = Field(default='fr', max_length=5)
    student_id: int | None = Field(default=None, sa_column=fk('student.id', nullable=True, unique=True))
    teacher_id: int | None = Field(default=None, sa_column=fk('teacher.id', nullable=True, unique=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=timestamp_column())
    last_login_at: datetime | None = Field(default=None, sa_column=timestamp_column(nullable=True))


class UserRole(SQLModel, table=True):
    """One role of a user, scoped to a composante for teachers and managers (None: every composante)."""

    __tablename__ = 'user_role'
    __table_args__ = (sa.UniqueConstraint('user_id', 'role', 'composante_id', name='uq_user_role_scope'),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=fk('user.id', ondelete='CASCADE'))
    role: Role = Field(sa_column=enum_column(Role))
    composante_id: int | None = Field(default=None, sa_column=fk('composante.id', nullable=True))


class Student(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    student_number: str = Field(max_length=20, unique=True)
    last_name: str = Field(max_length=100)
    first_name: str = Field(max_length=100)
    birth_date: date
    sex: Sex = Field(sa_column=enum_column(Sex))
    institutional_email: str = Field(max_length=200)
    personal_email: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=30)
    address: str | None = Field(default=None, max_length=300)
    postal_code: str | None = Field(default=None, max_length=20)
    city: str | None = Field(default=None, max_length=100)
    country_code: str = Field(default='FR', max_length=2)
    composante_id: int = Field(sa_column=fk('composante.id'))
    formation_id: int | None = Field(default=None, sa_column=fk('formation.id', nullable=True))
    academic_year: str = Field(max_length=9, description='année universitaire of the registration, e.g. 2026-2027')


class Teacher(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    last_name: str = Field(max_length=100, index=True)
    first_name: str = Field(max_length=100)
    email: str = Field(max_length=200, unique=True)
    phone: str | None = Field(default=None, max_length=30)
    discipline: str | None = Field(default=None, max_length=200)
    composante_id: int | None = Field(default=None, sa_column=fk('composante.id', nullable=True))
    active: bool = True
