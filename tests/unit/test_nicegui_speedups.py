"""NiceGUI's « does this handler take arguments? » is answered once per method, with NiceGUI's own answers."""

import functools
import inspect
from collections.abc import Callable
from typing import Any

import pytest
from nicegui import Client, helpers, ui
from nicegui.helpers import functions
from nicegui.page import page

from components import nicegui_speedups


class Handlers:
    def with_event(self, event: Any) -> None: ...

    def without(self) -> None: ...

    def optional(self, event: Any = None) -> None: ...

    def variadic(self, *args: Any) -> None: ...


def plain(event: Any) -> None: ...


@pytest.fixture
def signatures(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The speed-up in place, and the signatures NiceGUI still computes."""
    computed: list[object] = []

    def counted(func: Any) -> inspect.Signature:
        computed.append(func)
        return inspect.signature(func)

    monkeypatch.setattr(functions, 'signature', counted)
    monkeypatch.setattr(nicegui_speedups, '_by_function', {})
    monkeypatch.setattr(helpers, 'expects_arguments', helpers.expects_arguments)  # restored after the test
    nicegui_speedups.install()
    return computed


def test_the_answers_are_nicegui_s(signatures: list[object]) -> None:
    first, second = Handlers(), Handlers()
    handlers: list[Callable[..., Any]] = [
        first.with_event, second.with_event, first.without, second.without, first.optional, first.variadic,
        plain, lambda: None, lambda e: None, functools.partial(plain), functools.partial(first.with_event),
    ]  # fmt: skip
    for handler in handlers:
        assert helpers.expects_arguments(handler) == nicegui_speedups._nicegui_expects_arguments(handler)


def test_elements_do_not_ask_again_for_each_element(signatures: list[object]) -> None:
    client = Client(page('/'), request=None)
    with client:
        for _ in range(50):
            ui.label('Étape')
            ui.button('Valider', on_click=lambda: None)
    client.delete()
    # props, classes and style of 100 elements: 300 signatures computed by NiceGUI without the speed-up
    assert len(signatures) < 10
