"""A live search box: results appear as you type, and a new keystroke cancels the search still pending.

The search itself is a callback (pages run a service through `run.io_bound`); this component only
debounces, cancels, lists results and lets the user pick one with the mouse or the keyboard
(↓/↑ to move, Entrée to choose, Échap to clear). The status line is an aria-live region.
"""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nicegui import ui

from components.debounce import DEBOUNCE, Debouncer
from services.i18n import _


@dataclass(frozen=True)
class SearchResult:
    key: str  # stable id, used in markers: `<marker>-result-<key>`
    title: str
    lines: tuple[str, ...] = ()
    value: Any = None  # what `on_select` receives
    badges: tuple[str, ...] = field(default=())


SearchCallback = Callable[[str], Awaitable[Sequence[SearchResult]]]
SelectCallback = Callable[[SearchResult], Any]


class FuzzySearch(ui.column):
    def __init__(
        self,
        search: SearchCallback,
        on_select: SelectCallback,
        *,
        label: str,
        marker: str,
        placeholder: str = '',
        debounce: float = DEBOUNCE,
        min_chars: int = 2,
        empty_message: str | None = None,
    ) -> None:
        super().__init__()
        self.classes('w-full gap-1').mark(marker)
        self._search = search
        self._on_select = on_select
        self._marker = marker
        self._debounce = debounce
        self._min_chars = min_chars
        self._empty_message = empty_message or _('Aucun résultat : vérifiez l’orthographe ou saisissez moins de mots.')
        self._latest = Debouncer(f'search {marker}')
        self._results: list[SearchResult] = []
        self._highlighted = -1
        list_id = f'{marker}-listbox'
        with self:
            self.input = (
                ui.input(label, placeholder=placeholder, on_change=lambda: self.refresh())
                # axe calls role=combobox « not allowed » (minor) because NiceGUI's input has a `list` attribute; but
                # its datalist is absent, so without the role the input would be a plain textbox.
                .props('clearable outlined autocomplete=off role=combobox aria-autocomplete=list aria-expanded=false')
                .props(f'aria-controls={list_id}')
                .classes('w-full')
                .mark(f'{marker}-input')
            )
            self.input.on('keydown.down', lambda: self._move(1))
            self.input.on('keydown.up', lambda: self._move(-1))
            self.input.on('keydown.enter', self._choose_highlighted)
            self.input.on('keydown.escape', lambda: self.input.set_value(''))
            self.status = ui.label('').classes('text-sm text-grey-8').props('aria-live=polite').mark(f'{marker}-status')
            self.list = ui.list().props(f'bordered separator id={list_id} role=listbox').classes('w-full')
            self.list.visible = False

    @property
    def text(self) -> str:
        return str(self.input.value or '')

    def refresh(self) -> None:
        """Search again for the current text (also called by filters next to the box), cancelling the pending one."""
        text = self.text
        too_short = len(text.strip()) < self._min_chars  # cleared at once, no need to wait
        self._latest.schedule(lambda: self._run(text), 0 if too_short else self._debounce)

    async def _run(self, text: str) -> None:
        if len(text.strip()) < self._min_chars:
            self._show([], '')
            return
        self.status.set_text(_('Recherche…'))
        try:
            results = await self._search(text)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # a failed search must not break the page: say it, keep the box usable
            self._show([], _('La recherche a échoué ({error}) : réessayez.', error=type(error).__name__))
            return
        count = len(results)
        message = self._empty_message if count == 0 else _('{count} résultat(s)', count=count)
        self._show(list(results), message)

    def _show(self, results: list[SearchResult], message: str) -> None:
        if self.is_deleted:
            return
        self.status.set_text(message)
        if results == self._results:  # the same list again (the same text searched twice): the one shown stays, so
            return  # a click already on its way to one of its results is not lost with the element it clicked
        self._results, self._highlighted = results, -1
        self.list.clear()
        self.list.visible = bool(results)
        self.input.props(f'aria-expanded={"true" if results else "false"}')
        self.input.props(remove='aria-activedescendant')
        with self.list:
            for index, result in enumerate(results):
                self._draw(index, result)

    def _draw(self, index: int, result: SearchResult) -> None:
        with (
            ui.item(on_click=lambda r=result: self._select(r))
            .props(f'clickable tabindex=0 role=option id={self._marker}-option-{index}')
            .mark(f'{self._marker}-result {self._marker}-result-{result.key}') as item
        ):
            item.on('keydown.enter', lambda r=result: self._select(r))
            with ui.item_section():  # few elements per result: a list is redrawn at every pause in the typing
                ui.item_label(result.title).classes('font-medium')
                if result.lines:
                    ui.item_label('\n'.join(result.lines)).props('caption').classes('whitespace-pre-line')
            if result.badges:
                with ui.item_section().props('side'), ui.row().classes('gap-1'):
                    for badge in result.badges:
                        ui.badge(badge).props('outline')

    def _move(self, step: int) -> None:
        if not self._results:
            return
        self._highlighted = (self._highlighted + step) % len(self._results)
        for index, item in enumerate(self.list.default_slot.children):
            chosen = index == self._highlighted
            if chosen:
                item.classes(add='bg-blue-1')
            else:
                item.classes(remove='bg-blue-1')
            item.props(f'aria-selected={"true" if chosen else "false"}')
        self.input.props(f'aria-activedescendant={self._marker}-option-{self._highlighted}')

    async def _choose_highlighted(self) -> None:
        if 0 <= self._highlighted < len(self._results):
            await self._select(self._results[self._highlighted])
        elif len(self._results) == 1:
            await self._select(self._results[0])

    async def _select(self, result: SearchResult) -> None:
        outcome = self._on_select(result)
        if asyncio.iscoroutine(outcome):
            await outcome

    def clear_results(self) -> None:
        self._latest.cancel()
        with contextlib.suppress(RuntimeError):
            self._show([], '')
