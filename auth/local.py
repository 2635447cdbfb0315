"""Local accounts: login and password checked against the argon2 hash."""

from sqlmodel import select

from auth.passwords import verify_password
from models import User, utcnow
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.people import actor_from_user
from settings import get_settings


class LoginError(Exception):
    """A refused login; the message is French and safe to show (it never says which part was wrong)."""


def authenticate(login: str, password: str) -> Actor:
    login = login.strip().lower()
    if not login or not password:
        raise LoginError(_('Saisissez votre identifiant et votre mot de passe.'))
    with session_scope() as session:
        user = session.exec(select(User).where(User.login == login)).first()
        usable = user is not None and user.active and (get_settings().demo or not user.is_demo)
        password_hash = user.password_hash if user is not None and usable else None
        if not verify_password(password, password_hash):
            raise LoginError(_('Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez.'))
        assert user is not None
        user.last_login_at = utcnow()
        audit.record(
            session, actor_id=user.id, action='login', entity_type='user', entity_id=user.id, summary='connexion locale'
        )
        return actor_from_user(session, user)
