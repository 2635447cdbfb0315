"""A part of a form shown only while a checkbox is ticked, drawn the first time it is shown.

Most students never tick « Calendrier irrégulier » nor, for a stage under two months, « Stage gratifié »: drawn
hidden, their fields cost the server 8 of the step's 65 elements (sent to the browser, walked by every garbage
collection) for nothing. Once drawn, the part stays: unticking hides it and keeps what was typed in it.
"""

from collections.abc import Callable
from typing import Any

from nicegui import ui
from nicegui.elements.mixins.value_element import ValueElement


class RevealedPart:
    """`draw` fills `container` (just created, empty) the first time `switch` is on."""

    def __init__(self, container: ui.element, switch: ValueElement[Any], draw: Callable[[], None]) -> None:
        self.container, self._draw = container, draw
        self.drawn = False
        switch.on_value_change(lambda event: self.show(bool(event.value)))
        self.show(bool(switch.value))

    def show(self, shown: bool) -> None:
        if shown and not self.drawn:
            self.drawn = True
            with self.container:
                self._draw()
        self.container.visible = shown
