"""The engine and sessions: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL (pooled)."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url
from sqlmodel import Session

from services.i18n import N_

_engine: Engine | None = None
T = TypeVar('T')

# What a database restarting or out of reach raises: the request fails, nothing was half-written (one transaction
# per change), and the same action works again once it is back.
UNAVAILABLE = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError)
UNAVAILABLE_MESSAGE = N_(
    'La base de données est momentanément indisponible : votre action n’a pas été enregistrée. '
    'Rien de ce que vous aviez enregistré n’est perdu ; réessayez dans quelques secondes.'
)


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute('PRAGMA journal_mode=WAL')
    cursor.execute('PRAGMA foreign_keys=ON')
    cursor.execute('PRAGMA busy_timeout=10000')
    cursor.execute('PRAGMA synchronous=NORMAL')
    cursor.close()


def normalise_url(url: str) -> URL:
    """Accept `postgresql://` as written in most documentation and use the psycopg 3 driver for it."""
    parsed = make_url(url)
    if parsed.drivername in ('postgresql', 'postgres'):
        parsed = parsed.set(drivername='postgresql+psycopg')
    return parsed


def create_engine_for(url: str, *, pool_size: int = 10) -> Engine:
    parsed = normalise_url(url)
    if parsed.get_backend_name() == 'sqlite':
        if parsed.database and parsed.database != ':memory:':
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed, connect_args={'check_same_thread': False, 'timeout': 10})
        sa.event.listen(engine, 'connect', _enable_sqlite_pragmas)
        return engine
    return sa.create_engine(parsed, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def configure(url: str, *, pool_size: int = 10) -> Engine:
    """Point the application at a database (called once at start-up, and by tests)."""
    global _engine
    if _engine is not None:
        _engine.dispose()
    _engine = create_engine_for(url, pool_size=pool_size)
    return _engine


def engine() -> Engine:
    if _engine is None:
        from settings import get_settings

        settings = get_settings()
        return configure(settings.database_url, pool_size=settings.db_pool_size)
    return _engine


@contextmanager
def session_scope() -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back entirely if it raises."""
    with Session(engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def get_held(session: Session, model: type[T], key: Any) -> T | None:
    """`session.get`, the row then kept for the rest of the unit of work. SQLAlchemy's identity map holds rows
    weakly: a row read by id, turned into plain facts and dropped, was read again by the next `session.get` of the
    same id (saving a wizard step read its establishment, service and contacts twice)."""
    row = session.get(model, key)
    if row is not None:
        session.info.setdefault('held rows', []).append(row)
    return row


def is_sqlite() -> bool:
    return engine().dialect.name == 'sqlite'
