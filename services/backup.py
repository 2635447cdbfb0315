"""Whole-database backup and restore (`pstage backup FILE`, `pstage restore FILE`), an operator's tool.

SQLite: the online backup API of sqlite3 — a consistent copy taken while the application keeps serving,
written as a single self-contained file. PostgreSQL: `pg_dump --format=custom`, restored by `pg_restore
--clean --if-exists --single-transaction` (all or nothing). Restoring replaces the current data: stop every
instance first. The NIR encryption key (PSTAGE_ENCRYPTION_KEY or data/nir-encryption.key) and the file store
are not in the database: back them up too.

`table_checksums()` fingerprints every table's rows, to prove that a restore gives back the same data.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL

from services import database
from services.i18n import _

SQLITE_MAGIC = b'SQLite format 3\x00'
PG_DUMP_MAGIC = b'PGDMP'


class BackupError(RuntimeError):
    """The message is French and says what to do."""


@dataclass(frozen=True)
class TableSum:
    rows: int
    sha256: str


def _url() -> URL:
    return database.engine().url


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ':memory:':
        raise BackupError(_('Une base SQLite en mémoire ne se sauvegarde pas.'))
    return Path(url.database)


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """The URL for the PostgreSQL client tools and their environment (the password never on the command line)."""
    plain = url.set(drivername='postgresql', password=None).render_as_string(hide_password=False)
    env = dict(os.environ)
    if url.password is not None:
        env['PGPASSWORD'] = str(url.password)
    return plain, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _('La commande {name} est introuvable : installez les outils clients de PostgreSQL.', name=name)
        )
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            _('{tool} a échoué : {detail}', tool=Path(command[0]).name, detail=result.stderr.strip()[-2000:])
        )


def backup(target: Path) -> None:
    """Write a consistent copy of the whole database to `target` (replaced if it exists)."""
    url = _url()
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + '.partial')
    if url.get_backend_name() == 'sqlite':
        source = sqlite3.connect(_sqlite_path(url))
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute('PRAGMA journal_mode=DELETE')  # one self-contained file, no -wal beside it
        finally:
            copy.close()
            source.close()
    else:
        dbname, env = _libpq(url)
        _run([_tool('pg_dump'), '--format=custom', '--no-owner', '--no-privileges', f'--file={partial}', dbname], env)
    partial.replace(target)  # never a truncated backup under the final name


def _kind_of(path: Path) -> str:
    try:
        with path.open('rb') as file:
            head = file.read(16)
    except FileNotFoundError:
        raise BackupError(_('Le fichier de sauvegarde {path} est introuvable.', path=path)) from None
    if head.startswith(SQLITE_MAGIC):
        return 'sqlite'
    if head.startswith(PG_DUMP_MAGIC):
        return 'postgresql'
    raise BackupError(_('{path} n’est pas une sauvegarde PStage (ni SQLite ni pg_dump).', path=path))


def restore(source: Path) -> None:
    """Replace the whole database by the content of the backup `source` (made by `backup`)."""
    source = Path(source)
    url = _url()
    backend = url.get_backend_name()
    kind = _kind_of(source)
    if kind != backend:
        raise BackupError(
            _(
                'Cette sauvegarde vient d’une base {kind} : elle ne se restaure pas dans une base {backend}.',
                kind=kind,
                backend=backend,
            )
        )
    database.engine().dispose()  # no pooled connection of ours keeps the old data open
    if backend == 'sqlite':
        backup_file = sqlite3.connect(f'file:{source}?mode=ro', uri=True)
        live = sqlite3.connect(_sqlite_path(url), timeout=30)
        try:
            backup_file.backup(live)  # page by page, under one lock of the live database
        finally:
            live.close()
            backup_file.close()
    else:
        dbname, env = _libpq(url)
        command = [_tool('pg_restore'), '--clean', '--if-exists', '--no-owner', '--no-privileges']
        _run([*command, '--single-transaction', f'--dbname={dbname}', str(source)], env)


def _tables(connection: sa.Connection) -> dict[str, list[str]]:
    """Every table of the database's default schema and its primary-key columns (one catalogue query)."""
    inspector = sa.inspect(connection)
    keys = inspector.get_multi_pk_constraint()
    return {name: list(pk['constrained_columns']) for (_schema, name), pk in sorted(keys.items())}


def table_checksums() -> dict[str, TableSum]:
    """Every table of the database: its row count and a SHA-256 of its rows, read in primary-key order."""
    sums: dict[str, TableSum] = {}
    with database.engine().connect() as connection:
        quote = connection.dialect.identifier_preparer.quote
        for name, keys in _tables(connection).items():
            order = ', '.join(quote(key) for key in keys) or '1'
            digest, rows = hashlib.sha256(), 0
            for row in connection.execute(sa.text(f'SELECT * FROM {quote(name)} ORDER BY {order}')):
                digest.update(repr(tuple(row)).encode())
                rows += 1
            sums[name] = TableSum(rows, digest.hexdigest())
    return sums


def row_counts() -> dict[str, int]:
    with database.engine().connect() as connection:
        quote = connection.dialect.identifier_preparer.quote
        return {
            name: int(connection.execute(sa.text(f'SELECT count(*) FROM {quote(name)}')).scalar_one())
            for name in _tables(connection)
        }
