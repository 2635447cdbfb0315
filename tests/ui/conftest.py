"""Several simulated users in one story: what a page does reaches the user showing that page.

NiceGUI's User simulation keeps one `ui.navigate`, `ui.notify` and `ui.download` for the whole process and points
them at the last user whose attributes were read — by the test, but also by a user's own background work (its page
loading after a navigation, its page's JavaScript being answered). So when one user's handler awaits a service call
and then navigates, the navigation can land in another user's tab (seen: « Repartir de la version actuelle… » of
the second staff member reloading the first one's page). Here each user's three objects are replaced by stand-ins
that, called from a page, pass the call to the user who opened that page; called from the test itself, to their own.
"""

from collections.abc import Callable
from typing import Any

import pytest
from nicegui import Client, context
from nicegui.testing import User

ROUTED = ('navigate', 'notify', 'download')


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
