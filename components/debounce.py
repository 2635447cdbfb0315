"""The last keystroke wins: wait for a short quiet time, then search; a new keystroke cancels the pending search.

Every live search (the fuzzy search boxes, the établissement and offer search pages) schedules its work through
one `Debouncer`, created inside the page function or the component (its state belongs to one visitor).
"""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from nicegui import background_tasks

DEBOUNCE = 0.05  # seconds of quiet typing before searching: results within 150 ms of the last keystroke (issue 7)


class Debouncer:
    def __init__(self, name: str) -> None:
        self._name = name  # names the background task (debugging)
        self._pending: asyncio.Task[None] | None = None

    def schedule(self, action: Callable[[], Awaitable[None]], delay: float = DEBOUNCE) -> None:
        """Run `action` after `delay` seconds of quiet, cancelling the one still pending."""
        self.cancel()
        self._pending = background_tasks.create(self._later(action, delay), name=self._name)

    def cancel(self) -> None:
        if self._pending is not None and not self._pending.done():
            self._pending.cancel()

    async def _later(self, action: Callable[[], Awaitable[None]], delay: float) -> None:
        await asyncio.sleep(delay)  # cancelled here when the user keeps typing
        with contextlib.suppress(RuntimeError):  # the page was left meanwhile: its elements are gone
            await action()
