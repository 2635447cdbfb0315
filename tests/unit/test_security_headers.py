"""Every answer carries the security headers; the session cookie is HttpOnly, SameSite=Lax, Secure over HTTPS."""

import pytest
from nicegui.testing import User

from auth.http_security import SecurityHeadersMiddleware
from settings import Settings
from tests.ui.helpers import log_in


async def test_a_real_page_carries_the_security_headers(user: User) -> None:
    response = await user.http_client.get('/login')
    assert response.status_code == 200
    assert 'Connectez-vous avec vos identifiants ENT.' in response.text  # the page still renders
    csp = response.headers['content-security-policy']
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self' 'unsafe-inline' 'unsafe-eval'" in csp  # what NiceGUI's Vue needs, nothing more
    assert "object-src 'none'" in csp
    assert response.headers['x-frame-options'] == 'DENY'
    assert response.headers['x-content-type-options'] == 'nosniff'
    assert response.headers['referrer-policy'] == 'same-origin'
    assert 'camera=()' in response.headers['permissions-policy']
    assert 'strict-transport-security' not in response.headers  # plain HTTP here


async def test_the_page_loads_only_resources_of_this_site(user: User) -> None:
    """Scripts and styles NiceGUI serves are all under /_nicegui: 'self' in the CSP covers them."""
    page = (await user.http_client.get('/login')).text
    assert 'src="http' not in page
    assert 'href="http' not in page


async def test_session_cookie_is_http_only_and_same_site_lax(user: User) -> None:
    response = await user.http_client.get('/login')
    cookie = response.headers['set-cookie'].lower()
    assert 'httponly' in cookie
    assert 'samesite=lax' in cookie
    assert 'secure' not in cookie  # plain HTTP: a Secure cookie would never come back


async def test_logged_in_pages_and_json_routes_carry_them_too(user: User) -> None:
    await log_in(user, 'alice')
    for path in ('/', '/healthz'):
        response = await user.http_client.get(path)
        assert response.headers['x-frame-options'] == 'DENY'


async def _answer(scope_scheme: str, settings: Settings) -> dict[str, str]:
    async def app(scope, receive, send):
        await send({'type': 'http.response.start', 'status': 200, 'headers': [(b'set-cookie', b'session=x; httponly')]})
        await send({'type': 'http.response.body', 'body': b''})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    await SecurityHeadersMiddleware(app, settings=settings)({'type': 'http', 'scheme': scope_scheme}, None, send)  # type: ignore[arg-type]
    return {k.decode(): v.decode() for k, v in sent[0]['headers']}


@pytest.mark.parametrize(
    ('scheme', 'forced', 'secure'), [('https', False, True), ('http', False, False), ('http', True, True)]
)
async def test_cookies_are_secure_when_the_request_came_over_https(scheme: str, forced: bool, secure: bool) -> None:
    headers = await _answer(scheme, Settings(secure_cookies=forced))
    assert ('secure' in headers['set-cookie'].lower()) is secure
    assert ('strict-transport-security' in headers) is (scheme == 'https')


async def test_sso_provider_is_the_only_other_form_target() -> None:
    headers = await _answer('http', Settings(oidc_issuer='https://idp.univ.example/realms/u', oidc_client_id='x'))
    assert "form-action 'self' https://idp.univ.example" in headers['content-security-policy']


def test_proxy_headers_are_believed_only_from_the_configured_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    import app

    captured: dict[str, object] = {}
    monkeypatch.setenv('PSTAGE_TRUSTED_PROXIES', '10.0.0.5')
    monkeypatch.setattr(app, 'build', lambda: None)
    monkeypatch.setattr(app.ui, 'run', lambda **kwargs: captured.update(kwargs))
    app.serve()
    assert captured['forwarded_allow_ips'] == '10.0.0.5'


def test_a_page_waits_for_its_browser_longer_than_a_busy_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server busy for a few seconds must not drop the pages open on it (NiceGUI's default is 3 s)."""
    import app

    captured: dict[str, object] = {}
    monkeypatch.setattr(app, 'build', lambda: None)
    monkeypatch.setattr(app.ui, 'run', lambda **kwargs: captured.update(kwargs))
    app.serve()
    assert captured['reconnect_timeout'] == app.RECONNECT_TIMEOUT >= 15


async def test_logging_in_gives_the_browser_a_new_session_id(user: User) -> None:
    """A session cookie planted before login (session fixation) is worth nothing afterwards."""
    await user.open('/login')
    planted = user.http_client.cookies['session']
    await log_in(user, 'alice', start='/login')
    assert user.http_client.cookies['session'] != planted
    user.http_client.cookies.set('session', planted)  # the attacker's copy
    response = await user.http_client.get('/', follow_redirects=False)
    assert response.status_code == 303
    assert response.headers['location'].startswith('/login')


def test_the_event_loop_gets_the_gil_back_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker threads busy with database rows must not hold up the loop that serves every page for 5 ms a time."""
    import sys

    import app

    monkeypatch.setattr(app, 'build', lambda: None)
    monkeypatch.setattr(app.ui, 'run', lambda **kwargs: None)
    monkeypatch.setattr(app.app, 'on_startup', lambda handler: None)
    before = sys.getswitchinterval()
    try:
        app.serve()
        assert sys.getswitchinterval() == app.GIL_SWITCH_INTERVAL <= 0.001
    finally:
        sys.setswitchinterval(before)


def test_what_start_up_created_is_out_of_the_garbage_collector_s_walks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full collection stops every page of the instance: it must not walk the process's permanent objects."""
    import gc

    import app

    started: list[object] = []
    monkeypatch.setattr(app, 'build', lambda: None)
    monkeypatch.setattr(app.ui, 'run', lambda **kwargs: None)
    monkeypatch.setattr(app.app, 'on_startup', started.append)
    app.serve()
    assert started[-1] is app.freeze_startup_objects  # once the other start-up handlers have run
    permanent = ['made at start-up']  # a list: always tracked by the collector
    try:
        app.freeze_startup_objects()
        assert gc.get_freeze_count() > 0
        assert not any(permanent is tracked for tracked in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()
