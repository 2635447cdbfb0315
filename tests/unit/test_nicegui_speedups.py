"""NiceGUI's « does this handler take arguments? » is answered once per method, with NiceGUI's own answers;
a closed page's elements are freed without waiting for the garbage collector; an element's collections keep no
empty list of observers."""

import functools
import gc
import inspect
import weakref
from collections.abc import Callable
from typing import Any

import pytest
from nicegui import Client, helpers, ui
from nicegui.element import Element
from nicegui.helpers import functions
from nicegui.observables import ObservableCollection, ObservableDict
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


@pytest.fixture
def frees_on_delete(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helpers, 'expects_arguments', helpers.expects_arguments)  # restored after the test
    monkeypatch.setattr(Element, '_handle_delete', Element._handle_delete)
    monkeypatch.setattr(ObservableCollection, '__init__', ObservableCollection.__init__)
    nicegui_speedups.install()


def outliving_their_page(draw: Callable[[], list[weakref.ref[object]]]) -> list[weakref.ref[object]]:
    """Draw a page, then close it with the garbage collector off: the weak references still alive."""
    client = Client(page('/'), request=None)
    with client:
        watched = draw()
    gc.disable()
    try:
        client.delete()
        del client
        return [ref for ref in watched if ref() is not None]
    finally:
        gc.enable()


def _form_collections() -> list[weakref.ref[object]]:
    with ui.card():
        ui.label('Étape 1').classes('text-xl').style('color: black')
        ui.input('Nom').props('outlined')
        ui.button('Suivant', on_click=lambda: None)
    return [
        weakref.ref(collection)
        for element in ui.context.client.elements.values()  # the page's own elements too
        for collection in (element._classes, element._style, element._props)
    ]


def test_a_closed_page_is_freed_without_the_garbage_collector(frees_on_delete: None) -> None:
    assert outliving_their_page(_form_collections) == []


class _Form:
    """A form as the pages write them: its fields call its methods, and it holds its fields."""

    def __init__(self) -> None:
        self.name = ui.input('Nom', on_change=self.changed)
        self.agreed = ui.checkbox("J'accepte", on_change=self.changed)

    def changed(self) -> None: ...


def _form_fields() -> list[weakref.ref[object]]:
    form = _Form()
    return [weakref.ref(form.name), weakref.ref(form.agreed)]


def test_fields_whose_handlers_belong_to_their_form_are_freed_too(frees_on_delete: None) -> None:
    assert outliving_their_page(_form_fields) == []


def test_an_element_removed_from_a_live_page_is_freed_too_and_the_page_still_updates(frees_on_delete: None) -> None:
    client = Client(page('/'), request=None)
    with client:
        with ui.column() as column:
            removed = ui.label('Ancien texte').classes('text-grey')
        kept = ui.label('Gardé')
    props = weakref.ref(removed._props)
    gc.disable()
    try:
        column.remove(removed)
        del removed
        assert props() is None
    finally:
        gc.enable()
    client.outbox.updates.clear()
    kept.classes('text-bold')
    assert kept.id in client.outbox.updates  # the live elements still report their changes
    client.delete()


def test_a_label_costs_few_objects_to_the_garbage_collector(frees_on_delete: None) -> None:
    """Every full collection walks every object of every open page, the event loop stopped meanwhile."""
    client = Client(page('/'), request=None)
    with client:
        ui.label('avant')  # what a first label creates once (the client's own structures)
        gc.collect()
        before = len(gc.get_objects())
        labels = [ui.label(f'Étape {number}') for number in range(100)]
        gc.collect()
        per_label = (len(gc.get_objects()) - before) / len(labels)
    client.delete()
    assert per_label <= 25  # NiceGUI's own: 27.5, three of them empty lists of observers


def test_nested_values_still_tell_their_element(frees_on_delete: None) -> None:
    client = Client(page('/'), request=None)
    with client:
        table = ui.element('div')
        table.props['rows'] = [{'nom': 'Dupont'}]
    client.outbox.updates.clear()
    table.props['rows'][0]['nom'] = 'Durand'  # a change deep inside a prop's value
    assert table.id in client.outbox.updates
    changes: list[object] = []
    inner = ObservableDict({'a': 1})
    outer = ObservableDict({}, on_change=lambda: changes.append('outer'))
    outer['inner'] = inner
    inner['a'] = 2
    assert changes == ['outer', 'outer']
    client.delete()
