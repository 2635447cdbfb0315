"""« Historique »: one card per event — when, who, what — with each change before → after."""

from collections.abc import Sequence

from nicegui import ui

from components.display import empty_state, fr_datetime
from services.history import HistoryEntry
from services.i18n import _


def history_list(entries: Sequence[HistoryEntry]) -> None:
    if not entries:
        empty_state(_('Aucun événement enregistré pour cette convention.'))
        return
    with ui.column().classes('w-full gap-2').mark('history'):
        for entry in entries:
            with ui.card().classes('w-full').mark(f'history-entry history-{entry.action}'):
                with ui.row().classes('items-center gap-3 flex-wrap'):
                    ui.label(fr_datetime(entry.at)).classes('text-grey-8')
                    ui.badge(entry.action_label).props('color=secondary')
                    ui.label(entry.who).classes('font-medium')
                ui.label(entry.summary)
                if entry.changes:
                    with ui.element('ul').classes('list-disc pl-6 m-0'):
                        for change in entry.changes:
                            with ui.element('li'):
                                ui.label(
                                    _(
                                        '{label} : {before} → {after}',
                                        label=change.label,
                                        before=change.before,
                                        after=change.after,
                                    )
                                ).mark('history-change')
