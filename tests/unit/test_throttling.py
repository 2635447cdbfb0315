"""Password guessing is slowed down: per account, per address, and the same for every instance (database)."""

from datetime import timedelta

import pytest
from nicegui.testing import User
from sqlmodel import select

from auth.identity import Method
from auth.local import LoginError, authenticate
from models import LoginFailure, utcnow
from services.database import session_scope
from tests.factories import PASSWORD


def wrong_password(login: str, times: int, ip: str | None = '203.0.113.7') -> None:
    for _ in range(times):
        with pytest.raises(LoginError, match='Identifiant ou mot de passe incorrect'):
            authenticate(login, 'pas-le-bon-mot-de-passe', client_ip=ip)


def test_the_eleventh_attempt_within_a_minute_is_refused_even_with_the_right_password() -> None:
    wrong_password('alice', 10)
    with pytest.raises(LoginError, match=r'Trop de tentatives .* réessayez dans \d+ secondes\.'):
        authenticate('alice', PASSWORD, client_ip='203.0.113.7')


def test_ten_wrong_passwords_still_let_the_right_one_in() -> None:
    wrong_password('alice', 9)
    assert authenticate('alice', PASSWORD).method is Method.LOCAL


def test_the_block_is_per_account_and_ends_with_the_window() -> None:
    wrong_password('alice', 10)
    assert authenticate('bob', PASSWORD, client_ip='203.0.113.7').login == 'bob'  # another account
    with session_scope() as session:  # a minute later…
        for failure in session.exec(select(LoginFailure)).all():
            failure.at = utcnow() - timedelta(seconds=61)
            session.add(failure)
    assert authenticate('alice', PASSWORD).login == 'alice'


def test_one_address_guessing_many_accounts_is_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PSTAGE_LOGIN_MAX_FAILURES_PER_IP', '5')
    from settings import reload_settings

    reload_settings()
    for login in ('alice', 'bob', 'chloe', 'dupont', 'roux'):
        wrong_password(login, 1, ip='198.51.100.9')
    with pytest.raises(LoginError, match='Trop de tentatives'):
        authenticate('gestion', PASSWORD, client_ip='198.51.100.9')
    assert authenticate('gestion', PASSWORD, client_ip='192.0.2.1').login == 'gestion'  # another address


def test_unknown_accounts_are_counted_too() -> None:
    wrong_password('personne', 10)
    with pytest.raises(LoginError, match='Trop de tentatives'):
        authenticate('personne', 'peu-importe')


async def test_the_login_page_says_when_to_try_again(user: User) -> None:
    wrong_password('alice', 10, ip=None)
    await user.open('/login')
    user.find(marker='login').type('alice')
    user.find(marker='password').type(PASSWORD)
    user.find(marker='login-submit').click()
    await user.should_see('Trop de tentatives de connexion infructueuses. Par sécurité, réessayez dans')
    await user.open('/')
    await user.should_not_see(marker='current-user')
