"""Time of the demo seed, the part of `make run` that fills a fresh database.

Target (issue 2): `make run` serves within 60 s on a fresh database, so the seed must take a few
seconds. Each run is `pstage seed-demo --if-empty` as `make run` calls it (a new process: imports,
migrations and reference data included) on a new SQLite file; the seed alone is what it reports.
python bench/seed_demo.py [--quick] [--json]
"""

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
QUICK_RUNS = 2
TARGET_SECONDS = 10.0  # whole command; leaves most of the 60 s to installing and starting the server
PSTAGE = Path(sys.executable).with_name('pstage')


def run_once(directory: Path) -> tuple[float, float]:
    """(whole command, seed alone) in seconds."""
    env = {
        **os.environ,
        'PSTAGE_DATABASE_URL': f'sqlite:///{directory / "pstage.db"}',
        'PSTAGE_DATA_DIR': str(directory),  # a throw-away NIR key, not the project's
        'PSTAGE_DEMO': 'true',
    }
    started = time.perf_counter()
    done = subprocess.run([str(PSTAGE), 'seed-demo', '--if-empty'], env=env, capture_output=True, text=True, check=True)
    total = time.perf_counter() - started
    found = re.search(r'en (\d+,\d) s', done.stdout)
    return total, float(found.group(1).replace(',', '.')) if found else float('nan')


def main(argv: list[str]) -> int:
    runs = QUICK_RUNS if '--quick' in argv else RUNS
    totals, seeds = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as directory:
            total, seed = run_once(Path(directory))
        totals.append(total)
        seeds.append(seed)
    result = {
        'runs': runs,
        'command_median_s': round(statistics.median(totals), 2),
        'command_max_s': round(max(totals), 2),
        'seed_median_s': round(statistics.median(seeds), 2),
        'seed_max_s': round(max(seeds), 2),
        'target_command_s': TARGET_SECONDS,
    }
    if '--json' in argv:
        print(json.dumps(result))
    else:
        print(f'pstage seed-demo --if-empty on a fresh SQLite database, {runs} runs')
        print(f'  whole command: median {result["command_median_s"]} s, max {result["command_max_s"]} s')
        print(f'  seed alone:    median {result["seed_median_s"]} s, max {result["seed_max_s"]} s')
    return 0 if result['command_max_s'] < TARGET_SECONDS else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
