"""The login page offers every enabled sign-in method, and explains a refused SSO login in French."""

import pytest
from nicegui.testing import User

from settings import reload_settings


@pytest.fixture
def sso_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PSTAGE_OIDC_ISSUER', 'https://idp.universite.example/realms/etudiants')
    monkeypatch.setenv('PSTAGE_OIDC_CLIENT_ID', 'pstage')
    monkeypatch.setenv('PSTAGE_CAS_SERVER_URL', 'https://cas.universite.example/cas')
    reload_settings()


async def test_only_the_local_form_when_no_sso_is_configured(user: User) -> None:
    await user.open('/login')
    await user.should_see(marker='login')
    await user.should_not_see(marker='login-oidc')
    await user.should_not_see(marker='login-cas')


@pytest.mark.usefixtures('sso_enabled')
async def test_every_enabled_method_has_its_button(user: User) -> None:
    await user.open('/login')
    await user.should_see("Se connecter avec l'ENT")
    await user.should_see(marker='login-oidc')
    await user.should_see("Se connecter avec l'ENT (CAS)")
    await user.should_see(marker='login')  # local accounts stay available unless disabled


@pytest.mark.usefixtures('sso_enabled')
async def test_local_form_can_be_switched_off(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PSTAGE_LOCAL_LOGIN', 'false')
    reload_settings()
    await user.open('/login')
    await user.should_see(marker='login-cas')
    await user.should_not_see(marker='password')


async def test_a_refused_sso_login_is_explained(user: User) -> None:
    await user.open('/login?erreur=sso')
    await user.should_see("La connexion par l'ENT a échoué ou a été refusée.")
    await user.open('/login?erreur=<script>')
    await user.should_not_see(marker='sso-error')  # unknown codes show nothing


async def test_sso_routes_of_a_disabled_method_send_back_to_login(user: User) -> None:
    response = await user.http_client.get('/auth/cas/login', follow_redirects=False)
    assert response.status_code == 303
    assert response.headers['location'] == '/login?erreur=methode'
