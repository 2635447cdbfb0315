"""Steps shared by the UI stories."""

from typing import Any

import pytest
from nicegui import run
from nicegui.elements.mixins.value_element import ValueElement
from nicegui.testing import User

from tests.factories import PASSWORD


async def log_in(user: User, login: str, password: str = PASSWORD, *, start: str = '/') -> None:
    await user.open(start)
    user.find(marker='login').type(login)
    user.find(marker='password').type(password)
    user.find(marker='login-submit').click()
    await user.should_see(marker='current-user', retries=50)


def pick(user: User, marker: str, value: object) -> None:
    """Set the value of a select, radio, number… as the person choosing it would."""
    user.find(kind=ValueElement, marker=marker).elements.pop().set_value(value)


def record_worker_trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the functions pages send to a worker thread from now on (each trip waits its turn in the pool)."""
    trips: list[str] = []
    io_bound = run.io_bound

    async def noted(func: Any, *args: Any, **kwargs: Any) -> Any:
        work = args[2] if func.__name__ == 'run' else func  # through components.busy: context.run(_call_…, lang, f)
        trips.append(work.__name__)
        return await io_bound(func, *args, **kwargs)

    monkeypatch.setattr(run, 'io_bound', noted)
    return trips
