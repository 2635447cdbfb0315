"""Maintainers' tool, only while nothing has been released: rebuild 0001 from the current models.

    .venv/bin/python -m migrations.regenerate_initial

Once a release exists, schema changes get a new revision instead (alembic autogenerate).
"""

import tempfile
from pathlib import Path

from alembic import command

from services import database, schema

VERSIONS = Path(__file__).resolve().parent / 'versions'


def main() -> None:
    for old in VERSIONS.glob('0001_*.py'):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        database.configure(f'sqlite:///{tmp}/empty.db')
        config = schema.alembic_config()
        with database.engine().begin() as connection:
            config.attributes['connection'] = connection
            command.revision(config, message='initial schema', autogenerate=True, rev_id='0001')
        database.engine().dispose()
    for path in VERSIONS.glob('0001_*.py'):
        text = path.read_text().replace('models.types.UTCDateTime(timezone=True)', 'sa.DateTime(timezone=True)')
        path.write_text(text)
        print(f'rewrote {path.name}')


if __name__ == '__main__':
    main()
