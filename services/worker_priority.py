"""Rendering runs below the pages: worker processes give way to the event loops when the CPU is short.

A PDF takes a worker 0.2–0.6 s of CPU and is awaited with a spinner; a click is expected to answer within a
tenth of a second. On a machine of two cores, a few renderings at once took the cores the pages needed: each
worker process therefore lowers its own scheduling priority (a niceness 10 above the server's, as `nice -n 10`
would), once, before its first job. The pages then get the CPU first; the renderings take what is left, which
at any load short of saturation is all they need.
"""

import functools
import os
from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

NICENESS_INCREMENT = 10  # Linux's weight for +10 is a tenth of the server's: a contended core goes ~90 % to pages

P = ParamSpec('P')
R = TypeVar('R')


@functools.cache
def yield_to_pages() -> None:
    """Lower this process's priority by NICENESS_INCREMENT (once per process: os.nice adds up). For worker
    processes only: the server's own process keeps its priority."""
    os.nice(NICENESS_INCREMENT)


class AtWorkerPriority(Generic[P, R]):
    """`func`, run in a worker process once that process has lowered its priority (what the pool is given)."""

    def __init__(self, func: Callable[P, R]) -> None:
        self.func = func

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        yield_to_pages()
        return self.func(*args, **kwargs)
