"""Service reads from pages run in a worker thread so a slow query never blocks other visitors."""

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from nicegui import run

P = ParamSpec('P')
R = TypeVar('R')


class ServerStopping(RuntimeError):
    """`run.io_bound` gives None only while the server shuts down: there is no page left to draw."""


async def in_thread(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`run.io_bound` for a service that returns a value (typed: the page gets R, not R | None)."""
    result = await run.io_bound(func, *args, **kwargs)
    if result is None:
        raise ServerStopping()
    return result
