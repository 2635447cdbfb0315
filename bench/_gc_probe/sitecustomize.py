"""Loaded first by the load test's `pstage serve` instances (bench/_load_stack.py puts this folder first on their
PYTHONPATH): times every full garbage collection — the event loop, and every page of the instance, stop for its
whole length — into the file named by PSTAGE_BENCH_GC_LOG, a line « <epoch seconds> <milliseconds> » each.
Nothing else changes in the server."""

import gc
import os
import threading
import time

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
