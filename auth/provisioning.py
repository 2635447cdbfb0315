"""From an Identity to the PStage account: match or create it, grant roles by rule, link the directory, audit.

Matching order: login, then student number, then e-mail. Local identities were checked against the
password of an existing account, so they are only looked up by login, never created.
"""

import sqlalchemy as sa
from sqlmodel import Session, col, select

from auth.identity import METHOD_LABELS, Identity, Method
from auth.local import LoginError, authenticate
from auth.role_rules import granted_roles, load_rules
from models import Composante, Student, Teacher, User, UserRole, utcnow
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.people import actor_from_user
from settings import get_settings


def sign_in(identity: Identity) -> Actor:
    """Record a successful sign-in and return the actor; raises LoginError for a disabled or unknown account."""
    with session_scope() as session:
        user = _match(session, identity)
        if user is None and identity.method is Method.LOCAL:
            raise LoginError(_('Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez.'))
        if user is None:
            user = _create(session, identity)
        if not user.active:
            raise LoginError(_('Votre compte est désactivé. Contactez le bureau des stages.'))
        if identity.method is not Method.LOCAL:
            _update_from_directory(session, user, identity)
        user.last_login_at = utcnow()
        session.add(user)
        session.flush()
        audit.record(
            session,
            actor_id=user.id,
            action='login',
            entity_type='user',
            entity_id=user.id,
            summary=METHOD_LABELS[identity.method],
            changes={'method': identity.method.value, 'login': identity.login},
        )
        return actor_from_user(session, user)


def sign_in_with_password(login: str, password: str, *, client_ip: str | None = None) -> Actor:
    """A local login: the password checked and the sign-in recorded, in one trip to a worker thread (the heaviest
    click of the application); the caller then opens the session (auth.session.open_session)."""
    return sign_in(authenticate(login, password, client_ip=client_ip))


def _match(session: Session, identity: Identity) -> User | None:
    user = session.exec(select(User).where(User.login == identity.login)).first()
    if user is not None or identity.method is Method.LOCAL:
        return user
    if identity.student_number:
        user = session.exec(
            select(User)
            .join(Student, col(User.student_id) == col(Student.id))
            .where(Student.student_number == identity.student_number)
        ).first()
        if user is not None:
            return user
    if identity.email:
        return session.exec(select(User).where(sa.func.lower(User.email) == identity.email.lower())).first()
    return None


def _create(session: Session, identity: Identity) -> User:
    user = User(
        login=identity.login[:120],
        display_name=(identity.display_name or identity.login)[:200],
        email=identity.email[:200] if identity.email else None,
        password_hash=None,  # SSO-only: no local password
    )
    session.add(user)
    session.flush()
    return user


def _update_from_directory(session: Session, user: User, identity: Identity) -> None:
    if identity.display_name:
        user.display_name = identity.display_name[:200]
    if identity.email and not user.email:
        user.email = identity.email[:200]
    _link_directory(session, user, identity)
    _grant_roles(session, user, identity)


def _link_directory(session: Session, user: User, identity: Identity) -> None:
    """Attach the Student (by number) or Teacher (by e-mail) record nobody else holds yet."""
    if user.student_id is None and identity.student_number:
        student = session.exec(select(Student).where(Student.student_number == identity.student_number)).first()
        taken = student is not None and session.exec(select(User.id).where(User.student_id == student.id)).first()
        if student is not None and not taken:
            user.student_id = student.id
    if user.teacher_id is None and identity.email:
        teacher = session.exec(select(Teacher).where(sa.func.lower(Teacher.email) == identity.email.lower())).first()
        taken = teacher is not None and session.exec(select(User.id).where(User.teacher_id == teacher.id)).first()
        if teacher is not None and not taken:
            user.teacher_id = teacher.id


def _grant_roles(session: Session, user: User, identity: Identity) -> None:
    settings = get_settings()
    composante_ids = {code: id_ for code, id_ in session.exec(select(Composante.code, Composante.id)) if id_}
    wanted = granted_roles(identity, load_rules(settings.role_rules), composante_ids, settings.affectation_map)
    held = {(row.role, row.composante_id) for row in session.exec(select(UserRole).where(UserRole.user_id == user.id))}
    for role, composante_id in sorted(wanted - held, key=str):
        assert user.id is not None
        session.add(UserRole(user_id=user.id, role=role, composante_id=composante_id))
        audit.record(
            session,
            actor_id=user.id,
            action='role.grant',
            entity_type='user',
            entity_id=user.id,
            summary=f'rôle {role.value} attribué par règle',
            changes={'role': role.value, 'composante_id': composante_id},
        )
