"""The load test's database: the demo data, plus one student account per simulated student iteration.

Accounts `charge-00001`… (password LOAD_PASSWORD) each belong to a student without any convention: the
demo's students first, then copies of them (new numbers) when more are needed. Argon2 runs once: every
account shares the hash.
"""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from auth.passwords import hash_password
from models import Convention, ConventionDraft, Role, Student, Teacher, User, UserRole
from services import database, demo, schema
from services.database import session_scope

LOAD_PASSWORD = 'charge-mot-de-passe'
PREFIX = 'charge-'


@dataclass(frozen=True)
class LoadWorld:
    logins: list[str]
    organisations: list[str]  # names to search, each with a service and contacts
    teachers: list[str]  # « NOM Prénom » of teachers of the students' composante


def login_of(index: int) -> str:
    return f'{PREFIX}{index:05d}'


def prepare(url: str, accounts: int) -> LoadWorld:
    """Migrate, seed the demo if empty, and make sure `accounts` student accounts exist."""
    database.configure(url)
    schema.prepare()
    if demo.database_is_empty():
        demo.seed_demo(seed=2026)
    with session_scope() as session:
        existing = session.exec(
            select(sa.func.count()).select_from(User).where(col(User.login).like(f'{PREFIX}%'))
        ).one()
        if existing < accounts:
            _add_accounts(session, existing, accounts)
        organisations = _organisations(session)
        teachers = [
            f'{t.last_name} {t.first_name}'
            for t in session.exec(select(Teacher).where(col(Teacher.active)).order_by(col(Teacher.id)).limit(40))
        ]
    return LoadWorld([login_of(i) for i in range(accounts)], organisations, teachers)


def _add_accounts(session: Session, start: int, total: int) -> None:
    """Accounts start…total-1, in three bulk inserts (students, users, roles)."""
    taken: Any = sa.union(
        select(Convention.student_id),
        select(ConventionDraft.student_id),
        select(User.student_id).where(col(User.student_id).is_not(None)),
    )
    free = list(session.exec(select(Student).where(col(Student.id).not_in(taken)).order_by(col(Student.id))))
    models = free or list(session.exec(select(Student).limit(50)))
    students: list[Student] = free[: total - start]
    for index in range(start + len(students), total):  # copies of demo students, under new numbers
        model = models[index % len(models)]
        students.append(
            Student(
                **model.model_dump(exclude={'id', 'student_number', 'institutional_email'}),
                student_number=f'9{index:07d}',
                institutional_email=f'{login_of(index)}@etu.universite.example',
            )
        )
    session.add_all(students)
    session.flush()
    password_hash = hash_password(LOAD_PASSWORD)
    users = [
        User(
            login=login_of(start + offset),
            display_name=f'{student.first_name} {student.last_name}',
            email=student.institutional_email,
            password_hash=password_hash,
            student_id=student.id,
        )
        for offset, student in enumerate(students)
    ]
    session.add_all(users)
    session.flush()
    session.add_all(UserRole(user_id=user.id or 0, role=Role.STUDENT, composante_id=None) for user in users)


def _organisations(session: Session) -> list[str]:
    """Names of French hosts that have a service with a contact: what the simulated students search."""
    from models import Contact, Organisation, Service

    rows = session.exec(
        select(Organisation.name)
        .join(Service, col(Service.organisation_id) == col(Organisation.id))
        .join(Contact, col(Contact.service_id) == col(Service.id))
        .where(
            col(Organisation.country_code) == 'FR',
            col(Organisation.closed_on).is_(None),
            col(Organisation.merged_into_id).is_(None),
        )
        .group_by(col(Organisation.id), col(Organisation.name))
        .order_by(col(Organisation.id))
        .limit(200)
    ).all()
    return [str(name) for name in rows]


def convention_count() -> int:
    with session_scope() as session:
        return int(session.exec(select(sa.func.count()).select_from(Convention)).one())


def integrity() -> dict[str, int]:
    """What a crash could have left half-written: each count must be 0 (creation is one transaction)."""
    from models import AuditEntry

    with session_scope() as session:
        duplicates = session.exec(
            select(sa.func.count()).select_from(
                select(Convention.number).group_by(col(Convention.number)).having(sa.func.count() > 1).subquery()
            )
        ).one()
        created_ids = select(sa.cast(AuditEntry.entity_id, sa.Integer)).where(
            col(AuditEntry.action) == 'convention.create'
        )
        without_audit = session.exec(
            select(sa.func.count())
            .select_from(Convention)
            .where(col(Convention.created_by_id).in_(select(User.id).where(col(User.login).like(f'{PREFIX}%'))))
            .where(col(Convention.id).not_in(created_ids))
        ).one()
        draft_left = session.exec(
            select(sa.func.count())
            .select_from(Convention)
            .join(ConventionDraft, col(ConventionDraft.student_id) == col(Convention.student_id))
            .where(col(ConventionDraft.created_at) < col(Convention.created_at))
            .where(col(Convention.created_by_id).in_(select(User.id).where(col(User.login).like(f'{PREFIX}%'))))
        ).one()
    return {
        'duplicate_numbers': int(duplicates),
        'conventions_without_audit': int(without_audit),
        'drafts_left_after_creation': int(draft_left),
    }
