"""Every migration goes up one step at a time from an empty database to head, where the schema is exactly the
models', then back down to an empty database — on SQLite and on PostgreSQL."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import models  # noqa: F401 - every table in the metadata
from services import database, schema
from tests.backends import scratch_database


@pytest.fixture(params=['sqlite', 'postgresql'])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == 'sqlite':
        url = f'sqlite:///{tmp_path / "empty.db"}'
        database.configure(url)
        yield url
        return
    with scratch_database('pstage_migrations') as url:
        database.configure(url)
        yield url


def revisions_from_base() -> list[str]:
    script = ScriptDirectory.from_config(schema.alembic_config())
    return [revision.revision for revision in reversed(list(script.walk_revisions('base', 'heads')))]


def migrate(direction: str, target: str) -> str | None:
    """Run one alembic command in its own transaction; the revision the database is at afterwards."""
    config = schema.alembic_config()
    with database.engine().begin() as connection:
        config.attributes['connection'] = connection
        getattr(command, direction)(config, target)
    with database.engine().connect() as connection:
        return schema.current_revision(connection)


def differences_from_models() -> list[object]:
    with database.engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={'compare_type': True})
        return list(compare_metadata(context, SQLModel.metadata))


def application_tables() -> set[str]:
    return set(sa.inspect(database.engine()).get_table_names()) - {'alembic_version'}


def test_up_step_by_step_to_the_models_schema_and_down_to_nothing(empty_database: str) -> None:
    steps = revisions_from_base()
    assert steps, 'no migration found'
    assert steps[-1] == schema.head_revision()

    for revision in steps:
        assert migrate('upgrade', revision) == revision
    assert differences_from_models() == []
    assert application_tables() == set(SQLModel.metadata.tables)

    # A database at head can hold data: the reference data load succeeds and is idempotent.
    schema.prepare()
    schema.prepare()

    for previous in [*reversed(steps[:-1]), None]:
        assert migrate('downgrade', '-1') == previous
    assert application_tables() == set()
