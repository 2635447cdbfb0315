"""« Importer des établissements » (staff): a CSV — PStage's columns or a SIRENE extract — with a progress bar
and the report of every refused line (downloadable). Running the same file again changes nothing.
"""

from nicegui import background_tasks, run, ui
from nicegui.events import UploadEventArguments

from auth.guard import protected_page
from components.display import simple_table
from services.actor import Actor
from services.i18n import _
from services.imports import organisations
from services.imports.organisations import ImportReport
from services.permissions import Action, PermissionDenied
from settings import get_settings

COLUMNS = (
    'siret, denominationUniteLegale (ou name), enseigne1Etablissement, activitePrincipaleEtablissement (NAF), '
    'trancheEffectifsEtablissement, categorieJuridiqueUniteLegale, numeroVoieEtablissement, typeVoieEtablissement, '
    'libelleVoieEtablissement (ou address), codePostalEtablissement, libelleCommuneEtablissement, '
    'etatAdministratifEtablissement ; et, hors SIRENE : pays, identifiant_etranger, type, telephone, email, site_web'
)


def _summary(report: ImportReport) -> None:
    with ui.card().classes('w-full').mark('import-summary'):
        ui.label(_('Import terminé')).classes('text-lg font-semibold')
        ui.label(' ; '.join(f'{label} : {count}' for label, count in organisations.describe(report).items())).mark(
            'import-counts'
        )
        if not report.errors:
            ui.label(_('Aucune ligne refusée.'))
            return
        ui.label(_('{count} ligne(s) refusée(s) : corrigez-les dans le fichier et importez-le à nouveau.',
                   count=len(report.errors))).classes('text-negative')  # fmt: skip
        ui.button(
            _('Télécharger les lignes refusées (CSV)'),
            icon='download',
            on_click=lambda: ui.download.content(report.errors_csv(), 'lignes-refusees.csv', 'text/csv'),
        ).props('outline').mark('import-errors-download')
        simple_table(
            [('line', _('Ligne')), ('siret', _('SIRET')), ('reason', _('Motif'))],
            [{'line': e.line, 'siret': e.siret, 'reason': e.reason} for e in report.errors],
            marker='import-errors',
            pagination=20,
        )


@protected_page('/etablissements/import', title='Importer des établissements', needs_any=(Action.ORGANISATION_MANAGE,))
async def organisation_import_page(actor: Actor) -> None:
    limit = get_settings().upload_max_bytes
    with ui.card().classes('w-full gap-2'):
        ui.label(
            _(
                'Fichier CSV (séparateur ; , ou tabulation ; UTF-8 ou Windows-1252), avec une ligne d’en-tête. '
                'Colonnes lues :'
            )
        )
        ui.label(COLUMNS).classes('text-sm text-grey-8')
        ui.label(
            _('Un SIRET déjà connu met sa fiche à jour au lieu d’en créer une autre ; les colonnes absentes ne '
              'changent rien. Un établissement fermé (« F ») est fermé ici aussi.')
        ).classes('text-sm')  # fmt: skip
        upload = (
            ui.upload(label=_('Choisir le fichier CSV'), auto_upload=True, max_file_size=limit, max_files=1)
            .props('accept=.csv,.txt,text/csv')
            .classes('w-full')
            .mark('import-upload')
        )
    progress = ui.linear_progress(value=0, show_value=False).mark('import-progress')
    progress.visible = False
    status = ui.label('').props('aria-live=polite').mark('import-status')
    outcome = ui.column().classes('w-full')
    state = {'done': 0, 'total': 0, 'running': False}

    def report_progress(done: int, total: int) -> None:
        state['done'], state['total'] = done, total  # from the worker thread: the timer draws it

    def draw() -> None:
        if state['total']:
            progress.value = state['done'] / state['total']
            status.set_text(_('{done} / {total} lignes traitées…', done=state['done'], total=state['total']))

    timer = ui.timer(0.3, draw, active=False)

    async def work(text: str) -> None:
        try:
            report = await run.io_bound(organisations.import_organisations, actor, text, progress=report_progress)
        except (PermissionDenied, organisations.ImportRefused) as refused:
            status.set_text(str(refused))
            return
        finally:
            state['running'] = False
            timer.deactivate()
            progress.visible = False
        if report is None:  # the server is stopping
            return
        status.set_text(_('Import terminé.'))
        with outcome:
            _summary(report)

    async def received(event: UploadEventArguments) -> None:
        if state['running']:
            ui.notify(_('Un import est déjà en cours : attendez qu’il se termine.'), type='warning')
            return
        content = await event.file.read()
        upload.reset()
        if not content or len(content) > limit:
            status.set_text(_('Le fichier est vide ou dépasse la taille maximale.'))
            return
        state.update(done=0, total=0, running=True)
        outcome.clear()
        progress.value, progress.visible = 0, True
        status.set_text(_('Import en cours…'))
        timer.activate()
        background_tasks.create(work(organisations.decode(content)), name='organisation import')

    upload.on_upload(received)
