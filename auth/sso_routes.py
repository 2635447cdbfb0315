"""HTTP routes of single sign-on: /auth/oidc/login|callback and /auth/cas/login|callback.

They are plain FastAPI routes (real redirects, cookies written on the response), outside the NiceGUI
page machinery. Any failure — tampered state or nonce, invalid ticket, unreachable provider — sends
the browser back to the login page with a French message and leaves no session.
"""

import logging

from fastapi.responses import RedirectResponse
from nicegui import app
from starlette.requests import Request

from auth import cas, oidc
from auth.identity import Identity
from auth.local import LoginError
from auth.redirects import external_url, safe_next
from auth.session import establish_session, renew_after_login
from settings import get_settings

log = logging.getLogger(__name__)

NEXT_KEY = 'pstage_next'
CAS_PENDING_KEY = 'pstage_cas_pending'
OIDC_CALLBACK = '/auth/oidc/callback'
CAS_CALLBACK = '/auth/cas/callback'
RENEW = '/auth/session'


def register_sso_routes() -> None:
    app.add_api_route('/auth/oidc/login', oidc_login, methods=['GET'], include_in_schema=False)
    app.add_api_route(OIDC_CALLBACK, oidc_callback, methods=['GET'], include_in_schema=False)
    app.add_api_route('/auth/cas/login', cas_login, methods=['GET'], include_in_schema=False)
    app.add_api_route(CAS_CALLBACK, cas_callback, methods=['GET'], include_in_schema=False)
    app.add_api_route(RENEW, renew_session, methods=['GET'], include_in_schema=False)


def _refused(reason: str) -> RedirectResponse:
    return RedirectResponse(f'/login?erreur={reason}', status_code=303)


def _not_configured() -> RedirectResponse:
    return _refused('methode')


async def oidc_login(request: Request) -> RedirectResponse:
    if not get_settings().oidc_enabled:
        return _not_configured()
    request.session[NEXT_KEY] = safe_next(request.query_params.get('next'))
    try:
        response: RedirectResponse = await oidc.start(request, external_url(request, OIDC_CALLBACK))
    except Exception as error:  # provider unreachable or its discovery document unusable
        log.warning('OIDC login could not start: %s: %s', type(error).__name__, error)
        return _refused('indisponible')
    return response


async def oidc_callback(request: Request) -> RedirectResponse:
    if not get_settings().oidc_enabled:
        return _not_configured()
    try:
        identity, id_token = await oidc.finish(request)
        logout = await oidc.logout_url(id_token, external_url(request, '/login'))
    except Exception as error:  # every failure refuses the login: state, nonce, signature, transport…
        log.warning('OIDC login refused: %s: %s', type(error).__name__, error)
        return _refused('sso')
    return await _open_session(request, identity, logout)


async def cas_login(request: Request) -> RedirectResponse:
    if not get_settings().cas_enabled:
        return _not_configured()
    request.session[NEXT_KEY] = safe_next(request.query_params.get('next'))
    # Login CSRF guard: a ticket is only accepted by the browser that started this login.
    request.session[CAS_PENDING_KEY] = True
    return RedirectResponse(cas.login_url(external_url(request, CAS_CALLBACK)), status_code=303)


async def cas_callback(request: Request) -> RedirectResponse:
    if not get_settings().cas_enabled:
        return _not_configured()
    if not request.session.pop(CAS_PENDING_KEY, False):
        log.warning('CAS ticket refused: no login started by this browser')
        return _refused('sso')
    try:
        identity = await cas.validate(request.query_params.get('ticket', ''), external_url(request, CAS_CALLBACK))
    except Exception as error:
        log.warning('CAS login refused: %s: %s', type(error).__name__, error)
        return _refused('sso')
    return await _open_session(request, identity, cas.logout_url(external_url(request, '/login')))


async def renew_session(request: Request) -> RedirectResponse:
    """The local login form comes here once signed in: a new session id, so one planted earlier is worthless."""
    await renew_after_login(request)
    return RedirectResponse(safe_next(request.query_params.get('next')), status_code=303)


async def _open_session(request: Request, identity: Identity, logout_url: str | None) -> RedirectResponse:
    destination = safe_next(request.session.pop(NEXT_KEY, None))
    try:
        await establish_session(identity, logout_url=logout_url, request=request)
    except LoginError as refused:
        log.info('SSO login refused for an inactive account: %s', refused)
        return _refused('compte')
    return RedirectResponse(destination, status_code=303)
