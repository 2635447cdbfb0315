"""Waiting for a service in a worker thread: a cancelled wait is cancelled (an autosave overtaken by typing)."""

import asyncio
import time

import pytest
from nicegui.testing import User

from components import busy


async def test_a_cancelled_wait_for_a_service_raises_cancelled_instead_of_returning_nothing(user: User) -> None:
    async def save() -> int:
        await busy.io_bound(time.sleep, 0.5)  # NiceGUI's run.io_bound swallows the cancellation and returns None
        return 1

    task = asyncio.create_task(save())
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_a_wait_that_is_not_cancelled_gives_the_result(user: User) -> None:
    assert await busy.io_bound(sum, [1, 2, 3]) == 6
