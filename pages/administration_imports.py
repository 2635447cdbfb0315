"""Administration → « Imports »: students and teachers from a CSV file, with a progress bar and the report of
the refused lines (downloadable). The same as `pstage import-students FILE` / `pstage import-teachers FILE`."""

from collections.abc import Callable

from nicegui import ui
from nicegui.events import UploadEventArguments

from auth.guard import protected_page
from components.background_task import BackgroundTask
from components.display import section_title, simple_table
from pages.administration import admin_path, back_link
from services.actor import Actor
from services.i18n import _
from services.imports import students, teachers
from services.imports.common import ImportReport, Progress, describe
from services.permissions import Action
from settings import get_settings

PATH = admin_path('imports')
Importer = Callable[[Actor, bytes, Progress | None], ImportReport]
KINDS: dict[str, tuple[str, str, Importer, str]] = {
    'students': (
        'Étudiants',
        'Colonnes : numéro étudiant*, nom*, prénom*, date de naissance*, e-mail institutionnel*, composante* (code), '
        'sexe, e-mail personnel, téléphone, adresse, code postal, commune, pays, formation et étape (codes), année '
        'universitaire ; libellé formation, diplôme, libellé étape et volume horaire pour créer une formation.',
        students.import_students,
        'numero_etudiant',
    ),
    'teachers': (
        'Enseignants',
        'Colonnes : nom*, prénom*, e-mail*, téléphone, discipline, composante (code ; vide : toutes), actif (oui/non).',
        teachers.import_teachers,
        'email',
    ),
}


def _import_card(actor: Actor, kind: str) -> None:
    title, columns, importer, key_header = KINDS[kind]
    limit = get_settings().upload_max_bytes
    with ui.card().classes('w-full').mark(f'import-{kind}'):
        section_title(_(title))
        ui.label(_(columns)).classes('text-sm text-grey-8')
        ui.label(
            _('Une ligne déjà connue (même clé) met sa fiche à jour ; relancer le même fichier ne change rien.')
        ).classes('text-sm')
        upload = ui.upload(label=_('Choisir le fichier CSV'), auto_upload=True, max_file_size=limit, max_files=1)
        upload.props('accept=.csv,.txt,text/csv').classes('w-full').mark(f'import-{kind}-upload')
        task = BackgroundTask(marker=f'import-{kind}-task')

        def show(report: ImportReport) -> None:
            task.status.text = describe(report)
            if not report.errors:
                return
            with ui.column().classes('w-full'):
                ui.button(
                    _('Télécharger les lignes refusées (CSV)'),
                    icon='download',
                    on_click=lambda: ui.download.content(
                        report.errors_csv(key_header), f'lignes-refusees-{kind}.csv', 'text/csv'
                    ),
                ).props('outline').mark(f'import-{kind}-errors-download')
                simple_table(
                    [('line', _('Ligne')), ('key', _('Clé')), ('reason', _('Motif'))],
                    [{'line': e.line, 'key': e.key, 'reason': e.reason} for e in report.errors],
                    marker=f'import-{kind}-errors',
                    pagination=20,
                )

        async def received(event: UploadEventArguments) -> None:
            content = await event.file.read()
            upload.reset()
            if not content or len(content) > limit:
                ui.notify(_('Le fichier est vide ou dépasse la taille maximale.'), type='warning')
                return
            task.start(lambda progress: importer(actor, content, progress), show, _('Import en cours…'))

        upload.on_upload(received)


@protected_page(PATH, title='Imports', needs_any=(Action.ADMINISTER,))
def imports_page(actor: Actor) -> None:
    back_link()
    ui.label(
        _(
            'Fichiers CSV avec une ligne d’en-tête (séparateur ; , ou tabulation ; UTF-8 ou Windows-1252). '
            'Les lignes correctes sont enregistrées, les autres sont listées avec leur motif. '
            'Les établissements d’accueil s’importent depuis « Etablissements d’accueil ».'
        )
    ).classes('text-grey-8')
    for kind in KINDS:
        _import_card(actor, kind)
