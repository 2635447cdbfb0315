"""Choosing the columns of an export: checkboxes grouped as the export groups them, all ticked by default."""

from collections.abc import Iterable, Sequence

from nicegui import ui

from services.i18n import _


class ColumnPicker(ui.column):
    def __init__(self, columns: Sequence[tuple[str, str, str]], selected: Iterable[str] | None = None) -> None:
        """`columns`: (key, header, group) in file order; `selected`: the keys ticked (None: all)."""
        super().__init__()
        self.keys = [key for key, _header, _group in columns]
        chosen = set(self.keys if selected is None else selected) & set(self.keys)
        self.boxes: dict[str, ui.checkbox] = {}
        self.classes('w-full gap-1').mark('column-picker')
        with self:
            with ui.row().classes('items-center gap-2'):
                self.count = ui.label().classes('text-sm text-grey-8').mark('column-count')
                ui.button(_('Tout cocher'), on_click=lambda: self.set_all(True)).props('flat dense no-caps').mark(
                    'columns-all'
                )
                ui.button(_('Tout décocher'), on_click=lambda: self.set_all(False)).props('flat dense no-caps').mark(
                    'columns-none'
                )
            groups: dict[str, list[tuple[str, str]]] = {}
            for key, header, group in columns:
                groups.setdefault(group, []).append((key, header))
            for group, members in groups.items():
                with (
                    ui.expansion(f'{_(group)} ({len(members)})').classes('w-full').mark('column-group'),
                    ui.row().classes('gap-x-4 gap-y-0 flex-wrap'),
                ):
                    for key, header in members:
                        box = ui.checkbox(header, value=key in chosen, on_change=self._recount)
                        self.boxes[key] = box.mark(f'export-column-{key}')
        self._recount()

    @property
    def selected(self) -> list[str]:
        return [key for key in self.keys if self.boxes[key].value]

    def set_all(self, value: bool) -> None:
        for box in self.boxes.values():
            box.value = value
        self._recount()

    def _recount(self) -> None:
        self.count.text = _('{n} colonne(s) sur {total}', n=len(self.selected), total=len(self.keys))
