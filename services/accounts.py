"""Local accounts: creation with a strong-enough password, roles."""

from sqlmodel import Session, select

from auth.passwords import hash_password
from models import Role, User, UserRole
from services.database import session_scope
from services.i18n import _
from settings import get_settings


def check_password_strength(password: str) -> None:
    minimum = get_settings().min_password_length
    if len(password) < minimum:
        raise ValueError(_('Le mot de passe doit contenir au moins {n} caractères.', n=minimum))


def add_user(
    session: Session,
    *,
    login: str,
    display_name: str,
    password: str | None,
    roles: list[tuple[Role, int | None]],
    email: str | None = None,
    student_id: int | None = None,
    teacher_id: int | None = None,
    is_demo: bool = False,
) -> User:
    user = User(
        login=login.strip().lower(),
        display_name=display_name,
        email=email,
        password_hash=hash_password(password) if password else None,
        student_id=student_id,
        teacher_id=teacher_id,
        is_demo=is_demo,
    )
    session.add(user)
    session.flush()
    assert user.id is not None
    for role, composante_id in roles:
        session.add(UserRole(user_id=user.id, role=role, composante_id=composante_id))
    return user


def create_admin(login: str, password: str, *, display_name: str) -> User:
    check_password_strength(password)
    with session_scope() as session:
        if session.exec(select(User).where(User.login == login.strip().lower())).first() is not None:
            raise ValueError(_('Le compte « {login} » existe déjà.', login=login))
        return add_user(session, login=login, display_name=display_name, password=password, roles=[(Role.ADMIN, None)])
