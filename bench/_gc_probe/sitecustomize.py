"""Loaded first by the load test's `pstage serve` instances (bench/_load_stack.py puts this folder first on their
PYTHONPATH): times every full garbage collection — the event loop, and every page of the instance, stop for its
whole length — into the file named by PSTAGE_BENCH_GC_LOG, a line « <epoch seconds> <milliseconds> » each.
`kill -USR2 <instance>` adds a census of what those collections walk (objects tracked, by type) to <log>.census.
Nothing else changes in the server."""

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter

LOG = os.environ.get('PSTAGE_BENCH_GC_LOG')
FULL = 2  # the oldest generation: a collection of it walks every object the collector tracks

if LOG:
    _began = [0.0]
    _pauses: list[str] = []

    def _time(phase: str, info: dict[str, int]) -> None:
        if info['generation'] != FULL:
            return
        if phase == 'start':
            _began[0] = time.perf_counter()
        else:
            _pauses.append(f'{time.time():.3f} {1000 * (time.perf_counter() - _began[0]):.1f}\n')

    def _write(path: str) -> None:
        while True:
            time.sleep(5)
            lines = _pauses[:]
            del _pauses[: len(lines)]
            if lines:
                with open(path, 'a', encoding='utf-8') as log:
                    log.writelines(lines)

    gc.callbacks.append(_time)
    threading.Thread(target=_write, args=(LOG,), name='bench-gc-log', daemon=True).start()

    def _census(_signal: int, _frame: object) -> None:
        tracked = gc.get_objects()
        kinds = Counter(f'{type(o).__module__}.{type(o).__qualname__}' for o in tracked)
        coroutines = Counter(o.cr_code.co_qualname for o in tracked if type(o).__name__ == 'coroutine')
        with open(f'{LOG}.census', 'a', encoding='utf-8') as census:
            census.write(f'{time.time():.0f} tracked {len(tracked)} frozen {gc.get_freeze_count()}\n')
            client = sys.modules.get('nicegui.client')
            # The server process's pages: its PDF workers, forked from it, hold stale copies of them.
            if client is not None and multiprocessing.parent_process() is None:
                pages = sorted(len(c.elements) for c in client.Client.instances.values())
                census.write(f'  pages {len(pages)}, elements {sum(pages)}, largest {pages[-10:]}\n')
            census.writelines(f'  {count:8d} {kind}\n' for kind, count in kinds.most_common(40))
            census.writelines(f'  {count:8d} coroutine {name}\n' for name, count in coroutines.most_common(10))
        del tracked

    signal.signal(signal.SIGUSR2, _census)
