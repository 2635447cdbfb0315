"""« Impression » (guide step 9): a button per document and language, a preview of page 1, a download;
and the staff's ZIP of many conventions, built in the background with a progress bar.

The page gives a `prepare(document, language) -> PrintJob` callback (a service call: permission,
database, audit trail); it runs in a thread, the rendering in a worker process (`run.cpu_bound`), so
neither blocks the event loop.
"""

import base64
from collections.abc import Callable, Sequence

from nicegui import background_tasks, ui

from components import busy
from pdf.preview import render_with_preview
from services.documents import DocumentUnavailable, PrintJob
from services.i18n import N_, _
from services.pdf_export import PdfExport, Progress
from services.permissions import PermissionDenied

Prepare = Callable[[str, str], PrintJob]

LANGUAGE_NAMES = {'en': N_('anglais'), 'de': N_('allemand'), 'es': N_('espagnol')}


class PrintButtons(ui.column):
    def __init__(
        self,
        prepare: Prepare,
        *,
        documents: Sequence[tuple[str, str]],
        languages: Sequence[str] = ('fr',),
        copies_note: bool = True,
    ) -> None:
        """`documents`: (document key, French label) pairs, e.g. ('convention', 'la convention')."""
        super().__init__()
        self.prepare = prepare
        self.pdf: bytes | None = None
        self.filename = ''
        self.classes('w-full gap-2').mark('print-buttons')
        with self:
            with ui.row().classes('items-center gap-2 flex-wrap'):
                ui.label(_('Impression :')).classes('font-medium')
                for document, label in documents:
                    for language in languages:
                        text = _(label) if language == 'fr' else f'{_(label)} ({_(LANGUAGE_NAMES[language])})'
                        ui.button(
                            text, icon='print', on_click=lambda _e, d=document, lg=language: self.show(d, lg)
                        ).props('outline no-caps').mark(f'print-{document}-{language}')
            if copies_note:
                ui.label(_('NB : la convention de stage doit être imprimée en 3 exemplaires.')).classes(
                    'text-sm text-grey-8'
                ).mark('print-copies-note')
            self.spinner = ui.spinner(size='lg').mark('print-spinner')
            self.spinner.visible = False
            self.result = ui.column().classes('w-full gap-2').mark('print-result')

    async def show(self, document: str, language: str) -> None:
        self.spinner.visible = True
        try:
            job = await busy.io_bound(self.prepare, document, language)
            if job is None:  # the server is stopping
                return
            rendered = await busy.cpu_bound(render_with_preview, job.template, job.context, job.language)
        except (PermissionDenied, DocumentUnavailable) as refused:
            ui.notify(str(refused), type='warning')
            return
        finally:
            self.spinner.visible = False
        if rendered is None:
            return
        self.pdf, preview = rendered
        self.filename = job.filename
        self.result.clear()
        with self.result:
            with ui.row().classes('items-center gap-2'):
                ui.button(_('Télécharger le PDF'), icon='download', on_click=self.download).props('no-caps').mark(
                    'print-download'
                )
                ui.label(self.filename).classes('text-sm text-grey-8').mark('print-filename')
            ui.label(_('Aperçu de la première page')).classes('text-sm text-grey-8')
            source = 'data:image/jpeg;base64,' + base64.b64encode(preview).decode()
            ui.image(source).classes('w-full max-w-2xl border shadow').props(
                f'alt="{_("Aperçu de la première page")}"'
            ).mark('print-preview')

    def download(self) -> None:
        if self.pdf is not None:
            ui.download.content(self.pdf, self.filename, 'application/pdf')


class PdfZipExport(ui.column):
    """« PDF des conventions (ZIP) »: built in a background task with a progress bar, downloadable when done."""

    def __init__(self, build: Callable[[Progress], PdfExport], *, count: int) -> None:
        super().__init__()
        self.build = build
        self.done, self.total = 0, count
        self.classes('w-full gap-2').mark('pdf-export')
        with self:
            self.button = ui.button(
                _('Générer les PDF ({count} conventions, ZIP)', count=count), icon='picture_as_pdf', on_click=self.start
            ).mark('pdf-export-start')
            self.button.set_enabled(count > 0)
            self.progress = ui.linear_progress(value=0, show_value=False).mark('pdf-export-progress')
            self.progress.visible = False
            self.status = ui.label().classes('text-sm text-grey-8').mark('pdf-export-status')
            self.result = ui.row().classes('items-center gap-2').mark('pdf-export-result')
        self.timer = ui.timer(0.5, self._refresh, active=False)

    def _progress(self, done: int, total: int) -> None:
        # Called from the worker thread: only plain attributes here, the timer draws them.
        self.done, self.total = done, total

    def _refresh(self) -> None:
        self.progress.value = self.done / self.total if self.total else 1
        self.status.text = _('{done} / {total} PDF générés…', done=self.done, total=self.total)

    def start(self) -> None:
        self.button.disable()
        self.result.clear()
        self.done = 0
        self.progress.visible = True
        self.timer.activate()
        background_tasks.create(self._run(), name='pdf-zip-export')

    async def _run(self) -> None:
        try:
            export = await busy.io_bound(self.build, self._progress)
        except PermissionDenied as refused:
            self.status.text = str(refused)
            return
        finally:
            self.timer.deactivate()
            self.button.enable()
        if export is None:
            return
        self._refresh()
        self.status.text = _('{count} PDF prêts dans {filename}.', count=export.count, filename=export.filename)
        with self.result:
            ui.button(
                _('Télécharger le ZIP'),
                icon='download',
                on_click=lambda: ui.download.content(export.content, export.filename, 'application/zip'),
            ).mark('pdf-export-download')
