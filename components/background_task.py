"""Long work (a large export, an import) in a worker thread, with a progress bar: the page stays usable.

    task = BackgroundTask(marker='export-task')
    task.start(lambda progress: build_file(progress), on_done, _('Export en cours…'))

`work(progress)` runs in a thread and calls `progress(done, total)` now and then; a timer draws it.
`on_done(result)` runs back on the page; a refusal (ValueError, PermissionDenied) is shown as the status.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from nicegui import background_tasks, run, ui

from services.i18n import _
from services.permissions import PermissionDenied

R = TypeVar('R')
Progress = Callable[[int, int], None]


class BackgroundTask(ui.column):
    def __init__(self, *, marker: str) -> None:
        super().__init__()
        self.marker = marker
        self.done, self.total = 0, 0
        self.running = False
        self.label = ''
        self.classes('w-full gap-1').mark(marker)
        with self:
            self.progress = ui.linear_progress(value=0, show_value=False).mark(f'{marker}-progress')
            self.progress.visible = False
            self.status = ui.label().classes('text-sm text-grey-8').props('aria-live=polite').mark(f'{marker}-status')
            self.result = ui.row().classes('items-center gap-2').mark(f'{marker}-result')
        self.timer = ui.timer(0.3, self._draw, active=False)

    def _report(self, done: int, total: int) -> None:
        # Called from the worker thread: plain attributes only; the timer draws them.
        self.done, self.total = done, total

    def _draw(self) -> None:
        self.progress.value = self.done / self.total if self.total else 0
        if self.total:
            self.status.text = f'{self.label} {self.done} / {self.total}'

    def start(self, work: Callable[[Progress], R], on_done: Callable[[R], Any], label: str) -> bool:
        """False (and nothing started) while a previous task still runs."""
        if self.running:
            ui.notify(_('Un traitement est déjà en cours : attendez qu’il se termine.'), type='warning')
            return False
        self.running = True
        self.done = self.total = 0
        self.label = label
        self.status.text = label
        self.result.clear()
        self.progress.value = 0
        self.progress.visible = True
        self.timer.activate()
        background_tasks.create(self._run(work, on_done), name=f'background-{self.marker}')
        return True

    async def _run(self, work: Callable[[Progress], R], on_done: Callable[[R], Any]) -> None:
        try:
            result = await run.io_bound(work, self._report)
        except (ValueError, PermissionDenied, LookupError) as refused:
            self.status.text = str(refused)
            return
        finally:
            self.running = False
            self.timer.deactivate()
            self.progress.visible = False
        if result is None:  # the server is stopping
            return
        with self.result:
            on_done(result)


async def attempt(work: Callable[[], object], done: str) -> bool:
    """A quick service call in a worker thread; its refusal (a French message) becomes a notification.
    True when it went through (then `done` is notified)."""
    try:
        await run.io_bound(work)
    except (ValueError, LookupError, PermissionDenied) as refused:
        ui.notify(str(refused), type='warning')
        return False
    ui.notify(done, type='positive')
    return True
