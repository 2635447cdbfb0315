"""The frame every page shares: the university's logo and colour, a title per page, and « Chargement… » when
a wait lasts more than half a second (and not for quick answers)."""

import asyncio
import re
import struct
import time
import zlib
from pathlib import Path
from typing import Any

import pytest
from nicegui import Client, ui
from nicegui.testing import User
from pydantic import ValidationError

from components import busy
from settings import Settings, reload_settings
from tests.ui.helpers import log_in


def tiny_png(path: Path) -> Path:
    """A 1×1 white PNG (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))

    header = struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0)
    path.write_bytes(
        b'\x89PNG\r\n\x1a\n'
        + chunk(b'IHDR', header)
        + chunk(b'IDAT', zlib.compress(b'\0\xff\xff\xff'))
        + chunk(b'IEND', b'')
    )
    return path


async def test_the_university_logo_is_in_the_header(
    user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv('PSTAGE_UNIVERSITY_LOGO', str(tiny_png(tmp_path / 'logo.png')))
    reload_settings()
    await log_in(user, 'alice')
    (brand,) = user.find(marker='brand').elements
    assert isinstance(brand, ui.html)
    # beside the name « PStage », which the link already says: decoration for screen readers
    assert re.search(r'<img src="/universite/logo-\d+\.png" alt=""', brand.content)


async def test_without_a_logo_the_header_shows_the_name_only(user: User) -> None:
    await log_in(user, 'alice')
    (brand,) = user.find(marker='brand').elements
    assert isinstance(brand, ui.html)
    assert '<img' not in brand.content
    assert 'PStage' in brand.content


def test_a_primary_colour_too_light_for_white_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PSTAGE_PRIMARY_COLOR', '#88aaff')
    with pytest.raises(ValidationError, match='contrast'):
        Settings()
    monkeypatch.setenv('PSTAGE_PRIMARY_COLOR', '#00558C')
    assert Settings().primary_color == '#00558c'


async def test_each_page_has_its_own_title(user: User) -> None:
    await log_in(user, 'alice')
    assert user.client is not None
    assert user.client.title == 'Accueil — PStage'
    await user.open('/conventions/mes')
    assert user.client.title == 'Mes conventions de stage — PStage'


async def test_a_long_wait_shows_chargement_and_a_quick_one_does_not(user: User) -> None:
    await log_in(user, 'alice')
    client = user.client
    assert client is not None

    async def in_the_page(seconds: float) -> None:  # as an event handler of the page does
        with client:
            await busy.io_bound(time.sleep, seconds)

    await in_the_page(0.05)
    await user.should_not_see(marker='busy-message')

    slow = asyncio.create_task(in_the_page(busy.DELAY + 0.7))
    await asyncio.sleep(busy.DELAY + 0.3)
    await user.should_see(marker='busy-message')
    await user.should_see('Chargement…')
    await slow
    await user.should_not_see(marker='busy-message')


async def test_a_service_message_comes_back_in_the_tab_s_language(user: User) -> None:
    """Services run in a worker thread: the tab's language goes with them."""
    from services.i18n import _

    await log_in(user, 'alice')
    user.find(marker='language-switch').click()
    await user.should_see('Sign out', retries=30)
    assert user.client is not None
    with user.client:
        message = await busy.in_thread(lambda: _('Convention introuvable.'))
    assert message == 'Agreement not found.'


async def test_a_page_does_not_wait_for_the_browser_to_say_whether_the_menu_is_open(
    user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wide screen or phone is the browser's business (Quasar's show-if-above): asking it from the server was one
    more round trip per page, and a page of a busy server gave up after 1 s (« JavaScript did not respond »)."""
    asked: list[str] = []
    ask = Client.run_javascript

    def noted(self: Client, code: str, **kwargs: Any) -> Any:
        asked.append(code)
        return ask(self, code, **kwargs)

    monkeypatch.setattr(Client, 'run_javascript', noted)
    await log_in(user, 'alice')
    await user.should_see(marker='side-menu')
    await asyncio.sleep(0.2)  # the page's connection handlers have run
    assert not [code for code in asked if 'IS_DRAWER_OPEN' in code]
    assert user.find(ui.left_drawer).elements.pop().props['show-if-above'] is True


async def test_the_frame_around_a_page_is_a_handful_of_elements(user: User) -> None:
    """Every open page keeps its elements in the server's memory, and each full garbage collection stops every page
    of the instance while it walks them all: the frame every page draws stays small (its menus are plain links
    drawn as one element each: a student's frame was 37 elements, 19 now)."""
    await log_in(user, 'alice')
    await user.open('/aide')
    assert user.client is not None
    (title,) = user.find(marker='page-title').elements
    assert title.parent_slot is not None
    page = {element.id for element in title.parent_slot.parent.descendants()}  # the content column and below
    frame = [element for element in user.client.elements.values() if element.id not in page]
    assert len(frame) <= 20, sorted(type(element).__name__ for element in frame)
