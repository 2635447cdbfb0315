"""The browser session: who is logged in, kept in NiceGUI's per-user storage."""

from nicegui import app

from services.actor import Actor
from services.people import load_actor

USER_KEY = 'user_id'


def establish_session(actor: Actor) -> None:
    """Open the session of an authenticated actor, whatever the method (local, OIDC, CAS)."""
    app.storage.user.clear()
    app.storage.user[USER_KEY] = actor.user_id


def current_actor() -> Actor | None:
    user_id = app.storage.user.get(USER_KEY)
    if user_id is None:
        return None
    actor = load_actor(int(user_id))
    if actor is None:  # deactivated since the login
        app.storage.user.clear()
    return actor


def end_session() -> None:
    app.storage.user.clear()
