"""The two databases tests run on: a SQLite file copied per test, or one PostgreSQL database per pytest process.

PostgreSQL: `CREATE DATABASE … TEMPLATE` then `DROP` per test costs 1–3 s on this machine (it writes and
syncs a whole database directory), which is too slow for hundreds of tests. So each pytest process creates
one database, migrates it and builds the test world once, keeps a copy of every table in the schema
`pstage_snapshot`, and before every test puts the rows and the id sequences back as they were: one SQL
script, a few tens of milliseconds. Ids of the world are therefore identical in every test, on both backends.

Tests that need an empty or throw-away database of their own (migrations, restore) use `scratch_database`.
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import models  # noqa: F401 - registers every table in SQLModel.metadata
from services import database, schema
from services.database import session_scope
from tests.factories import World, build_world

DEFAULT_URL = 'postgresql://postgres@127.0.0.1:5432/test'
SNAPSHOT = 'pstage_snapshot'


def server_url() -> str:
    return os.environ.get('PSTAGE_TEST_POSTGRES_URL', DEFAULT_URL)


def with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _libpq(url: str) -> str:
    return make_url(url).set(drivername='postgresql').render_as_string(hide_password=False)


def admin(statement: str | sql.Composed | sql.SQL) -> None:
    """Run one statement on the server's maintenance database (CREATE/DROP DATABASE…)."""
    with psycopg.connect(_libpq(server_url()), autocommit=True, connect_timeout=5) as connection:
        connection.execute(statement)


def require_server() -> None:
    """Skip with the reason when PostgreSQL is unreachable — except in CI, where that is a failure."""
    try:
        admin('SELECT 1')
    except psycopg.OperationalError as error:
        message = f'PostgreSQL unreachable at {server_url()}: {error}'.strip()
        if os.environ.get('CI'):
            pytest.fail(f'{message} (CI must run the PostgreSQL tests)')
        pytest.skip(message)


def _create(name: str) -> str:
    admin(sql.SQL('DROP DATABASE IF EXISTS {} WITH (FORCE)').format(sql.Identifier(name)))
    admin(sql.SQL('CREATE DATABASE {}').format(sql.Identifier(name)))
    return with_database(server_url(), name)


def _drop(name: str) -> None:
    admin(sql.SQL('DROP DATABASE IF EXISTS {} WITH (FORCE)').format(sql.Identifier(name)))


@contextmanager
def scratch_database(prefix: str = 'pstage_scratch') -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards; yields its URL."""
    require_server()
    name = f'{prefix}_{uuid.uuid4().hex[:12]}'
    url = _create(name)
    try:
        yield url
    finally:
        database.engine().dispose()
        _drop(name)


class PostgresWorld:
    """This process's PostgreSQL test database, holding the test world, and how to put it back before a test."""

    def __init__(self) -> None:
        self.name = f'pstage_test_{os.getpid()}_{uuid.uuid4().hex[:6]}'
        self.url = ''
        self.world = World()
        self._reset_script = sql.Composed([])
        self._connection: psycopg.Connection | None = None

    def create(self) -> World:
        self.url = _create(self.name)
        database.configure(self.url)
        schema.prepare()
        with session_scope() as session:
            self.world = build_world(session)
        database.engine().dispose()
        self._connection = psycopg.connect(_libpq(self.url), autocommit=True)
        self._snapshot(self._connection)
        return self.world

    def _snapshot(self, connection: psycopg.Connection) -> None:
        tables = [table.name for table in SQLModel.metadata.sorted_tables]  # parents before children
        connection.execute(sql.SQL('CREATE SCHEMA {}').format(sql.Identifier(SNAPSHOT)))
        filled = []
        for table in tables:
            connection.execute(
                sql.SQL('CREATE TABLE {}.{} AS TABLE public.{}').format(
                    sql.Identifier(SNAPSHOT), sql.Identifier(table), sql.Identifier(table)
                )
            )
            count = connection.execute(
                sql.SQL('SELECT count(*) FROM {}.{}').format(sql.Identifier(SNAPSHOT), sql.Identifier(table))
            ).fetchone()
            if count and count[0]:
                filled.append(table)
        sequences = connection.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall()
        statements: list[sql.Composable] = [
            sql.SQL("SET lock_timeout = '30s'"),
            # DELETE, children first: 30× faster than TRUNCATE here (no new files) for a few hundred rows.
            *(sql.SQL('DELETE FROM public.{}').format(sql.Identifier(table)) for table in reversed(tables)),
            *(
                sql.SQL('INSERT INTO public.{} SELECT * FROM {}.{}').format(
                    sql.Identifier(table), sql.Identifier(SNAPSHOT), sql.Identifier(table)
                )
                for table in filled
            ),
            *(
                sql.SQL('SELECT setval({}, {}, {})').format(
                    sql.Literal(f'public.{name}'), sql.Literal(value or 1), sql.Literal(value is not None)
                )
                for name, value in sequences
            ),
        ]
        self._reset_script = sql.SQL('BEGIN; {}; COMMIT').format(sql.SQL('; ').join(statements))

    def reset(self) -> str:
        """The test world back as built, no connection of a previous test left; returns the database URL."""
        assert self._connection is not None
        self._connection.execute(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()',
            (self.name,),
        )
        self._connection.execute(self._reset_script)
        return self.url

    def drop(self) -> None:
        if self._connection is not None:
            self._connection.close()
        _drop(self.name)
