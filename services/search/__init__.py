"""The search engine behind every search box: establishments, teachers, students, conventions, offers.

Typo-tolerant, accent/case/punctuation-insensitive, instant at national scale: on 1,000,000 generated
establishments (386k distinct words) a name query takes ~6 ms median, ~14 ms p95, a SIRET prefix well under
1 ms, for a 17 s build and ~430 MB (bench/search.py). One index per kind of record, held in memory by each
application process.

Public API
----------
    from services import search

    engine = search.get_engine()          # the process-wide engine (indexes start empty)
    search.start_background()             # at start-up: builds every index in a background thread, then
                                          # polls the database every 2 s for other instances' changes
    hits = engine.search(search.ESTABLISHMENTS, 'garage dupnt lyon',
                         filters={'open': True, 'departement': '69'},   # applied inside the engine
                         prefer={'departement': '69'},                  # context: ranked first, not required
                         limit=10)            # -> list[Hit(id, score)], best first
    search.record_changed(search.CONVENTIONS, convention_id)  # after a commit: findable at once here
    engine.upsert(kind, record_id, SearchRecord(title=..., body=..., codes=(...), attributes={...}))
    engine.remove(kind, record_id)
    engine.ready(kind)                    # False until the first full build of that kind is done
    search.build_from_database(engine)    # blocking full build (CLI, tests)

Kinds, what they match, and their attributes (usable as `filters` or `prefer`):
- ESTABLISHMENTS: raison sociale + enseigne; SIRET/SIREN prefixes ("552 100 554"), foreign identifier.
  departement, country, naf_section (letter), open (not closed nor merged), needs_review. Open ones rank first.
- TEACHERS: « nom prénom » in any order. composante (id), active.
- STUDENTS: « nom prénom », student number. composante (id), academic_year.
- CONVENTIONS: the student's « nom prénom » (the host's name counts less), number ("2026-000123", "123").
  status, academic_year, composante, student (id), referent (teacher id).
- OFFERS: title (description and host count less), number. status, departement, country, composante.
Hits are ids only: callers load what they display and apply permissions (services.permissions scopes can
be expressed as filters, e.g. {'student': actor.student_id}).

How it works (modules): normalise (folding, 'st'->'saint', filler words) · vocabulary (deletion-neighbourhood
typo lookup, prefixes) · postings (inverted index) · codes (identifier prefixes) · query (a query's words ->
matches, glued words split) · candidates (numpy scoring by word rarity, filters) · ranking (rapidfuzz
re-rank, identifier hits) · index (one kind)
· engine (all kinds, rebuild-and-swap) · sources/loader (database -> records) · refresh (other instances).
Freshness: the writing instance calls `record_changed` (immediate); the others poll `updated_at` / ids every
2 s. Start-up never waits: indexes are built in a background thread (~17 s for 1M establishments,
during which that thread competes with the event loop for the GIL) rather than persisted, so there is no
on-disk format to version or reconcile with the database.
"""

import threading

from services.search.engine import (
    CONVENTIONS,
    ESTABLISHMENTS,
    OFFERS,
    STUDENTS,
    TEACHERS,
    IndexStats,
    SearchEngine,
)
from services.search.loader import build_from_database, refresh_record
from services.search.records import Filters, Hit, SearchRecord
from services.search.refresh import Refresher

__all__ = [
    'CONVENTIONS',
    'ESTABLISHMENTS',
    'OFFERS',
    'STUDENTS',
    'TEACHERS',
    'Filters',
    'Hit',
    'IndexStats',
    'Refresher',
    'SearchEngine',
    'SearchRecord',
    'build_from_database',
    'get_engine',
    'record_changed',
    'start_background',
    'stop_background',
]

_engine: SearchEngine | None = None
_refresher: Refresher | None = None
_lock = threading.Lock()


def get_engine() -> SearchEngine:
    global _engine
    with _lock:
        if _engine is None:
            _engine = SearchEngine()
        return _engine


def start_background(interval: float = 2.0) -> Refresher:
    """Build every index in the background and keep them current (idempotent)."""
    global _refresher
    engine = get_engine()
    with _lock:
        if _refresher is None:
            _refresher = Refresher(engine, interval=interval)
            _refresher.start()
        return _refresher


def stop_background() -> None:
    global _refresher
    with _lock:
        refresher, _refresher = _refresher, None
    if refresher is not None:
        refresher.stop()


def record_changed(kind: str, record_id: int) -> None:
    """Call after committing a creation, edit or deletion: the record is (un)findable at once here."""
    refresh_record(get_engine(), kind, record_id)
