"""GDPR: retention (anonymise old conventions), access requests (export), and the audit of sensitive reads.

Retention keeps what statistics need — composante, formation, dates, durations, host, gratification,
status, type — and removes the student's personal data and NIR, from the convention, the directory
record and the account once the student has no convention left within the retention period.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

from models import (
    AuditEntry,
    Convention,
    ConventionDraft,
    LoginFailure,
    Role,
    Student,
    Teacher,
    User,
    UserRole,
)
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.permissions import Action, require

ANONYMISED = 'anonymise'
ANONYMOUS_EMAIL = 'anonymise@invalid'  # RFC 2606: a domain that can never receive mail


def system_actor() -> Actor:
    """The command line acting as an administrator (user_id 0: audit entries get no user)."""
    return Actor(user_id=0, login='pstage', display_name='Commande pstage', scopes={Role.ADMIN: None})


def _actor_id(actor: Actor) -> int | None:
    return actor.user_id or None


def record_sensitive_read(
    session: Session, actor: Actor, *, entity_type: str, entity_id: object, fields: Iterable[str]
) -> None:
    """Call when showing or exporting sensitive data (NIR, birth date, address…): who saw what, when."""
    names = sorted(set(fields))
    audit.record(
        session,
        actor_id=_actor_id(actor),
        action='read.sensitive',
        entity_type=entity_type,
        entity_id=entity_id,
        summary='consultation de données sensibles : ' + ', '.join(names),
        changes={'fields': names},
    )


@dataclass(frozen=True)
class PurgeReport:
    conventions: int
    students: int


def purge_older_than(actor: Actor, years: int, *, today: date | None = None) -> PurgeReport:
    """Anonymise conventions that ended more than `years` years ago (idempotent)."""
    require(actor, Action.ADMINISTER)
    if years < 1:
        raise ValueError('the retention period is at least one year')
    today = today or date.today()
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = date(today.year - years, 2, 28)
    with session_scope() as session:
        old = session.exec(
            select(Convention).where(Convention.end_date < cutoff, Convention.student_email != ANONYMOUS_EMAIL)
        ).all()
        for convention in old:
            _anonymise_convention(session, convention)
        student_ids = {c.student_id for c in old}
        recent = set(session.exec(select(Convention.student_id).where(Convention.end_date >= cutoff)).all())
        students = sorted(student_ids - recent)
        for student_id in students:
            _anonymise_student(session, student_id)
        audit.record(
            session,
            actor_id=_actor_id(actor),
            action='privacy.purge',
            entity_type='convention',
            entity_id='*',
            summary=f'anonymisation des conventions terminées avant le {cutoff.isoformat()}',
            changes={'conventions': len(old), 'students': len(students), 'cutoff': cutoff.isoformat()},
        )
        return PurgeReport(conventions=len(old), students=len(students))


def _anonymise_convention(session: Session, convention: Convention) -> None:
    convention.student_email = ANONYMOUS_EMAIL
    convention.student_personal_email = None
    convention.student_phone = None
    convention.student_address = None
    convention.student_postal_code = None
    convention.student_city = None
    convention.nir_encrypted = None
    session.add(convention)
    session.execute(sa.delete(ConventionDraft).where(col(ConventionDraft.convention_id) == convention.id))
    # The before → after of past changes may quote the removed data.
    session.execute(
        sa.update(AuditEntry)
        .where(col(AuditEntry.entity_type) == 'convention', col(AuditEntry.entity_id) == str(convention.id))
        .values(changes=None)
    )


def _anonymise_student(session: Session, student_id: int) -> None:
    student = session.get(Student, student_id)
    if student is None:
        return
    student.last_name, student.first_name = ANONYMISED, ANONYMISED
    student.birth_date = date(student.birth_date.year, 1, 1)  # the age band stays for statistics
    student.institutional_email, student.personal_email = ANONYMOUS_EMAIL, None
    student.phone = student.address = student.postal_code = student.city = None
    student.student_number = f'anon-{student.id}'
    session.add(student)
    session.execute(sa.delete(ConventionDraft).where(col(ConventionDraft.student_id) == student_id))
    for user in session.exec(select(User).where(User.student_id == student_id)).all():
        user.login, user.display_name, user.email = f'anonyme-{user.id}', ANONYMISED, None
        user.password_hash, user.active = None, False
        session.add(user)


def export_personal_data(actor: Actor, login: str) -> dict[str, Any]:
    """Everything PStage holds about the person with this login (GDPR access request), as JSON-ready data."""
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        user = session.exec(select(User).where(User.login == login.strip().lower())).first()
        if user is None:
            raise LookupError(login)
        data: dict[str, Any] = {
            'compte': _plain(user, exclude={'password_hash'}),
            'roles': [_plain(row) for row in session.exec(select(UserRole).where(UserRole.user_id == user.id))],
        }
        if user.student_id is not None:
            data['etudiant'] = _plain(session.get(Student, user.student_id))
            conventions = session.exec(select(Convention).where(Convention.student_id == user.student_id)).all()
            data['conventions'] = [_convention_with_nir(c) for c in conventions]
            drafts = session.exec(select(ConventionDraft).where(ConventionDraft.student_id == user.student_id))
            data['brouillons'] = [_plain(d) for d in drafts]
        if user.teacher_id is not None:
            data['enseignant'] = _plain(session.get(Teacher, user.teacher_id))
        trail = session.exec(select(AuditEntry).where(AuditEntry.actor_id == user.id).order_by(col(AuditEntry.at)))
        data['journal'] = [_plain(entry) for entry in trail]
        failures = session.exec(select(LoginFailure).where(LoginFailure.login == user.login))
        data['echecs_de_connexion'] = [_plain(failure) for failure in failures]
        record_sensitive_read(
            session, actor, entity_type='user', entity_id=user.id, fields=['export des données personnelles']
        )
        return data


def _convention_with_nir(convention: Convention) -> dict[str, Any]:
    from services.rules import identity as nir_crypto

    plain = convention.model_dump(mode='json', exclude={'nir_encrypted'})
    plain['nir'] = nir_crypto.decrypt(convention.nir_encrypted) if convention.nir_encrypted else None
    return plain


def _plain(row: SQLModel | None, *, exclude: set[str] | None = None) -> dict[str, Any] | None:
    if row is None:
        return None
    return row.model_dump(mode='json', exclude=exclude)
