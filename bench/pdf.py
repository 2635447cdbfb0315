"""PDF rendering (issue 4): one full convention, and a batch with the process pool vs one process.

Targets: median render of a full convention < 250 ms over 50 renders; for 500 conventions the
process pool renders at least 1.7 times as many per second as one process (on 2 cores).
Runs on a throw-away SQLite database holding the tests' world plus a fully filled convention.
python bench/pdf.py [--quick] [--batch N] [--json]
"""

import io
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

# Run as a script, this folder comes first on sys.path and this file's name would hide the `pdf` package.
HERE = Path(__file__).resolve().parent
sys.path[:] = [str(HERE.parent)] + [p for p in sys.path if Path(p or '.').resolve() != HERE]

from typing import TYPE_CHECKING  # noqa: E402

from pypdf import PdfReader  # noqa: E402

from pdf.render import render_pdf  # noqa: E402

if TYPE_CHECKING:
    from services.documents import PrintJob
# The pool's workers import this file again as their __main__: the database side is imported
# inside the functions that need it, so a worker starts with the renderer alone.

TARGET_MEDIAN_MS = 250
TARGET_RATIO = 1.7


def full_convention_job(folder: Path) -> 'PrintJob':
    from services import database, schema
    from services.database import session_scope
    from services.documents import Document, operator_print_job
    from tests.factories import build_world
    from tests.unit.pdf_support import create_rich_convention

    database.configure(f'sqlite:///{folder / "bench.db"}')
    schema.prepare()
    with session_scope() as session:
        world = build_world(session)
    create_rich_convention(world, country='DE')  # abroad: every optional part and the annex
    job = operator_print_job('2026-000777', Document.CONVENTION)
    database.engine().dispose()
    return job


def time_single(job: 'PrintJob', runs: int) -> tuple[list[float], list[float], int]:
    """Wall-clock and CPU milliseconds per render (CPU time says what a shared, busy machine hides)."""
    pdf = render_pdf(job.template, job.context, job.language)  # warm-up: imports, templates, fonts
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        render_pdf(job.template, job.context, job.language)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return sorted(wall), sorted(cpu), len(PdfReader(io.BytesIO(pdf)).pages)


def time_batches(job: 'PrintJob', count: int, workers: int, rounds: int) -> tuple[float, float, list[float]]:
    """Documents per second in one process and with the pool, over the same `count` conventions each.

    The batch is cut into `rounds` slices rendered alternately by one process and by the pool (order
    swapped every round), so a slow minute of a shared machine weighs on both sides alike; the pool's
    start-up is paid once, as one staff export pays it. Returns both rates and each round's ratio.
    """
    from services.pdf_export import process_pool, render_many

    jobs = [replace(job, context={**job.context, 'number': f'2026-{index:06d}'}) for index in range(count)]
    slices = [jobs[start::rounds] for start in range(rounds)]
    one_elapsed = pool_elapsed = 0.0
    ratios = []
    started = time.perf_counter()
    with process_pool(workers) as pool:
        pool_elapsed += time.perf_counter() - started
        for round_number, batch in enumerate(slices):
            timings = {}
            for mode in ('one', 'pool') if round_number % 2 == 0 else ('pool', 'one'):
                started = time.perf_counter()
                pdfs = render_many(batch, workers=1) if mode == 'one' else render_many(batch, pool=pool)
                timings[mode] = time.perf_counter() - started
                assert all(pdf.startswith(b'%PDF-') for pdf in pdfs)
            one_elapsed += timings['one']
            pool_elapsed += timings['pool']
            ratios.append(timings['one'] / timings['pool'])
    return count / one_elapsed, count / pool_elapsed, ratios


def main(argv: list[str]) -> int:
    quick = '--quick' in argv
    runs, batch = (10, 40) if quick else (50, 500)
    if '--batch' in argv:  # a smaller batch fits in a short quiet moment of a shared machine
        batch = int(argv[argv.index('--batch') + 1])
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        job = full_convention_job(Path(folder))
    timings, cpu, pages = time_single(job, runs)
    median = statistics.median(timings)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    cpu_median = statistics.median(cpu)
    workers = os.cpu_count() or 1
    one, pool, round_ratios = time_batches(job, batch, workers, rounds=10 if batch >= 100 else 2)
    ratio = pool / one
    load_after = os.getloadavg()[0]
    passed = median < TARGET_MEDIAN_MS and (workers < 2 or ratio >= TARGET_RATIO)
    result = {
        'single': {
            'runs': runs,
            'pages': pages,
            'median_ms': round(median, 1),
            'p95_ms': round(p95, 1),
            'cpu_median_ms': round(cpu_median, 1),
        },
        'batch': {
            'conventions': batch,
            'workers': workers,
            'one_process_per_s': round(one, 2),
            'pool_per_s': round(pool, 2),
            'ratio': round(ratio, 2),
            'round_ratios': [round(r, 2) for r in round_ratios],
        },
        'load_average': [round(load_before, 2), round(load_after, 2)],
        'targets': {'median_ms': TARGET_MEDIAN_MS, 'ratio': TARGET_RATIO},
        'passed': passed,
    }
    if '--json' in argv:
        print(json.dumps(result))
        return 0 if passed else 1
    print(f'| full convention ({pages} pages) | renders | median ms | p95 ms | CPU median ms | target |')
    print(f'| render_pdf | {runs} | {median:.1f} | {p95:.1f} | {cpu_median:.1f} | < {TARGET_MEDIAN_MS} ms |')
    print()
    print(f'| batch of {batch} | processes | conventions/s | ratio | target |')
    print(f'| one process | 1 | {one:.2f} | 1.00 | |')
    print(f'| process pool | {workers} | {pool:.2f} | {ratio:.2f} | >= {TARGET_RATIO} |')
    print(f'\nratio per round (one process and pool alternating): {", ".join(f"{r:.2f}" for r in round_ratios)}')
    print(f'\nload average (1 min) before/after: {load_before:.2f} / {load_after:.2f} on {os.cpu_count()} cores')
    print('PASS' if passed else 'FAIL')
    return 0 if passed else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
