"""Accounts and the directory: load the acting user, look students and teachers up."""

from sqlmodel import Session, select

from models import Role, User, UserRole
from services.actor import Actor
from services.database import session_scope


def actor_from_user(session: Session, user: User) -> Actor:
    rows = session.exec(select(UserRole).where(UserRole.user_id == user.id)).all()
    scopes: dict[Role, frozenset[int] | None] = {}
    for row in rows:
        if row.composante_id is None:
            scopes[row.role] = None  # every composante wins over any partial scope
        elif row.role not in scopes or scopes[row.role] is not None:
            scopes[row.role] = (scopes.get(row.role) or frozenset()) | {row.composante_id}
    assert user.id is not None
    return Actor(
        user_id=user.id,
        login=user.login,
        display_name=user.display_name,
        scopes=scopes,
        student_id=user.student_id,
        teacher_id=user.teacher_id,
        language=user.language,
    )


def load_actor(user_id: int) -> Actor | None:
    """The active user behind a session, or None if the account is gone or deactivated."""
    with session_scope() as session:
        user = session.get(User, user_id)
        if user is None or not user.active:
            return None
        return actor_from_user(session, user)
