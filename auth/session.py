"""The browser session: who is logged in, kept in NiceGUI's per-user storage.

NiceGUI's signed session cookie (Starlette's SessionMiddleware: HttpOnly, SameSite=Lax, Secure over
HTTPS, see auth/http_security.py) carries only a random id; the user id lives server-side.
"""

import logging
import uuid

from nicegui import app, run
from starlette.requests import Request

from auth.identity import Identity, Method
from auth.provisioning import sign_in
from components import busy
from services import database
from services.actor import Actor
from services.people import load_actor

USER_KEY = 'user_id'
METHOD_KEY = 'auth_method'
LOGOUT_URL_KEY = 'sso_logout_url'

log = logging.getLogger(__name__)


async def establish_session(
    identity: Identity, *, logout_url: str | None = None, request: Request | None = None
) -> Actor:
    """The one way in for every method (local, OIDC, CAS): account matched or created, audited, session opened.

    `logout_url` is where /logout sends the browser so the SSO session ends too. With `request` (plain
    HTTP routes, not websocket events) the session id is renewed, so an id planted before login is worthless.
    """
    actor = await run.io_bound(sign_in, identity)
    if actor is None:  # the server is shutting down
        raise RuntimeError('server shutting down')
    await open_session(actor, identity.method, logout_url=logout_url, request=request)
    return actor


async def open_session(
    actor: Actor, method: Method, *, logout_url: str | None = None, request: Request | None = None
) -> None:
    """The session of an actor whose sign-in auth.provisioning has recorded (see establish_session)."""
    app.storage.user.clear()
    if request is not None:
        await _renew_session_id(request)
    app.storage.user[USER_KEY] = actor.user_id
    app.storage.user[METHOD_KEY] = method.value
    if logout_url:
        app.storage.user[LOGOUT_URL_KEY] = logout_url


async def _renew_session_id(request: Request) -> None:
    new = str(uuid.uuid4())
    try:
        # NiceGUI keys app.storage.user by this id; its storage is created on the first request of a session.
        await app.storage._create_user_storage(new)
    except AttributeError:  # a NiceGUI without this internal: keep the id, the storage is cleared anyway
        log.warning('session id not renewed at login: NiceGUI internals changed')
        return
    request.session['id'] = new


async def renew_after_login(request: Request) -> dict[str, object] | None:
    """After a login made over the websocket (local form), give the session a new id over plain HTTP.

    Returns the session's content carried over (None when nobody is logged in: nothing to renew)."""
    content = dict(app.storage.user)
    if content.get(USER_KEY) is None:
        return None
    app.storage.user.clear()
    await _renew_session_id(request)
    app.storage.user.update(content)
    return content


def _lookup(user_id: int) -> tuple[Actor | None]:
    """The actor in a tuple: a thread's None answer means « not done », not « no such person »."""
    return (load_actor(user_id),)


async def current_actor() -> Actor | None:
    """The person logged in on this tab, read from the database in a worker thread: every page asks, and a
    query on the event loop would hold up every other visitor of this instance meanwhile."""
    user_id = app.storage.user.get(USER_KEY)
    if user_id is None:
        return None
    found = await busy.io_bound(_lookup, int(user_id))
    if found is None:  # the server is stopping: nothing was learnt, and the session stays as it is
        return None
    actor = found[0]
    if actor is None:  # deactivated since the login
        app.storage.user.clear()
    return actor


async def visitor() -> Actor | None:
    """current_actor() for the pages anyone may open, most of which do without the database (the login form,
    logout): while it is unreachable the visitor is taken as anonymous, and the page still answers."""
    try:
        return await current_actor()
    except database.UNAVAILABLE:
        return None


def end_session() -> str:
    """Forget the user here; returns where the browser goes next (the SSO provider's logout, or the login page)."""
    logout_url = app.storage.user.get(LOGOUT_URL_KEY)
    app.storage.user.clear()
    return str(logout_url) if logout_url else '/login'
