"""« Exports »: download the conventions of the scope as a CSV file."""

from nicegui import ui

from auth.guard import protected_page
from components.display import empty_state
from components.print_buttons import PdfZipExport
from pages.background import in_thread
from services import exports, pdf_export
from services.actor import Actor
from services.i18n import _
from services.permissions import Action


@protected_page('/exports', title='Exports', needs_any=(Action.EXPORT,))
async def exports_page(actor: Actor) -> None:
    count = await in_thread(exports.count_exportable, actor)
    with ui.card().classes('w-full').mark('export-conventions'):
        ui.label(_('Conventions de stage')).classes('text-lg font-semibold')
        ui.label(
            _(
                '{count} convention(s) de votre périmètre, une ligne chacune, {columns} colonnes '
                '(fichier CSV, séparateur « ; », s’ouvre directement dans un tableur).',
                count=count,
                columns=len(exports.HEADERS),
            )
        ).mark('export-count')

        async def download() -> None:
            content = await in_thread(exports.conventions_csv, actor)
            ui.download.content(content, exports.export_filename(), 'text/csv')

        button = ui.button(_('Télécharger (CSV)'), icon='download', on_click=download).mark('export-csv')
        if not count:
            button.disable()
            empty_state(_('Aucune convention à exporter pour le moment dans votre périmètre.'))

    ids = await in_thread(pdf_export.exportable_convention_ids, actor)
    with ui.card().classes('w-full').mark('export-pdf'):
        ui.label(_('PDF des conventions')).classes('text-lg font-semibold')
        ui.label(_('Chaque convention de votre périmètre en PDF, réunies dans un fichier ZIP.'))
        PdfZipExport(lambda progress: pdf_export.export_conventions_zip(actor, ids, progress=progress), count=len(ids))
