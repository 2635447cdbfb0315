"""`pstage backup` then a lost database then `pstage restore` gives back every row of every table, on SQLite
(online backup API) and on PostgreSQL (pg_dump / pg_restore)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from cli import main
from models import Convention
from services import backup, database, schema
from services.database import session_scope
from tests.backends import require_server, scratch_database
from tests.factories import World, build_world


@pytest.fixture(params=['sqlite', 'postgresql'])
def world_database(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database of its own holding the test world (restoring must not touch the other tests' databases)."""
    if request.param == 'sqlite':
        url = request.getfixturevalue('sqlite_url')
        database.configure(url)
        monkeypatch.setenv('PSTAGE_DATABASE_URL', url)
        yield url
        return
    require_server()
    with scratch_database('pstage_backup') as url:
        monkeypatch.setenv('PSTAGE_DATABASE_URL', url)
        database.configure(url)
        schema.prepare()
        with session_scope() as session:
            build_world(session)
        yield url


def wipe() -> None:
    """Everything lost: every table dropped (the migrations brought back to base)."""
    config = schema.alembic_config()
    with database.engine().begin() as connection:
        config.attributes['connection'] = connection
        command.downgrade(config, 'base')
    assert set(sa.inspect(database.engine()).get_table_names()) <= {'alembic_version'}


def test_backup_wipe_restore_gives_back_every_row(world_database: str, world: World, tmp_path: Path) -> None:
    before = backup.table_checksums()
    assert before['convention'].rows >= 3
    assert before['user'].rows >= 7

    assert main(['backup', str(tmp_path / 'pstage.backup')]) == 0
    wipe()
    assert main(['restore', '--yes', str(tmp_path / 'pstage.backup')]) == 0

    assert backup.table_checksums() == before
    with session_scope() as session:
        convention = session.get(Convention, world.convention_ids['alice_validated'])
        assert convention is not None
        assert convention.number


def test_a_backup_taken_while_writing_is_consistent(world_database: str, tmp_path: Path) -> None:
    """The backup is a snapshot: a change committed after it is not in it, and it is restored whole."""
    before = backup.table_checksums()
    backup.backup(tmp_path / 'snapshot.backup')
    with session_scope() as session:
        session.execute(sa.delete(Convention))
    assert backup.table_checksums()['convention'].rows == 0

    backup.restore(tmp_path / 'snapshot.backup')
    assert backup.table_checksums() == before


# Refusals change nothing, so they run on the test's own database (of either backend).


def test_restore_refuses_a_file_that_is_not_a_backup_and_keeps_the_data(
    any_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = backup.table_checksums()
    bogus = tmp_path / 'notes.txt'
    bogus.write_text('pas une sauvegarde')
    assert main(['restore', '--yes', str(bogus)]) == 1
    assert 'n’est pas une sauvegarde PStage' in capsys.readouterr().err
    assert main(['restore', '--yes', str(tmp_path / 'absent.backup')]) == 1
    assert 'introuvable' in capsys.readouterr().err
    assert backup.table_checksums() == before


def test_restore_asks_for_confirmation(any_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup.backup(tmp_path / 'pstage.backup')
    assert main(['restore', str(tmp_path / 'pstage.backup')]) == 1  # stdin is not a terminal under pytest
    assert '--yes' in capsys.readouterr().err


def test_a_backup_of_one_kind_is_not_restored_into_the_other(any_database: str, tmp_path: Path) -> None:
    foreign = tmp_path / 'foreign.backup'
    if database.is_sqlite():
        foreign.write_bytes(backup.PG_DUMP_MAGIC + b'\x01\x0e' + bytes(64))
    else:
        foreign.write_bytes(backup.SQLITE_MAGIC + bytes(64))
    with pytest.raises(backup.BackupError, match='ne se restaure pas'):
        backup.restore(foreign)
