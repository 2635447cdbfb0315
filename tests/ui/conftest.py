"""Several simulated users in one story: what a page does reaches the user showing that page.

NiceGUI's User simulation keeps one `ui.navigate`, `ui.notify` and `ui.download` for the whole process and points
them at the last user whose attributes were read — by the test, but also by a user's own background work (its page
loading after a navigation, its page's JavaScript being answered). So when one user's handler awaits a service call
and then navigates, the navigation can land in another user's tab (seen: « Repartir de la version actuelle… » of
the second staff member reloading the first one's page). Here each user's three objects are replaced by stand-ins
that, called from a page, pass the call to the user who opened that page; called from the test itself, to their own.

Every story also checks that no page code queried the database on the event loop.
"""

import asyncio
import os
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from nicegui import Client, context
from nicegui.testing import User

ROUTED = ('navigate', 'notify', 'download')
ROOT = Path(__file__).resolve().parents[2]


class _Pages:
    """Which user opened which page (client id), and each user's own navigate / notify / download."""

    def __init__(self) -> None:
        self.opened_by: dict[str, User] = {}
        self.own: dict[int, dict[str, Any]] = {}

    def adopt(self, user: User) -> User:
        own = {name: object.__getattribute__(user, name) for name in ROUTED}
        self.own[id(user)] = own
        for name in ROUTED:
            setattr(user, name, _ToPageUser(self, name, own[name]))
        opened = object.__getattribute__(user, 'open')

        async def open_and_note(path: str, *, clear_forward_history: bool = True) -> Client:
            client = await opened(path, clear_forward_history=clear_forward_history)
            self.opened_by[client.id] = user
            return client

        setattr(user, 'open', open_and_note)  # noqa: B010 (mypy refuses assigning to a method)
        return user

    def target(self, name: str, fallback: Any) -> Any:
        try:
            client = context.client
        except RuntimeError:  # no page: the test itself calls, e.g. `user.download.next()`
            return fallback
        user = self.opened_by.get(client.id)
        return self.own[id(user)][name] if user is not None else fallback


class _ToPageUser:
    def __init__(self, pages: _Pages, name: str, own: Any) -> None:
        self._pages, self._name, self._own = pages, name, own

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # ui.notify(...), ui.download(...)
        return self._pages.target(self._name, self._own)(*args, **kwargs)

    def __getattr__(self, attribute: str) -> Any:  # ui.navigate.to(...), user.notify.messages…
        return getattr(self._pages.target(self._name, self._own), attribute)


@pytest.fixture
def create_user(create_user: Callable[[], User], user: User) -> Callable[[], User]:
    pages = _Pages()
    pages.adopt(user)
    return lambda: pages.adopt(create_user())


PAGE_CODE = tuple(str(ROOT / folder) + os.sep for folder in ('pages', 'components', 'auth'))


@pytest.fixture(autouse=True)
def no_query_on_the_event_loop() -> Iterator[None]:
    """Pages query the database in a worker thread (components/busy.py): a query run by page code on the event
    loop holds up every other visitor of the instance while it waits for the database."""
    found: list[str] = []

    def check(*_args: Any) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # a worker thread
        frame: types.FrameType | None = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename.startswith(PAGE_CODE):
                found.append(f'{frame.f_code.co_filename}:{frame.f_lineno} {frame.f_code.co_name}')
                return
            frame = frame.f_back

    sa.event.listen(sa.Engine, 'before_cursor_execute', check)
    yield
    sa.event.remove(sa.Engine, 'before_cursor_execute', check)
    assert not found, f'queries run on the event loop by: {sorted(set(found))}'
