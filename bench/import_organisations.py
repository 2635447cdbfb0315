"""Bulk import of établissements: a 10,000-line SIRENE-like CSV with 2 % bad lines, then the same file again.

Each run starts from a fresh SQLite database (or, with PSTAGE_BENCH_POSTGRES_URL, an emptied PostgreSQL
one); it reports the first import (creations) and the re-run (nothing changes) — wall clock and CPU time,
median and max over the runs. The machine is shared: CPU time is the steadier figure.
python bench/import_organisations.py [--quick] [--json] [--lines N]
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from bench._organisation_csv import sirene_csv
from models import Organisation
from services import database, schema
from services.database import session_scope
from services.imports.organisations import import_organisations
from services.privacy import system_actor

RUNS, QUICK_RUNS = 3, 1


def _timed(text: str) -> tuple[float, float, int, int]:
    started, cpu = time.perf_counter(), time.process_time()
    report = import_organisations(system_actor(), text)
    return time.perf_counter() - started, time.process_time() - cpu, report.changed, len(report.errors)


def _fresh_database(folder: Path) -> None:
    url = os.environ.get('PSTAGE_BENCH_POSTGRES_URL')
    database.configure(url or f'sqlite:///{folder / "bench.db"}')
    schema.prepare()
    if url:
        with session_scope() as session:
            session.execute(sa.delete(Organisation))


def main(argv: list[str]) -> int:
    runs = QUICK_RUNS if '--quick' in argv else RUNS
    lines = int(argv[argv.index('--lines') + 1]) if '--lines' in argv else 10_000
    generated = sirene_csv(lines)
    first: list[tuple[float, float]] = []
    again: list[tuple[float, float]] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            _fresh_database(Path(folder))
            wall, cpu, changed, errors = _timed(generated.text)
            assert changed == generated.good, changed
            assert errors == len(generated.bad_lines), errors
            first.append((wall, cpu))
            wall, cpu, changed, _errors = _timed(generated.text)
            assert changed == 0, changed
            again.append((wall, cpu))
            database.engine().dispose()
    result: dict[str, object] = {
        'lines': lines,
        'bad_lines': len(generated.bad_lines),
        'runs': runs,
        'backend': 'postgresql' if os.environ.get('PSTAGE_BENCH_POSTGRES_URL') else 'sqlite',
    }
    for name, timings in (('first', first), ('rerun', again)):
        result[f'{name}_wall_median_s'] = round(statistics.median(t[0] for t in timings), 2)
        result[f'{name}_wall_max_s'] = round(max(t[0] for t in timings), 2)
        result[f'{name}_cpu_median_s'] = round(statistics.median(t[1] for t in timings), 2)
    if '--json' in argv:
        print(json.dumps(result))
        return 0
    print(f'import {lines} lines ({len(generated.bad_lines)} bad) on {result["backend"]}, {runs} run(s)')
    for name, label in (('first', 'first import'), ('rerun', 're-run (no change)')):
        print(
            f'  {label}: wall median {result[f"{name}_wall_median_s"]} s, max {result[f"{name}_wall_max_s"]} s; '
            f'CPU median {result[f"{name}_cpu_median_s"]} s'
        )
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
