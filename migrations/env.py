"""Alembic environment: the target metadata is SQLModel's, the connection comes from services.database."""

from alembic import context
from sqlmodel import SQLModel

import models  # noqa: F401 - registers every table
from services import database

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = config.attributes.get('connection')
    if connection is None:
        with database.engine().begin() as own_connection:
            _run(own_connection)
    else:
        _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == 'sqlite',  # type: ignore[attr-defined]
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
