"""What a page sends in its first moments leaves as soon as its browser is connected: its outbox does not look
every 100 ms whether the browser has come (NiceGUI's way), which held back by up to 100 ms the answer to a click
made at once — on the login form, the navigation after « Se connecter »."""

import asyncio
import sys
from collections.abc import Iterator
from types import FrameType
from typing import Any

import pytest
from nicegui import outbox
from nicegui.outbox import Outbox
from nicegui.testing import User

from components import prompt_outbox
from tests.ui.helpers import log_in


@pytest.fixture
def outbox_looks() -> Iterator[list[Outbox]]:
    """The outboxes that went to sleep for their next look (NiceGUI's `asyncio.sleep(0.1)` while unconnected)."""
    looks: list[Outbox] = []
    sleep = asyncio.sleep

    async def noted_sleep(delay: float, *args: Any, **kwargs: Any) -> Any:
        caller: FrameType = sys._getframe(1)
        if caller.f_code.co_filename == outbox.__file__:
            looks.append(caller.f_locals['self'])
        return await sleep(delay, *args, **kwargs)

    asyncio.sleep = noted_sleep
    try:
        yield looks
    finally:
        asyncio.sleep = sleep


async def test_the_login_form_answers_without_waiting_for_its_outbox_to_look(
    user: User, outbox_looks: list[Outbox]
) -> None:
    await log_in(user, 'alice')  # the form, « Se connecter », then the home page

    await user.should_see('Bonjour')
    assert outbox_looks == []


async def test_the_outbox_of_a_page_whose_browser_never_comes_still_stops(user: User) -> None:
    await user.open('/login')
    page = user.client
    assert page is not None
    page.tab_id = None  # as before its browser's handshake
    page._connected.clear()
    waiting = asyncio.create_task(prompt_outbox._loop_once_connected(page.outbox))
    await asyncio.sleep(0)
    assert not waiting.done()

    page.outbox.stop()

    await asyncio.wait_for(waiting, timeout=5 * prompt_outbox.WAKE_SECONDS)
