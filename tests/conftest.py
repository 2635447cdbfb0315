"""Every test gets its own database holding the fixed test world, on SQLite or on PostgreSQL.

PSTAGE_TEST_BACKEND chooses: `sqlite` (default; a copy of a template file per test) or `postgresql` (the
server of PSTAGE_TEST_POSTGRES_URL; one database per pytest process put back before each test, see
tests/backends.py). `make test` runs the suite on SQLite, then again on PostgreSQL.

PSTAGE_TEST_DATABASE_TESTS names a file: the SQLite pass writes there the tests that opened their database;
the PostgreSQL pass, given the same file, runs only those (pure logic — rules, PDF layout, parsers — has
nothing to learn from a second database).
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from services import database, schema, search
from services.database import session_scope
from settings import reload_settings
from tests.backends import PostgresWorld, require_server
from tests.factories import World, build_world

pytest_plugins = ['nicegui.testing.user_plugin']

os.environ.setdefault('PSTAGE_STORAGE_SECRET', 'test-storage-secret')
os.environ.setdefault('PSTAGE_ENCRYPTION_KEY', 'ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg=')
os.environ['PSTAGE_DEMO'] = 'false'
os.environ['PSTAGE_JOBS'] = 'false'  # no scheduler thread changing the world under a test
os.environ['PSTAGE_SEARCH_REFRESH'] = 'false'  # each test builds the indexes of its own database

BACKEND = os.environ.get('PSTAGE_TEST_BACKEND', 'sqlite')
if BACKEND not in ('sqlite', 'postgresql'):
    raise ValueError(f'PSTAGE_TEST_BACKEND must be sqlite or postgresql, not {BACKEND!r}')
DATABASE_TESTS = os.environ.get('PSTAGE_TEST_DATABASE_TESTS')


# --- SQLite -------------------------------------------------------------------------------------------------


@pytest.fixture(scope='session')
def _template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    """The SQLite template file and its world (also copied by the SSO tests for their live servers)."""
    path = tmp_path_factory.mktemp('template') / 'pstage.db'
    database.configure(f'sqlite:///{path}')
    schema.prepare()
    with session_scope() as session:
        world = build_world(session)
    with database.engine().connect() as connection:
        connection.execute(sa.text('PRAGMA wal_checkpoint(TRUNCATE)'))
    database.engine().dispose()
    return path, world


@pytest.fixture
def sqlite_url(_template: tuple[Path, World], tmp_path: Path) -> str:
    """A fresh SQLite copy of the template for this test."""
    path = tmp_path / 'pstage.db'
    shutil.copy(_template[0], path)
    return f'sqlite:///{path}'


# --- PostgreSQL ---------------------------------------------------------------------------------------------


@pytest.fixture(scope='session')
def postgres_world() -> Iterator[PostgresWorld]:
    require_server()
    postgres = PostgresWorld()
    postgres.create()
    yield postgres
    postgres.drop()


@pytest.fixture
def postgres_url(postgres_world: PostgresWorld) -> Iterator[str]:
    """This process's PostgreSQL database with the schema, reference data and the test world, as built."""
    url = postgres_world.reset()
    _watch(url)
    yield url
    database.engine().dispose()


# --- What every test gets -----------------------------------------------------------------------------------


@pytest.fixture(scope='session')
def world(request: pytest.FixtureRequest) -> World:
    """Ids of the fixed test world (the same in every test's database, on either backend)."""
    if BACKEND == 'postgresql':
        return request.getfixturevalue('postgres_world').world
    return request.getfixturevalue('_template')[1]


class _Opened:
    """Whether the current test opened one of its databases (recorded for the PostgreSQL pass)."""

    urls: set[str] = set()
    opened = False


def _watch(url: str) -> None:
    _Opened.urls.add(database.normalise_url(url).render_as_string(hide_password=False))


def _note_connection(connection: sa.Connection) -> None:
    if not _Opened.opened and _Opened.urls:
        _Opened.opened = connection.engine.url.render_as_string(hide_password=False) in _Opened.urls


sa.event.listen(sa.Engine, 'engine_connect', _note_connection)


@pytest.fixture(autouse=True)
def fresh_database(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    _Opened.urls, _Opened.opened = set(), False
    url = request.getfixturevalue('postgres_url' if BACKEND == 'postgresql' else 'sqlite_url')
    _watch(url)
    monkeypatch.setenv('PSTAGE_DATABASE_URL', url)
    monkeypatch.setenv('PSTAGE_DATA_DIR', str(tmp_path / 'data'))
    reload_settings()
    database.configure(url)
    monkeypatch.setattr(search, '_engine', None)  # the in-memory search indexes belong to this database
    yield url
    database.engine().dispose()
    if _Opened.opened and DATABASE_TESTS and BACKEND == 'sqlite':
        with open(DATABASE_TESTS, 'a', encoding='utf-8') as record:
            record.write(request.node.nodeid + '\n')
    _Opened.urls = set()


@pytest.fixture(params=['sqlite', 'postgresql'])
def any_database(request: pytest.FixtureRequest, fresh_database: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs the test on SQLite and on PostgreSQL (the PostgreSQL pass: on PostgreSQL only)."""
    if request.param == 'sqlite' and BACKEND == 'postgresql':
        pytest.skip('the SQLite pass runs this one')
    url = request.getfixturevalue('sqlite_url' if request.param == 'sqlite' else 'postgres_url')
    monkeypatch.setenv('PSTAGE_DATABASE_URL', url)
    reload_settings()
    database.configure(url)
    return url


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if BACKEND != 'postgresql' or not DATABASE_TESTS or not Path(DATABASE_TESTS).is_file():
        return
    wanted = set(Path(DATABASE_TESTS).read_text(encoding='utf-8').split())
    if not wanted:
        return

    def wanted_here(item: pytest.Item) -> bool:
        callspec = getattr(item, 'callspec', None)
        sqlite_twin = callspec is not None and callspec.params.get('any_database') == 'sqlite'
        return item.nodeid in wanted and not sqlite_twin

    kept = [item for item in items if wanted_here(item)]
    skipped = [item for item in items if not wanted_here(item)]
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = kept


def pytest_report_header(config: pytest.Config) -> str:
    return f'database backend: {BACKEND}'
