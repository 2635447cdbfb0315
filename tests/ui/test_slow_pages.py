"""A page that a busy server builds slowly is served late, never replaced by an error page."""

import time
from typing import Any

import pytest
from nicegui.testing import User

import pages.convention_recap as recap_page
from tests.factories import World
from tests.ui.helpers import log_in


async def test_a_recap_built_slowly_is_still_served(user: User, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    read = recap_page.get_convention_detail

    def slow_read(*args: Any, **kwargs: Any) -> Any:
        time.sleep(3.5)  # past NiceGUI's default time to build a page (3 s); the read runs in a thread
        return read(*args, **kwargs)

    monkeypatch.setattr(recap_page, 'get_convention_detail', slow_read)
    await log_in(user, 'alice')
    await user.open(f'/conventions/{world.convention_ids["alice_validated"]}')
    await user.should_see(marker='recap-status')
    await user.should_see('Convention n° 2026-000002')
