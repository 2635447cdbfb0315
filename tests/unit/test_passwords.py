"""Passwords are hashed with argon2id at the cost the settings name; an older hash is replaced at the next login."""

import pytest
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlmodel import select

from auth.local import LoginError, authenticate
from auth.passwords import hash_password
from models import User
from services.database import session_scope
from settings import reload_settings
from tests.factories import PASSWORD

RFC_9106_LOW_MEMORY = PasswordHash((Argon2Hasher(time_cost=3, memory_cost=65_536, parallelism=4),))


def stored_hash(login: str) -> str:
    with session_scope() as session:
        user = session.exec(select(User).where(User.login == login)).one()
        assert user.password_hash is not None
        return user.password_hash


def give_hash(login: str, password_hash: str) -> None:
    with session_scope() as session:
        user = session.exec(select(User).where(User.login == login)).one()
        user.password_hash = password_hash
        session.add(user)


def test_a_new_password_is_hashed_with_owasps_first_argon2id_configuration() -> None:
    assert hash_password('un mot de passe solide').startswith('$argon2id$v=19$m=19456,t=2,p=1$')


def test_the_settings_choose_the_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PSTAGE_PASSWORD_HASH_MEMORY_KIB', '65536')
    monkeypatch.setenv('PSTAGE_PASSWORD_HASH_ITERATIONS', '3')
    monkeypatch.setenv('PSTAGE_PASSWORD_HASH_PARALLELISM', '4')
    reload_settings()
    assert hash_password('un mot de passe solide').startswith('$argon2id$v=19$m=65536,t=3,p=4$')


def test_a_cost_below_owasps_weakest_configuration_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PSTAGE_PASSWORD_HASH_MEMORY_KIB', '4096')
    with pytest.raises(ValueError, match='password_hash_memory_kib'):
        reload_settings()


def test_a_hash_made_with_another_cost_is_replaced_at_the_next_login() -> None:
    give_hash('alice', RFC_9106_LOW_MEMORY.hash(PASSWORD))

    authenticate('alice', PASSWORD)

    assert stored_hash('alice').startswith('$argon2id$v=19$m=19456,t=2,p=1$')
    assert authenticate('alice', PASSWORD).login == 'alice'  # the same password, under its new hash


def test_a_wrong_password_leaves_the_old_hash_alone() -> None:
    old = RFC_9106_LOW_MEMORY.hash(PASSWORD)
    give_hash('alice', old)

    with pytest.raises(LoginError, match='Identifiant ou mot de passe incorrect'):
        authenticate('alice', 'pas-le-bon-mot-de-passe')

    assert stored_hash('alice') == old


def test_a_hash_at_the_current_cost_is_kept() -> None:
    before = stored_hash('bob')
    authenticate('bob', PASSWORD)
    assert stored_hash('bob') == before
