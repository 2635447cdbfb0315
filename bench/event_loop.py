"""How long the event loop waits for the GIL while a worker thread computes (the setting in app.py).

    python bench/event_loop.py

A handler doing 20 small socket round trips on the asyncio loop, while another thread runs pure Python (as a
worker thread does turning database rows into objects), timed 300 times with CPython's default switch interval
(5 ms) and with app.GIL_SWITCH_INTERVAL, alternately.
"""

import asyncio
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import GIL_SWITCH_INTERVAL

DEFAULT = 0.005


def compute(stop: threading.Event) -> None:
    while not stop.is_set():
        sum(i * i for i in range(20_000))


async def handler_latencies(interval: float, rounds: int = 300) -> list[float]:
    sys.setswitchinterval(interval)
    loop = asyncio.get_running_loop()
    near, far = socket.socketpair()
    near.setblocking(False)
    far.setblocking(False)
    stop = threading.Event()
    worker = threading.Thread(target=compute, args=(stop,))
    worker.start()
    latencies = []
    try:
        for _ in range(rounds):
            started = time.perf_counter()
            for _ in range(20):
                await loop.sock_sendall(near, b'x' * 100)
                await loop.sock_recv(far, 100)
            latencies.append((time.perf_counter() - started) * 1000)
    finally:
        stop.set()
        worker.join()
        near.close()
        far.close()
    return sorted(latencies)


def main() -> None:
    results: dict[float, list[float]] = {DEFAULT: [], GIL_SWITCH_INTERVAL: []}
    for _round in range(2):
        for interval in results:
            results[interval] += asyncio.run(handler_latencies(interval))
    for interval, latencies in results.items():
        latencies.sort()
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        median = statistics.median(latencies)
        print(f'switch interval {interval * 1000:.0f} ms: median {median:.2f} ms, p95 {p95:.2f} ms per handler')


if __name__ == '__main__':
    main()
