"""One engine per process holding an index per kind of record, kept current while it is being (re)built."""

import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from services.search import ranking
from services.search.index import EntityIndex, IndexOptions
from services.search.records import AttributeValue, Filters, Hit, SearchRecord

# Kinds every search box uses; the loader fills each one from its table.
ESTABLISHMENTS = 'establishments'
TEACHERS = 'teachers'
STUDENTS = 'students'
CONVENTIONS = 'conventions'
OFFERS = 'offers'

DEFAULT_OPTIONS = {ESTABLISHMENTS: IndexOptions(preferred={'open': True})}
REBUILD_SHARE = 0.2  # rebuild once records indexed one by one exceed this share of the bulk-built ones
REBUILD_MIN_ROWS = 20_000


@dataclass(frozen=True)
class IndexStats:
    kind: str
    records: int
    rows: int
    late_rows: int
    distinct_words: int
    index_bytes: int
    built_at: float
    build_seconds: float


class SearchEngine:
    def __init__(self, options: Mapping[str, IndexOptions] | None = None) -> None:
        self._options = {**DEFAULT_OPTIONS, **(options or {})}
        self._indexes: dict[str, EntityIndex] = {}
        self._ready: set[str] = set()
        self._replaying: dict[str, list[tuple[int, SearchRecord | None]]] = {}  # changes made during a build
        self._built: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def search(
        self,
        kind: str,
        text: str,
        filters: Filters | None = None,
        limit: int = 10,
        prefer: Mapping[str, AttributeValue] | None = None,
    ) -> list[Hit]:
        index = self._indexes.get(kind)
        if index is None or not text.strip():
            return []
        return ranking.search(index, text, filters, prefer, limit)

    def upsert(self, kind: str, record_id: int, record: SearchRecord) -> None:
        with self._lock:
            self._index(kind).upsert(record_id, record)
            if kind in self._replaying:
                self._replaying[kind].append((record_id, record))

    def remove(self, kind: str, record_id: int) -> None:
        with self._lock:
            self._index(kind).remove(record_id)
            if kind in self._replaying:
                self._replaying[kind].append((record_id, None))

    def replace(self, kind: str, records: Iterable[tuple[int, SearchRecord]]) -> None:
        """Build `kind` anew from `records` while searches keep using the previous index, then swap.

        Changes made through upsert/remove during the build are replayed on the new index, so none is lost.
        """
        with self._lock:
            self._replaying[kind] = []
        started = time.perf_counter()
        try:
            fresh = EntityIndex.build(records, self._options.get(kind))
        except BaseException:
            with self._lock:
                self._replaying.pop(kind, None)
            raise
        with self._lock:
            for record_id, record in self._replaying.pop(kind):
                if record is None:
                    fresh.remove(record_id)
                else:
                    fresh.upsert(record_id, record)
            self._indexes[kind] = fresh
            self._ready.add(kind)
            self._built[kind] = (time.time(), time.perf_counter() - started)

    def ready(self, kind: str) -> bool:
        """False until the first full build of `kind` is done (searches then return what was upserted)."""
        return kind in self._ready

    def needs_rebuild(self, kind: str) -> bool:
        index = self._indexes.get(kind)
        if index is None:
            return False
        return index.late_rows > max(REBUILD_MIN_ROWS, REBUILD_SHARE * (index.rows - index.late_rows))

    def contains(self, kind: str, record_id: int) -> bool:
        index = self._indexes.get(kind)
        return index is not None and index.row_of(record_id) is not None

    def stats(self, kind: str) -> IndexStats:
        index = self._indexes.get(kind) or EntityIndex()
        built_at, seconds = self._built.get(kind, (0.0, 0.0))
        return IndexStats(
            kind, index.size, index.rows, index.late_rows, len(index.vocabulary), index.nbytes, built_at, seconds
        )

    @property
    def kinds(self) -> list[str]:
        return sorted(self._indexes)

    def _index(self, kind: str) -> EntityIndex:
        index = self._indexes.get(kind)
        if index is None:
            index = self._indexes[kind] = EntityIndex(self._options.get(kind))
        return index
