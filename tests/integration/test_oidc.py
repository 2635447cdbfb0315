"""Signing in with the university's OpenID Connect provider — a real one (node oidc-provider), a real server.

The provider's own login form is filled and submitted with httpx, redirects are followed between the
two servers, and the story ends on PStage's home page with the role the directory attributes map to.
"""

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pytest
from sqlmodel import select

from models import AuditEntry, Role, User, UserRole
from services import database
from services.database import session_scope
from tests.factories import World
from tests.integration.html_forms import forms_in
from tests.integration.live_servers import clean_environment, free_port, pstage_server, require_tool, running

Rewrite = Callable[[str], str]
PROVIDER_DIR = Path(__file__).parent / 'oidc_provider'
CLIENT_ID, CLIENT_SECRET = 'pstage', 'a-test-client-secret-long-enough-for-hs256'
ACCOUNTS = {
    'nina.nouvel': {
        'password': 'nina-password',
        'claims': {
            'name': 'Nina Nouvel',
            'email': 'nina@etu.universite.example',
            'eduPersonAffiliation': ['student@universite.example', 'member'],
        },
    },
    'abenard': {  # Alice of the test world, known to the directory by her student number only
        'password': 'alice-password',
        'claims': {'name': 'Alice Bénard', 'supannEtuId': '20260001', 'eduPersonAffiliation': ['student']},
    },
    'prof.martin': {
        'password': 'martin-password',
        'claims': {
            'name': 'Paul Martin',
            'email': 'martin@universite.example',
            'eduPersonAffiliation': ['faculty', 'employee'],
        },
    },
}


@pytest.fixture(scope='module')
def servers(_template: tuple[Path, World], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    require_tool('node')
    require_tool('npm')
    if not (PROVIDER_DIR / 'node_modules' / 'oidc-provider').is_dir():
        npm = shutil.which('npm')
        assert npm is not None
        subprocess.run([npm, 'ci', '--no-audit', '--no-fund'], cwd=PROVIDER_DIR, check=True, capture_output=True)
    tmp = tmp_path_factory.mktemp('oidc')
    db_path = tmp / 'pstage.db'
    shutil.copy(_template[0], db_path)
    app_port, idp_port = free_port(), free_port()
    app, idp = f'http://127.0.0.1:{app_port}', f'http://127.0.0.1:{idp_port}'
    provider_env = clean_environment(
        {
            'PORT': str(idp_port),
            'CLIENT_ID': CLIENT_ID,
            'CLIENT_SECRET': CLIENT_SECRET,
            'REDIRECT_URI': f'{app}/auth/oidc/callback',
            'POST_LOGOUT_REDIRECT_URI': f'{app}/login',
            'ACCOUNTS': json.dumps(ACCOUNTS),
        }
    )
    node = shutil.which('node')
    assert node is not None
    settings = {
        'PSTAGE_OIDC_ISSUER': idp,
        'PSTAGE_OIDC_CLIENT_ID': CLIENT_ID,
        'PSTAGE_OIDC_CLIENT_SECRET': CLIENT_SECRET,
        'PSTAGE_OIDC_SCOPES': 'openid email profile supann',
    }
    discovery = f'{idp}/.well-known/openid-configuration'
    with (
        running([node, 'provider.mjs'], env=provider_env, url=discovery, cwd=PROVIDER_DIR, log=tmp / 'idp.log'),
        pstage_server(f'sqlite:///{db_path}', tmp, settings, port=app_port),
    ):
        yield {'app': app, 'idp': idp, 'db': f'sqlite:///{db_path}', 'log': str(tmp / 'pstage.log')}


@pytest.fixture
def browser() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as client:
        yield client


def follow(client: httpx.Client, response: httpx.Response, *, rewrite: Rewrite | None = None) -> httpx.Response:
    """Follow redirects one by one, letting `rewrite` tamper with a URL on the way, as an attacker could."""
    while response.is_redirect:
        url = str(response.url.join(response.headers['location']))
        response = client.get(rewrite(url) if rewrite else url)
    return response


def sign_in_at_provider(
    client: httpx.Client, app: str, login: str, password: str, *, rewrite: Rewrite | None = None
) -> httpx.Response:
    form_page = follow(client, client.get(f'{app}/auth/oidc/login?next=/'), rewrite=rewrite)
    assert 'Connexion ENT (test)' in form_page.text, form_page.text[:500]
    form = forms_in(form_page.text, str(form_page.url))[0]
    submitted = client.post(form.action, data={'username': login, 'password': password})
    return follow(client, submitted, rewrite=rewrite)


def with_param(url: str, name: str, value: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if name in query:
        query[name] = value
    return urlunsplit(parts._replace(query=urlencode(query)))


def servers_log(servers: dict[str, str]) -> str:
    return Path(servers['log']).read_text(errors='replace')


def is_signed_in(client: httpx.Client, app: str) -> bool:
    response = client.get(f'{app}/')
    return response.status_code == 200 and urlsplit(str(response.url)).path == '/' and 'Se déconnecter' in response.text


def test_new_student_signs_in_with_the_provider_form_and_gets_the_student_role(
    servers: dict[str, str], browser: httpx.Client
) -> None:
    home = sign_in_at_provider(browser, servers['app'], 'nina.nouvel', 'nina-password')
    assert home.status_code == 200
    assert urlsplit(str(home.url)).path == '/'
    assert 'Bonjour Nina Nouvel.' in home.text
    assert 'Créer une nouvelle convention' in home.text  # the student's home

    database.configure(servers['db'])
    with session_scope() as session:
        user = session.exec(select(User).where(User.login == 'nina.nouvel')).one()
        assert user.password_hash is None
        assert user.email == 'nina@etu.universite.example'
        roles = session.exec(select(UserRole.role).where(UserRole.user_id == user.id)).all()
        assert roles == [Role.STUDENT]
        logins = select(AuditEntry).where(AuditEntry.actor_id == user.id, AuditEntry.action == 'login')
        assert session.exec(logins).one().changes == {'method': 'oidc', 'login': 'nina.nouvel'}


def test_known_student_is_recognised_by_student_number(
    servers: dict[str, str], browser: httpx.Client, world: World
) -> None:
    home = sign_in_at_provider(browser, servers['app'], 'abenard', 'alice-password')
    assert 'Bonjour Alice Bénard.' in home.text
    assert '2026-000001' in home.text  # Alice's own convention
    database.configure(servers['db'])
    with session_scope() as session:
        assert session.exec(select(User).where(User.login == 'abenard')).first() is None
        alice = session.get(User, world.user_ids['alice'])
        assert alice is not None
        assert alice.last_login_at is not None


def test_teacher_affiliation_maps_to_the_teacher_role(servers: dict[str, str], browser: httpx.Client) -> None:
    home = sign_in_at_provider(browser, servers['app'], 'prof.martin', 'martin-password')
    assert 'Bonjour Paul Martin.' in home.text
    database.configure(servers['db'])
    with session_scope() as session:
        user = session.exec(select(User).where(User.login == 'prof.martin')).one()
        assert session.exec(select(UserRole.role).where(UserRole.user_id == user.id)).all() == [Role.TEACHER]


def test_wrong_password_at_the_provider_gives_no_session(servers: dict[str, str], browser: httpx.Client) -> None:
    page = sign_in_at_provider(browser, servers['app'], 'nina.nouvel', 'not-her-password')
    assert 'Identifiants invalides' in page.text
    assert not is_signed_in(browser, servers['app'])


def test_tampered_state_is_refused(servers: dict[str, str], browser: httpx.Client) -> None:
    def tamper(url: str) -> str:
        return with_param(url, 'state', 'forged-state') if '/auth/oidc/callback' in url else url

    page = sign_in_at_provider(browser, servers['app'], 'nina.nouvel', 'nina-password', rewrite=tamper)
    assert urlsplit(str(page.url)).path == '/login'
    assert "La connexion par l'ENT a échoué ou a été refusée." in page.text
    assert not is_signed_in(browser, servers['app'])
    assert 'MismatchingStateError' in servers_log(servers)


def test_tampered_nonce_is_refused(servers: dict[str, str], browser: httpx.Client) -> None:
    def tamper(url: str) -> str:
        return with_param(url, 'nonce', 'forged-nonce') if url.startswith(servers['idp'] + '/auth?') else url

    page = sign_in_at_provider(browser, servers['app'], 'nina.nouvel', 'nina-password', rewrite=tamper)
    assert urlsplit(str(page.url)).path == '/login'
    assert "La connexion par l'ENT a échoué ou a été refusée." in page.text
    assert not is_signed_in(browser, servers['app'])
    assert 'nonce' in servers_log(servers)


def test_logout_ends_the_application_and_the_provider_sessions(servers: dict[str, str], browser: httpx.Client) -> None:
    sign_in_at_provider(browser, servers['app'], 'nina.nouvel', 'nina-password')
    assert is_signed_in(browser, servers['app'])

    confirmation = follow(browser, browser.get(f'{servers["app"]}/logout'))
    assert urlsplit(str(confirmation.url)).netloc == urlsplit(servers['idp']).netloc  # the provider's logout page
    form = next(form for form in forms_in(confirmation.text, str(confirmation.url)) if 'xsrf' in form.fields)
    back = follow(browser, browser.post(form.action, data={**form.fields, 'logout': 'yes'}))
    assert urlsplit(str(back.url)).path == '/login'

    assert not is_signed_in(browser, servers['app'])
    # The provider forgot her too: signing in again asks for the password.
    again = follow(browser, browser.get(f'{servers["app"]}/auth/oidc/login'))
    assert 'Connexion ENT (test)' in again.text
