"""Slow work off the event loop, with a « Chargement… » indicator when it lasts more than half a second.

`in_thread` / `io_bound` run a service in a worker thread in the tab's language (so its messages are
translated); `cpu_bound` runs pure work in a worker process. The frame draws one indicator per tab
(`indicator()`): a fixed spinner with a polite live region, shown only when a wait goes past DELAY, so
quick answers do not flicker.
"""

import asyncio
import contextvars
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from html import escape
from typing import Any, ParamSpec, TypeVar

from nicegui import run, ui
from nicegui.client import Client

from components.language import tab_client
from services.i18n import _, current_language, set_language

DELAY = 0.5  # seconds before the indicator appears
P = ParamSpec('P')
R = TypeVar('R')


class ServerStopping(RuntimeError):
    """`run.io_bound` gives None only while the server shuts down: there is no page left to draw."""


class _Indicator:
    def __init__(self) -> None:
        self.waits = 0
        with ui.element('div').classes('pstage-busy').props('role=status aria-live=polite') as self.box:
            # One element (every page draws it): a spinner drawn by the style sheet, and the words.
            message = f'<span class="pstage-spinner" aria-hidden="true"></span>{escape(_("Chargement…"))}'
            self.content = ui.html(message, sanitize=False).classes('flex items-center gap-2').mark('busy-message')
            self.content.visible = False
        self.box.mark('busy')

    def start(self) -> None:
        self.waits += 1
        self.content.visible = True

    def stop(self) -> None:
        self.waits = max(0, self.waits - 1)
        if not self.waits:
            self.content.visible = False


_indicators: weakref.WeakKeyDictionary[Client, _Indicator] = weakref.WeakKeyDictionary()


def indicator() -> None:
    """Draws the tab's indicator (once per page, by the frame)."""
    _indicators[ui.context.client] = _Indicator()


def _current_indicator() -> _Indicator | None:
    client = tab_client()
    return _indicators.get(client) if client is not None else None


@asynccontextmanager
async def waiting() -> AsyncIterator[None]:
    """Shows the indicator if the block is still running after DELAY."""
    shown = _current_indicator()
    if shown is None:
        yield
        return
    started = asyncio.Event()

    def show() -> None:
        started.set()
        shown.start()

    timer = asyncio.get_running_loop().call_later(DELAY, show)
    try:
        yield
    finally:
        timer.cancel()
        if started.is_set():
            shown.stop()


def _call_in_language(language: str, func: Callable[..., Any], args: Any, kwargs: Any) -> Any:
    set_language(language)  # inside a copied context: the worker thread's own context is left alone
    return func(*args, **kwargs)


def _cancelled_unless(result: R | None) -> R | None:
    """NiceGUI's run.* return None when the awaiting task is cancelled (until NiceGUI 4): cancel, as asked."""
    task = asyncio.current_task()
    if result is None and task is not None and task.cancelling():
        raise asyncio.CancelledError
    return result


async def io_bound(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R | None:
    """`run.io_bound` in the tab's language, with the indicator; None only while the server stops."""
    context = contextvars.copy_context()
    async with waiting():
        result = await run.io_bound(context.run, _call_in_language, current_language(), func, args, kwargs)
    return _cancelled_unless(result)


async def in_thread(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`io_bound` for a service that returns a value (typed: the page gets R, not R | None)."""
    result = await io_bound(func, *args, **kwargs)
    if result is None:
        raise ServerStopping()
    return result


async def cpu_bound(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R | None:
    """`run.cpu_bound` with the indicator (pure work: no database, no translation)."""
    async with waiting():
        result = await run.cpu_bound(func, *args, **kwargs)
    return _cancelled_unless(result)
