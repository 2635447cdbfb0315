"""Small display helpers shared by pages: French dates, label/value grids, empty states, simple tables."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from nicegui import ui

from services.i18n import _

PARIS = ZoneInfo('Europe/Paris')


def fr_date(value: date | None) -> str:
    return value.strftime('%d/%m/%Y') if value else '—'


def fr_datetime(value: datetime | None) -> str:
    return value.astimezone(PARIS).strftime('%d/%m/%Y %H:%M') if value else '—'


def yes_no(value: bool) -> str:
    return _('oui') if value else _('non')


def field_grid(rows: Sequence[tuple[str, object]]) -> ui.element:
    """Label/value pairs on two columns (one on a phone); empty values show « — »."""
    with ui.element('dl').classes('grid grid-cols-1 sm:grid-cols-[14rem_1fr] gap-x-4 gap-y-1 w-full m-0') as grid:
        for label, value in rows:  # one element per term and per value: a recap draws a hundred of them
            _tagged(ui.label(label).classes('font-medium text-grey-8'), 'dt')
            shown = '—' if value is None or value == '' else str(value)
            _tagged(ui.label(shown).classes('m-0 whitespace-pre-line'), 'dd')
    return grid


def _tagged(label: ui.label, tag: str) -> ui.label:
    label.tag = tag
    return label


def empty_state(message: str, *, marker: str = 'empty-state') -> ui.label:
    return ui.label(message).classes('text-grey-8 italic').mark(marker)


def section_title(text: str) -> ui.label:
    return ui.label(text).classes('text-lg font-semibold').props('role=heading aria-level=2')


def simple_table(
    columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]], *, marker: str, pagination: int = 0
) -> ui.table:
    """A read-only table: `columns` are (field, French header) pairs."""
    return (
        ui.table(
            columns=[{'name': name, 'label': label, 'field': name, 'align': 'left'} for name, label in columns],
            rows=[{'_key': index, **row} for index, row in enumerate(rows)],
            row_key='_key',
            pagination=pagination or None,
        )
        .classes('w-full')
        .mark(marker)
    )


def not_found(message: str, *, back_label: str, back_path: str) -> None:
    """« introuvable » inside the frame, with HTTP status 404 and a way back."""
    ui.context.client.status_code = 404
    with ui.card().classes('w-full').mark('not-found'):
        ui.label(message).classes('text-lg font-semibold')
        ui.link(back_label, back_path)
