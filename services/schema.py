"""Alembic, driven from Python: the schema is brought to head at start-up and by `pstage db upgrade`."""

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from services import database

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / 'migrations'


def alembic_config() -> Config:
    config = Config()
    config.set_main_option('script_location', str(MIGRATIONS_DIR))
    return config


def upgrade() -> None:
    """Apply every pending migration to the configured database."""
    config = alembic_config()
    with database.engine().begin() as connection:
        config.attributes['connection'] = connection
        command.upgrade(config, 'head')


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: sa.Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def prepare() -> None:
    """Schema at head and reference data present: what every start (server, CLI, tests) needs."""
    from services.database import session_scope
    from services.reference_data import ensure_reference_data

    upgrade()
    with session_scope() as session:
        ensure_reference_data(session)
