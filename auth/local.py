"""Local accounts: login and password checked against the argon2 hash, behind the login throttle; a hash made
with an older cost is replaced at the login that proves the password."""

from sqlmodel import select

from auth.identity import Identity, Method
from auth.passwords import verify_password
from models import User
from services import throttling
from services.database import session_scope
from services.i18n import _
from settings import get_settings

MAX_LOGIN_LENGTH = 120
MAX_PASSWORD_LENGTH = 1024  # argon2 hashes anything, but megabytes of "password" only cost CPU


class LoginError(Exception):
    """A refused login; the message is French and safe to show (it never says which part was wrong)."""


def authenticate(login: str, password: str, *, client_ip: str | None = None) -> Identity:
    """Check the password (auth.provisioning.sign_in_with_password then records the sign-in)."""
    if not isinstance(login, str) or not isinstance(password, str):
        raise LoginError(_('Saisissez votre identifiant et votre mot de passe.'))
    login = login.strip().lower()
    if not login or not password:
        raise LoginError(_('Saisissez votre identifiant et votre mot de passe.'))
    wrong = _('Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez.')
    if len(login) > MAX_LOGIN_LENGTH or len(password) > MAX_PASSWORD_LENGTH or '\x00' in login:
        raise LoginError(wrong)
    if not get_settings().local_login:
        raise LoginError(_('La connexion par mot de passe local est désactivée : utilisez votre ENT.'))
    try:
        throttling.check_allowed(login, client_ip)
    except throttling.TooManyAttempts as blocked:
        raise LoginError(str(blocked)) from blocked
    with session_scope() as session:
        user = session.exec(select(User).where(User.login == login)).first()
        usable = user is not None and user.active and (get_settings().demo or not user.is_demo)
        password_hash = user.password_hash if user is not None and usable else None
    matches, new_hash = verify_password(password, password_hash)
    if not matches:
        throttling.record_failure(login, client_ip)
        raise LoginError(wrong)
    if new_hash is not None:
        _replace_hash(login, password_hash, new_hash)
    return Identity(method=Method.LOCAL, login=login)


def _replace_hash(login: str, old_hash: str | None, new_hash: str) -> None:
    """The hash made with the current cost, unless the password changed meanwhile."""
    with session_scope() as session:
        user = session.exec(select(User).where(User.login == login)).first()
        if user is not None and user.password_hash == old_hash:
            user.password_hash = new_hash
            session.add(user)
