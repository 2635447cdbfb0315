"""Small display helpers shared by pages: French dates, label/value grids, empty states, simple tables."""

from collections.abc import Sequence
from datetime import date, datetime
from html import escape
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


def field_grid(rows: Sequence[tuple[str, object]]) -> ui.html:
    """Label/value pairs on two columns (one on a phone); empty values show « — ».

    One element for the whole list: a recap shows about a hundred pairs, and an element per term and per value
    (~250 on a convention's page) held the server's memory as long as the page was open."""
    pairs = ''.join(
        f'<dt class="font-medium text-grey-8">{escape(label, quote=False)}</dt>'
        f'<dd class="m-0 whitespace-pre-line">{escape(_shown(value), quote=False)}</dd>'
        for label, value in rows
    )
    return ui.html(pairs, sanitize=False, tag='dl').classes(
        'grid grid-cols-1 sm:grid-cols-[14rem_1fr] gap-x-4 gap-y-1 w-full m-0'
    )


def _shown(value: object) -> str:
    return '—' if value is None or value == '' else str(value)


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
