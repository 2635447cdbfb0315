"""Real PostgreSQL for integration tests: a template database migrated once, a fresh copy per test.

The server is named by PSTAGE_TEST_POSTGRES_URL (default: the local server, database `test`). Tests
skip with the reason when it is unreachable — except in CI (CI=true), where that is a failure.
"""

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import make_url

from services import database, schema
from services.database import session_scope
from tests.factories import build_world

DEFAULT_URL = 'postgresql://postgres@127.0.0.1:5432/test'


def _server_url() -> str:
    return os.environ.get('PSTAGE_TEST_POSTGRES_URL', DEFAULT_URL)


def _with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _admin(sql: str) -> None:
    url = make_url(_server_url()).set(drivername='postgresql')
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True, connect_timeout=3) as conn:
        conn.execute(sql)


@pytest.fixture(scope='session')
def _postgres_template() -> Iterator[str]:
    try:
        _admin('SELECT 1')
    except psycopg.OperationalError as error:
        message = f'PostgreSQL unreachable at {_server_url()}: {error}'.strip()
        if os.environ.get('CI'):
            pytest.fail(f'{message} (CI must run the PostgreSQL tests)')
        pytest.skip(message)
    name = f'pstage_template_{os.getpid()}'
    _admin(f'DROP DATABASE IF EXISTS {name}')
    _admin(f'CREATE DATABASE {name}')
    database.configure(_with_database(_server_url(), name))
    schema.prepare()
    with session_scope() as session:
        build_world(session)
    database.engine().dispose()
    yield name
    _admin(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)')


@pytest.fixture
def postgres_url(_postgres_template: str) -> Iterator[str]:
    """A fresh PostgreSQL database with the schema, reference data and the test world; dropped after."""
    name = f'pstage_test_{uuid.uuid4().hex[:12]}'
    _admin(f'CREATE DATABASE {name} TEMPLATE {_postgres_template}')
    try:
        yield _with_database(_server_url(), name)
    finally:
        database.engine().dispose()
        _admin(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)')


@pytest.fixture(params=['sqlite', 'postgresql'])
def any_database(request: pytest.FixtureRequest, fresh_database: str) -> str:
    """Runs the test once on SQLite and once on PostgreSQL, with services.database pointing at it."""
    url = fresh_database if request.param == 'sqlite' else request.getfixturevalue('postgres_url')
    database.configure(url)
    return url
