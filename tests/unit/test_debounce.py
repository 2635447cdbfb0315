"""The shared debounce of live searches: a call within the delay cancels the pending one, the last one runs."""

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from nicegui import core

from components.debounce import Debouncer


@pytest.fixture(autouse=True)
async def nicegui_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core, 'loop', asyncio.get_running_loop())  # where background_tasks creates its tasks


async def test_a_second_call_within_the_delay_cancels_the_first_and_only_the_last_runs() -> None:
    ran: list[str] = []

    def action(text: str) -> Callable[[], Awaitable[None]]:
        async def search() -> None:
            ran.append(text)

        return search

    latest = Debouncer('test search')
    latest.schedule(action('be'), 0.05)
    await asyncio.sleep(0.01)
    latest.schedule(action('ben'), 0.05)
    await asyncio.sleep(0.01)
    latest.schedule(action('bena'), 0.05)
    assert ran == []
    await asyncio.sleep(0.15)
    assert ran == ['bena']


async def test_cancel_drops_the_pending_action_and_a_left_page_is_no_error() -> None:
    ran: list[str] = []

    async def search() -> None:
        ran.append('searched')

    async def page_left() -> None:
        raise RuntimeError('The client this element belongs to has been deleted.')

    latest = Debouncer('test search')
    latest.schedule(search, 0.02)
    latest.cancel()
    await asyncio.sleep(0.05)
    assert ran == []

    latest.schedule(page_left, 0)
    task = latest._pending
    assert task is not None
    await task  # does not raise
    assert task.exception() is None
