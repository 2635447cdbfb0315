"""Three per-element costs of NiceGUI: an answer computed again and again, pages freed only by the GC, and lists
that stay empty.

**Does this handler take arguments?**

Every element NiceGUI creates observes its props, classes and style through three observable collections,
and each asks `helpers.expects_arguments` whether its change handler — a bound method of the collection —
takes arguments: an `inspect.signature` each time, the same answer for every element. So do the event
handlers of buttons and fields at every click. For a bound method the answer depends only on its function,
so it is kept per function; anything else is asked as before. Element creation is about 30 % cheaper
(labels, inputs and buttons: 135–146 µs → 95–102 µs each on this machine; a wizard step draws ~100).

**A closed page's elements are freed at once.** Each element's props, classes and style are observable
collections whose change handler is their own bound method: three reference cycles per element, which only
Python's cyclic garbage collector frees. A page lives for minutes, long enough for its objects to reach the
oldest generation; when it closed, ~16,000 objects per student flow waited there for the next full
collection, which must walk the whole heap with the event loop stopped: 250–600 ms every 20–40 s per instance
at 60 students (bench/load.py), the pause any click arriving then waits for. Once NiceGUI has deleted an
element (its page closed, or the element removed) nothing may change it any more: its collections' handlers
are dropped, and so are a field's value-change handlers (often methods of the form holding the field: one more
cycle per field), and reference counting frees it as soon as the last reference goes.

**No list of observers until one comes.** Each of those collections also keeps a list of the collections that
contain it (observers), empty for all but nested values: three lists per element, ~10 % of the objects an open
page holds (a plain label: 27 objects the collector tracks) and that every full collection walks. They start as
an empty tuple; NiceGUI replaces it with a new list when an observer registers (it never appends in place).
"""

import inspect
from collections.abc import Callable
from typing import Any

from nicegui import helpers
from nicegui.element import Element
from nicegui.observables import ObservableCollection

_nicegui_expects_arguments = helpers.expects_arguments
_by_function: dict[Callable[..., Any], bool] = {}
LIMIT = 10_000  # distinct functions remembered (methods of classes: a few hundred in practice)


def expects_arguments(func: Callable[..., Any]) -> bool:
    function = getattr(func, '__func__', None)
    if function is None or getattr(func, '__self__', None) is None or not inspect.isfunction(function):
        return _nicegui_expects_arguments(func)
    known = _by_function.get(function)
    if known is None:
        known = _nicegui_expects_arguments(func)
        if len(_by_function) < LIMIT:
            _by_function[function] = known
    return known


_nicegui_handle_delete = Element._handle_delete


def _handle_delete(element: Element) -> None:
    _nicegui_handle_delete(element)
    for collection in (element._classes, element._style, element._props):
        collection._change_handlers.clear()
    for handlers in ('_change_handlers', '_selection_change_handlers'):  # a field's, often its form's methods
        getattr(element, handlers, []).clear()


_nicegui_collection_init = ObservableCollection.__init__


def _collection_init(collection: ObservableCollection, **kwargs: Any) -> None:
    _nicegui_collection_init(collection, **kwargs)
    collection._observer_refs = ()  # type: ignore[assignment]  # immutable and shared: nothing for the GC


def install() -> None:
    helpers.expects_arguments = expects_arguments  # read as `helpers.expects_arguments` at each call by NiceGUI
    Element._handle_delete = _handle_delete  # type: ignore[method-assign,assignment]
    ObservableCollection.__init__ = _collection_init  # type: ignore[method-assign,assignment]
