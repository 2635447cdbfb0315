"""Every test gets its own database, copied from a template migrated and filled once per session."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from services import database, schema
from services.database import session_scope
from settings import reload_settings
from tests.factories import World, build_world

pytest_plugins = ['nicegui.testing.user_plugin']

os.environ.setdefault('PSTAGE_STORAGE_SECRET', 'test-storage-secret')
os.environ.setdefault('PSTAGE_ENCRYPTION_KEY', 'ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg=')
os.environ['PSTAGE_DEMO'] = 'false'


@pytest.fixture(scope='session')
def _template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    path = tmp_path_factory.mktemp('template') / 'pstage.db'
    database.configure(f'sqlite:///{path}')
    schema.prepare()
    with session_scope() as session:
        world = build_world(session)
    with database.engine().connect() as connection:
        connection.execute(sa.text('PRAGMA wal_checkpoint(TRUNCATE)'))
    database.engine().dispose()
    return path, world


@pytest.fixture(scope='session')
def world(_template: tuple[Path, World]) -> World:
    """Ids of the fixed test world (the same in every test's copy of the database)."""
    return _template[1]


@pytest.fixture(autouse=True)
def fresh_database(_template: tuple[Path, World], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    path = tmp_path / 'pstage.db'
    shutil.copy(_template[0], path)
    url = f'sqlite:///{path}'
    monkeypatch.setenv('PSTAGE_DATABASE_URL', url)
    monkeypatch.setenv('PSTAGE_DATA_DIR', str(tmp_path / 'data'))
    reload_settings()
    database.configure(url)
    yield url
    database.engine().dispose()
