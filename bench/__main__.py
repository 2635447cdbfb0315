"""`make bench`: runs every benchmark script of this folder in turn, each printing its own table.

python -m bench [--quick] [NAME ...]     e.g. python -m bench --quick pdf search
"""

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts(names: list[str]) -> list[Path]:
    found = sorted(p for p in HERE.glob('*.py') if not p.name.startswith('_'))
    return [p for p in found if not names or p.stem in names]


def main(argv: list[str]) -> int:
    options = [a for a in argv if a.startswith('-')]
    names = [a for a in argv if not a.startswith('-')]
    failures = 0
    for script in scripts(names):
        print(f'\n=== {script.stem} ===', flush=True)
        started = time.perf_counter()
        env = {**os.environ, 'PYTHONPATH': str(HERE.parent)}
        result = subprocess.run([sys.executable, str(script), *options], check=False, cwd=HERE.parent, env=env)
        print(f'--- {script.stem}: {time.perf_counter() - started:.1f} s, exit {result.returncode}', flush=True)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
