"""Signing in with the university's CAS — a real CAS 3 server (django-cas-server) and a real PStage server."""

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from sqlmodel import select

from models import Role, User, UserRole
from services import database
from services.database import session_scope
from tests.factories import World
from tests.integration.html_forms import forms_in
from tests.integration.live_servers import ROOT, clean_environment, free_port, pstage_server, running

ATTRIBUTES = {
    'displayName': 'Jules Nouvel',
    'mail': 'jules.nouvel@universite.example',
    'eduPersonAffiliation': ['staff', 'member'],
    'supannEntiteAffectation': ['S23'],
}
# A rule for this university: staff of the internship office S23 manage the UFR Sciences et Techniques.
ROLE_RULES = [{'affiliation': 'staff', 'affectation': 'S23', 'role': 'gestionnaire', 'composante': 'affectation'}]


@pytest.fixture(scope='module')
def servers(_template: tuple[Path, World], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    if importlib.util.find_spec('cas_server') is None:
        message = 'django-cas-server is missing (a dev dependency): pip install -e .[dev]'
        if os.environ.get('CI'):
            pytest.fail(f'{message} (CI must run the SSO integration tests)')
        pytest.skip(message)
    tmp = tmp_path_factory.mktemp('cas')
    db_path = tmp / 'pstage.db'
    shutil.copy(_template[0], db_path)
    app_port, cas_port = free_port(), free_port()
    app, cas = f'http://127.0.0.1:{app_port}', f'http://127.0.0.1:{cas_port}/cas'
    cas_env = clean_environment(
        {
            'DJANGO_SETTINGS_MODULE': 'tests.integration.cas_server.settings',
            'CAS_DB': str(tmp / 'cas.sqlite3'),
            'CAS_TEST_ATTRIBUTES': json.dumps(ATTRIBUTES),
            'PYTHONPATH': str(ROOT),
        }
    )
    service = '^' + re.escape(f'{app}/auth/cas/callback') + '.*$'
    subprocess.run(
        [sys.executable, '-m', 'tests.integration.cas_server.bootstrap', service], cwd=ROOT, env=cas_env, check=True
    )
    cas_command = [sys.executable, '-m', 'django', 'runserver', '--noreload', f'127.0.0.1:{cas_port}']
    settings = {
        'PSTAGE_CAS_SERVER_URL': cas,
        'PSTAGE_ROLE_RULES': json.dumps(ROLE_RULES),
        'PSTAGE_AFFECTATION_MAP': json.dumps({'S23': 'UFR-ST'}),
    }
    with (
        running(cas_command, env=cas_env, url=f'{cas}/login', cwd=ROOT, log=tmp / 'cas.log'),
        pstage_server(f'sqlite:///{db_path}', tmp, settings, port=app_port),
    ):
        yield {'app': app, 'cas': cas, 'db': f'sqlite:///{db_path}', 'log': str(tmp / 'pstage.log')}


@pytest.fixture
def browser() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30, follow_redirects=True) as client:
        yield client


def sign_in_at_cas(client: httpx.Client, app: str, password: str = 'cas-test-password') -> httpx.Response:
    form_page = client.get(f'{app}/auth/cas/login?next=/')
    assert urlsplit(str(form_page.url)).path == '/cas/login'
    form = next(form for form in forms_in(form_page.text, str(form_page.url)) if 'password' in form.fields)
    return client.post(form.action, data={**form.fields, 'username': 'jnouvel', 'password': password})


def is_signed_in(client: httpx.Client, app: str) -> bool:
    response = client.get(f'{app}/')
    return urlsplit(str(response.url)).path == '/' and 'Se déconnecter' in response.text


def test_staff_member_signs_in_with_cas_and_gets_the_mapped_manager_role(
    servers: dict[str, str], browser: httpx.Client, world: World
) -> None:
    home = sign_in_at_cas(browser, servers['app'])
    assert urlsplit(str(home.url)).path == '/'
    assert 'Bonjour Jules Nouvel.' in home.text
    assert 'Conventions de votre périmètre' in home.text  # the staff home

    database.configure(servers['db'])
    with session_scope() as session:
        user = session.exec(select(User).where(User.login == 'jnouvel')).one()
        assert user.email == 'jules.nouvel@universite.example'
        roles = session.exec(select(UserRole.role, UserRole.composante_id).where(UserRole.user_id == user.id)).all()
        assert [tuple(row) for row in roles] == [(Role.MANAGER, world.composante_id)]


def test_invalid_ticket_is_refused(servers: dict[str, str], browser: httpx.Client) -> None:
    browser.get(f'{servers["app"]}/auth/cas/login', follow_redirects=False)  # a login really started here
    page = browser.get(f'{servers["app"]}/auth/cas/callback?ticket=ST-forged-ticket-0123456789')
    assert urlsplit(str(page.url)).path == '/login'
    assert "La connexion par l'ENT a échoué ou a été refusée." in page.text
    assert not is_signed_in(browser, servers['app'])
    assert 'INVALID_TICKET' in Path(servers['log']).read_text()


def test_a_ticket_is_accepted_only_by_the_browser_that_started_the_login(
    servers: dict[str, str], browser: httpx.Client
) -> None:
    """Login CSRF: a ticket obtained by an attacker and sent to a victim must not log the victim in."""
    attacker = httpx.Client(timeout=30)
    form_page = attacker.get(f'{servers["app"]}/auth/cas/login', follow_redirects=True)
    form = next(form for form in forms_in(form_page.text, str(form_page.url)) if 'password' in form.fields)
    answer = attacker.post(form.action, data={**form.fields, 'username': 'jnouvel', 'password': 'cas-test-password'})
    callback = answer.headers['location']
    assert '/auth/cas/callback?ticket=' in callback
    attacker.close()
    page = browser.get(callback)
    assert urlsplit(str(page.url)).path == '/login'
    assert not is_signed_in(browser, servers['app'])


def test_logout_goes_through_the_cas_logout(servers: dict[str, str], browser: httpx.Client) -> None:
    sign_in_at_cas(browser, servers['app'])
    assert is_signed_in(browser, servers['app'])
    response = browser.get(f'{servers["app"]}/logout', follow_redirects=False)
    assert response.headers['location'].startswith(f'{servers["cas"]}/logout?service=')
    browser.get(response.headers['location'])
    assert not is_signed_in(browser, servers['app'])
    # The CAS session ended too: the CAS login form is shown again instead of an immediate ticket.
    again = browser.get(f'{servers["app"]}/auth/cas/login')
    assert urlsplit(str(again.url)).path == '/cas/login'
    assert any('password' in form.fields for form in forms_in(again.text, str(again.url)))
