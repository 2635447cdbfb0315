"""Keeping the indexes current with what other instances write to the shared database.

A background thread polls every `interval` seconds (2 s): rows with a larger id, and — for tables with
created_at/updated_at — rows changed since the last poll (with a 30 s overlap so a lagging clock or a long
transaction is not missed; unchanged records are skipped by fingerprint). Tables without timestamps
(teachers, students) are compared in full every `full_check_interval` seconds, which also catches
deletions; for timestamped tables a count mismatch (a deletion) or many records indexed one by one
triggers a rebuild, done in a second thread while searches use the previous index.

Start-up does not wait: the first builds run in that second thread, small kinds first; a kind answers
from what was upserted meanwhile until its build completes (`SearchEngine.ready`). Polling goes on during a
rebuild: what it upserts into the old index is replayed into the new one (`SearchEngine.replace`).
"""

import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from services.database import session_scope
from services.search.engine import SearchEngine
from services.search.loader import BUILD_ORDER, load_records
from services.search.sources import SOURCES, Source

log = logging.getLogger(__name__)

OVERLAP = timedelta(seconds=30)


@dataclass
class _Watermark:
    last_id: int = 0
    changed_at: datetime | None = None
    fingerprints: dict[int, int] = field(default_factory=dict)  # recently seen (or all, without timestamps)
    checked_at: float = field(default_factory=time.monotonic)


def _fingerprint(record: Any) -> int:
    return hash(repr(record))


class Refresher:
    def __init__(
        self,
        engine: SearchEngine,
        kinds: tuple[str, ...] = BUILD_ORDER,
        *,
        interval: float = 2.0,
        full_check_interval: float = 60.0,
    ) -> None:
        self.engine = engine
        self.kinds = kinds
        self.interval = interval
        self.full_check_interval = full_check_interval
        self._marks: dict[str, _Watermark] = {}
        self._builds: queue.Queue[str | None] = queue.Queue()
        self._queued: set[str] = set()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    # -- running in the background -------------------------------------------------------------------------
    def start(self) -> None:
        """Queue the first build of every kind and start polling; returns at once."""
        for kind in self.kinds:
            self._request_build(kind)
        self._threads = [
            threading.Thread(target=self._build_loop, name='search-build', daemon=True),
            threading.Thread(target=self._poll_loop, name='search-refresh', daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._builds.put(None)
        for thread in self._threads:
            thread.join(timeout=30)

    def _build_loop(self) -> None:
        while not self._stop.is_set():
            kind = self._builds.get()
            if kind is None:
                return
            try:
                self.build(kind)
            except Exception:  # a failed build keeps the previous index; the next check retries
                log.exception('search index build failed: %s', kind)
            finally:
                self._queued.discard(kind)

    def _poll_loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.poll()
            except Exception:
                log.exception('search index refresh failed')

    def _request_build(self, kind: str) -> None:
        if kind not in self._queued:
            self._queued.add(kind)
            self._builds.put(kind)

    # -- the work (callable directly, e.g. by tests) -------------------------------------------------------
    def build(self, kind: str) -> None:
        """Full build of `kind`; the watermark is read first so nothing written during the load is lost."""
        source = SOURCES[kind]
        mark = self._read_watermark(source)
        if not source.timestamped:
            records = []
            for record_id, record in load_records(source):
                mark.fingerprints[record_id] = _fingerprint(record)
                records.append((record_id, record))
            self.engine.replace(kind, records)
        else:
            self.engine.replace(kind, load_records(source))
        self._marks[kind] = mark

    def poll(self) -> int:
        """Apply what changed in the database since the last poll; returns how many records were re-indexed."""
        changed = 0
        for kind in self.kinds:
            mark = self._marks.get(kind)
            if mark is None:  # first build not done yet
                continue
            source = SOURCES[kind]
            changed += self._poll_changes(source, mark)
            if time.monotonic() - mark.checked_at >= self.full_check_interval:
                mark.checked_at = time.monotonic()
                changed += self._full_check(source, mark)
            if self.engine.needs_rebuild(kind):
                self._request_build(kind)
        return changed

    def _read_watermark(self, source: Source) -> _Watermark:
        columns = [sa.func.max(source.table.c.id)]
        if source.timestamped:
            columns.append(sa.func.max(source.changed_expression()))
        with session_scope() as session:
            row = session.execute(sa.select(*columns)).one()
        return _Watermark(last_id=row[0] or 0, changed_at=row[1] if source.timestamped else None)

    def _poll_changes(self, source: Source, mark: _Watermark) -> int:
        condition: sa.ColumnElement[Any] = source.table.c.id > mark.last_id
        if source.timestamped and mark.changed_at is not None:
            condition = sa.or_(condition, source.changed_expression() > mark.changed_at - OVERLAP)
        rows = list(load_records(source, condition))
        changed = 0
        for record_id, record in rows:
            fingerprint = _fingerprint(record)
            if mark.fingerprints.get(record_id) != fingerprint:
                self.engine.upsert(source.kind, record_id, record)
                mark.fingerprints[record_id] = fingerprint
                changed += 1
            mark.last_id = max(mark.last_id, record_id)
        if source.timestamped:
            self._advance(source, mark, {record_id for record_id, _ in rows})
        return changed

    def _advance(self, source: Source, mark: _Watermark, seen: set[int]) -> None:
        """Move the time watermark and forget fingerprints older than the overlap window."""
        with session_scope() as session:
            latest = session.execute(sa.select(sa.func.max(source.changed_expression()))).scalar()
        if latest is not None and (mark.changed_at is None or latest > mark.changed_at):
            mark.changed_at = latest
        mark.fingerprints = {k: v for k, v in mark.fingerprints.items() if k in seen}

    def _full_check(self, source: Source, mark: _Watermark) -> int:
        if source.timestamped:  # only deletions can hide from the time watermark: compare the counts
            with session_scope() as session:
                count = session.execute(sa.select(sa.func.count()).select_from(source.table)).scalar_one()
            if count != self.engine.stats(source.kind).records:
                self._request_build(source.kind)
            return 0
        changed = 0
        present = set()
        for record_id, record in load_records(source):
            present.add(record_id)
            fingerprint = _fingerprint(record)
            if mark.fingerprints.get(record_id) != fingerprint:
                self.engine.upsert(source.kind, record_id, record)
                mark.fingerprints[record_id] = fingerprint
                changed += 1
        for record_id in set(mark.fingerprints) - present:
            self.engine.remove(source.kind, record_id)
            del mark.fingerprints[record_id]
            changed += 1
        return changed
