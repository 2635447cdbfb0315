"""Filling the engine from the database: full builds, and single records after a change."""

from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa

from services.database import session_scope
from services.search.engine import SearchEngine
from services.search.records import SearchRecord
from services.search.sources import SOURCES, Source

CHUNK_ROWS = 20_000
# Small kinds first: they are ready within a second while a national base of establishments still loads.
BUILD_ORDER = ('teachers', 'students', 'offers', 'conventions', 'establishments')


def load_records(source: Source, where: sa.ColumnElement[Any] | None = None) -> Iterator[tuple[int, SearchRecord]]:
    """Every record of `source` (or those matching `where`), streamed in chunks."""
    statement = source.select()
    if where is not None:
        statement = statement.where(where)
    with session_scope() as session:
        result = session.connection().execution_options(yield_per=CHUNK_ROWS).execute(statement)
        for row in result:
            yield int(row.id), source.record(row)


def load_record(kind: str, record_id: int) -> SearchRecord | None:
    source = SOURCES[kind]
    found = list(load_records(source, source.table.c.id == record_id))
    return found[0][1] if found else None


def build_from_database(engine: SearchEngine, kinds: Iterable[str] = BUILD_ORDER) -> None:
    """Build every index from its table (blocking; `Refresher.start` does it in the background)."""
    for kind in kinds:
        engine.replace(kind, load_records(SOURCES[kind]))


def refresh_record(engine: SearchEngine, kind: str, record_id: int) -> None:
    """Re-read one record after its transaction committed: findable at once on this instance.

    Services call this (through `services.search.record_changed`) after creating, editing or deleting a
    record; other instances see the change through their refresher within a few seconds.
    """
    record = load_record(kind, record_id)
    if record is None:
        engine.remove(kind, record_id)
    else:
        engine.upsert(kind, record_id, record)
