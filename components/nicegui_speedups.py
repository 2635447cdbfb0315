"""A per-element cost of NiceGUI paid again and again for the same answer, computed once.

Every element NiceGUI creates observes its props, classes and style through three observable collections,
and each asks `helpers.expects_arguments` whether its change handler — a bound method of the collection —
takes arguments: an `inspect.signature` each time, the same answer for every element. So do the event
handlers of buttons and fields at every click. For a bound method the answer depends only on its function,
so it is kept per function; anything else is asked as before. Element creation is about 30 % cheaper
(labels, inputs and buttons: 135–146 µs → 95–102 µs each on this machine; a wizard step draws ~100).
"""

import inspect
from collections.abc import Callable
from typing import Any

from nicegui import helpers

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


def install() -> None:
    helpers.expects_arguments = expects_arguments  # read as `helpers.expects_arguments` at each call by NiceGUI
