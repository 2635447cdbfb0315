"""The fields of one form by name: read them, and show a service's field-level errors next to each one.

Labels of required fields end with « * » (the guide: « Les champs indiqués par un * sont
obligatoires »). The summary above the fields is an aria-live region, so screen readers hear the
refusal; each field carries its own message (Quasar's error slot, tied to the input).
"""

from typing import Any, TypeVar

from nicegui import ui
from nicegui.elements.mixins.validation_element import ValidationElement
from nicegui.elements.mixins.value_element import ValueElement

from services.i18n import _

E = TypeVar('E', bound=ValueElement[Any])


def required(label: str) -> str:
    return f'{label} *'


def set_error(element: ValueElement[Any], message: str | None) -> None:
    """Quasar's error slot under the field; date inputs have no validation mixin, so set their props."""
    if isinstance(element, ValidationElement):
        element.error = message
    elif element.props.get('error-message') != message:
        element.props['error'] = message is not None
        element.props['error-message'] = message
        element.update()


class FormFields:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.fields: dict[str, ValueElement[Any]] = {}
        self.notes: dict[str, ui.label] = {}
        self.summary = (
            ui.label('')
            .classes('text-negative font-medium')
            .props('role=alert aria-live=assertive')
            .mark(f'{prefix}-errors')
        )
        self.summary.visible = False

    def add(self, name: str, element: E) -> E:
        """Register `element` as field `name` (marker `<prefix>-<name>`); typing clears its error."""
        self.fields[name] = element
        element.mark(f'{self.prefix}-{name}')
        element.on_value_change(lambda: set_error(element, None))
        return element

    def add_note(self, name: str) -> ui.label:
        """A place for the errors of `name` when it is no input (a checkbox, a list of periods)."""
        note = ui.label('').classes('text-negative text-sm').mark(f'{self.prefix}-{name}-error')
        note.visible = False
        self.notes[name] = note
        return note

    def value(self, name: str) -> Any:
        return self.fields[name].value

    def text(self, name: str) -> str:
        value = self.fields[name].value
        return '' if value is None else str(value).strip()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message next to its field; messages about no field of this form go into the summary."""
        for name, element in self.fields.items():
            set_error(element, errors.get(name))
        for name, note in self.notes.items():
            note.set_text(errors.get(name, ''))
            note.visible = name in errors
        first = next((element for name, element in self.fields.items() if name in errors), None)
        if first is not None:  # keyboard and screen-reader users land on the first field to correct
            first.run_method('focus')
        elsewhere = [message for name, message in errors.items() if name not in self.fields and name not in self.notes]
        count = len(errors)
        summary = _('Le formulaire contient {count} erreur(s) : corrigez les champs signalés.', count=count)
        self.summary.set_text(' '.join([summary, *elsewhere]) if count else '')
        self.summary.visible = bool(count)

    def clear_errors(self) -> None:
        self.show_errors({})
