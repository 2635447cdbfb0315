"""« Exports »: conventions, établissements, offres or the answers to an evaluation form, as CSV or Excel.

The criteria of a search come in the URL (the same parameters as the search pages: /exports?statut=creee…),
so « export what I am looking at » is a link. Columns are picked (all by default; remembered per list);
« Tout exporter » is the full export in one click. Files are built in a background thread with a progress
bar, then downloaded.
"""

from urllib.parse import urlencode

from nicegui import app, ui

from auth.guard import protected_page
from components.background_task import BackgroundTask
from components.choice import Select
from components.column_picker import ColumnPicker
from components.display import empty_state, section_title
from components.print_buttons import PdfZipExport
from pages.background import in_thread
from services import exports, pdf_export
from services.actor import Actor
from services.evaluation_forms import FormNotFound
from services.exports import Dataset, ExportFile, ExportFormat
from services.exports_catalogue import OFFERS, ORGANISATIONS
from services.exports_conventions import CONVENTIONS
from services.exports_evaluations import answers_dataset, exportable_forms
from services.i18n import _
from services.labels import CONVENTION_STATUS, OFFER_STATUS
from services.permissions import Action, can

DATASETS = {dataset.key: dataset for dataset in (CONVENTIONS, ORGANISATIONS, OFFERS)}
EVALUATION = 'evaluation'
STATUS_CHOICES = {
    CONVENTIONS.key: {status.value: label for status, label in CONVENTION_STATUS.items()},
    OFFERS.key: {status.value: label for status, label in OFFER_STATUS.items()},
}


def _menu(current: str, evaluations: bool) -> None:
    entries = [(key, dataset.title) for key, dataset in DATASETS.items()]
    if evaluations:
        entries.append((EVALUATION, 'Réponses aux évaluations'))
    with ui.row().classes('gap-2 flex-wrap').props('role=navigation aria-label="Que voulez-vous exporter ?"'):
        for key, title in entries:
            link = ui.link(_(title), f'/exports?jeu={key}').classes('px-3 py-1 rounded-full border no-underline')
            link.mark(f'export-dataset export-dataset-{key}')
            if key == current:
                link.classes('bg-primary text-white').props('aria-current=page')


def _criteria_card(dataset: Dataset, criteria: dict[str, str], fixed: dict[str, str]) -> None:
    """The search's criteria, editable; « Appliquer » reloads the page with them in the URL."""
    if not dataset.criteria_labels:
        return
    with ui.card().classes('w-full').mark('export-criteria'):
        section_title(_('Critères de la recherche'))
        inputs: dict[str, ui.select | ui.input] = {}
        with ui.row().classes('gap-3 flex-wrap items-end'):
            for key, label in dataset.criteria_labels.items():
                choices = STATUS_CHOICES.get(dataset.key) if key == 'statut' else None
                if choices:
                    options = {'': _('Tous')} | {value: _(text) for value, text in choices.items()}
                    inputs[key] = Select(options, label=_(label), value=criteria.get(key, ''))
                else:
                    inputs[key] = ui.input(_(label), value=criteria.get(key, ''))
                inputs[key].classes('w-44').mark(f'criterion-{key}')

        def apply() -> None:
            values = {key: str(element.value or '').strip() for key, element in inputs.items()}
            ui.navigate.to('/exports?' + urlencode(fixed | {k: v for k, v in values.items() if v}))

        ui.button(_('Appliquer'), icon='filter_alt', on_click=apply).mark('criteria-apply')


@protected_page('/exports', title='Exports', needs_any=(Action.EXPORT,))
async def exports_page(actor: Actor, jeu: str = CONVENTIONS.key, formulaire: int | None = None) -> None:
    query = dict(ui.context.client.request.query_params)
    criteria = {key: value for key, value in query.items() if key not in ('jeu', 'formulaire')}
    evaluations = can(actor, Action.EVALUATION_MANAGE)
    _menu(jeu if jeu in DATASETS or jeu == EVALUATION else CONVENTIONS.key, evaluations)
    if jeu == EVALUATION and evaluations:
        dataset = await _evaluation_dataset(actor, formulaire)
        if dataset is None:
            return
        fixed = {'jeu': EVALUATION, 'formulaire': str(formulaire)}
    else:
        dataset = DATASETS.get(jeu, CONVENTIONS)
        fixed = {'jeu': dataset.key}
    _criteria_card(dataset, criteria, fixed)
    total = await in_thread(exports.count, actor, dataset, criteria)
    columns = dataset.columns()
    with ui.card().classes('w-full').mark('export-card'):
        section_title(dataset.title)
        ui.label(_('{count} ligne(s) à exporter', count=total)).mark('export-count')
        memory = f'export-columns-{dataset.key}'
        remembered = app.storage.user.get(memory)
        picker = ColumnPicker([(c.key, c.header, c.group) for c in columns], remembered)
        fmt = ui.radio({'xlsx': _('Excel (.xlsx)'), 'csv': _('CSV (séparateur « ; »)')}, value='xlsx').props('inline')
        fmt.mark('export-format')
        task = BackgroundTask(marker='export-task')

        def offer_download(file: ExportFile) -> None:
            task.status.text = _('{n} ligne(s) exportée(s) dans {name}.', n=file.rows, name=file.filename)
            ui.button(
                _('Télécharger {name}', name=file.filename),
                icon='download',
                on_click=lambda: ui.download.content(file.content, file.filename, file.media_type),
            ).mark('export-download')

        def run(keys: list[str] | None, chosen_format: str) -> None:
            if keys is not None:
                app.storage.user[memory] = keys
            task.start(
                lambda progress: exports.export(actor, dataset, criteria, keys, chosen_format, progress),
                offer_download,
                _('Export en cours…'),
            )

        with ui.row().classes('gap-2'):
            ui.button(
                _('Exporter les colonnes cochées'), icon='table_view', on_click=lambda: run(picker.selected, fmt.value)
            ).mark('export-start')
            ui.button(
                _('Tout exporter (Excel, toutes les colonnes)'),
                icon='select_all',
                on_click=lambda: run(None, ExportFormat.XLSX.value),
            ).props('outline').mark('export-all')
        if not total:
            empty_state(_('Aucune ligne ne correspond à ces critères : élargissez la recherche.'))
    if dataset is CONVENTIONS:
        await _pdf_card(actor)


async def _evaluation_dataset(actor: Actor, form_id: int | None) -> Dataset | None:
    forms = await in_thread(exportable_forms, actor)
    if not forms:
        empty_state(_("Aucun questionnaire n'a encore reçu de réponses dans votre périmètre."))
        return None
    chosen = form_id if form_id in forms else next(iter(forms))
    Select(
        forms,
        label=_('Questionnaire'),
        value=chosen,
        on_change=lambda e: ui.navigate.to(f'/exports?jeu={EVALUATION}&formulaire={e.value}'),
    ).classes('w-full max-w-xl').mark('export-form')
    try:
        return await in_thread(answers_dataset, actor, chosen)
    except FormNotFound as missing:
        empty_state(str(missing))
        return None


async def _pdf_card(actor: Actor) -> None:
    ids = await in_thread(pdf_export.exportable_convention_ids, actor)
    with ui.card().classes('w-full').mark('export-pdf'):
        ui.label(_('PDF des conventions')).classes('text-lg font-semibold')
        ui.label(_('Chaque convention de votre périmètre en PDF, réunies dans un fichier ZIP.'))
        PdfZipExport(lambda progress: pdf_export.export_conventions_zip(actor, ids, progress=progress), count=len(ids))
