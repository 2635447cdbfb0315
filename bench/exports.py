"""Exports and statistics at scale (issue 9): the full export of 20,000 conventions as CSV and as Excel,
an export of a few picked columns, and the statistics page's queries over the same conventions.

No speed target is set by the issue (the export runs in a background thread with a progress bar); the figures
say how long staff wait. Runs on a throw-away SQLite database: the tests' world plus 20,000 conventions.
python bench/exports.py [--quick] [--json]
"""

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from services import database, exports, schema
from services.database import session_scope
from services.exports_conventions import CONVENTIONS
from services.people import load_actor
from services.statistics import convention_statistics
from tests.factories import build_world
from tests.menu_data import add_many_conventions

CONVENTIONS_COUNT = 20_000
RUNS, QUICK_RUNS = 3, 1


def prepare(folder: Path) -> int:
    """The database, and the id of the administrator who exports."""
    database.configure(f'sqlite:///{folder / "bench.db"}')
    schema.prepare()
    with session_scope() as session:
        world = build_world(session)
    add_many_conventions(world, CONVENTIONS_COUNT)
    return world.user_ids['admin']


def timed(work: Callable[[], object], runs: int) -> list[float]:
    seconds = []
    for _run in range(runs):
        started = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - started)
    return seconds


def main(argv: list[str]) -> int:
    runs = QUICK_RUNS if '--quick' in argv else RUNS
    with tempfile.TemporaryDirectory() as folder:
        admin = load_actor(prepare(Path(folder)))
        assert admin is not None
        columns = len(CONVENTIONS.columns())
        cases: dict[str, Callable[[], object]] = {
            f'CSV, toutes les colonnes ({columns})': lambda: exports.export(admin, CONVENTIONS, {}, None, 'csv'),
            f'Excel, toutes les colonnes ({columns})': lambda: exports.export(admin, CONVENTIONS, {}, None, 'xlsx'),
            'Excel, 5 colonnes choisies': lambda: exports.export(
                admin, CONVENTIONS, {}, ['number', 'status', 'student_last_name', 'organisation_name', 'start_date'],
                'xlsx',
            ),
            'Statistiques des conventions': lambda: convention_statistics(admin),
        }  # fmt: skip
        results = {name: timed(work, runs) for name, work in cases.items()}
        database.engine().dispose()
    rows = CONVENTIONS_COUNT + 3
    if '--json' in argv:
        print(json.dumps({name: {'median_s': statistics.median(s), 'runs': s} for name, s in results.items()}))
        return 0
    print(f'{rows} conventions, {runs} passage(s) par cas (médiane, en secondes ; lignes par seconde)')
    for name, seconds in results.items():
        median = statistics.median(seconds)
        print(f'  {name:<40} {median:7.2f} s   {rows / median:9.0f} lignes/s')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
