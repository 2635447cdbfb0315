"""« Suivi des évaluations »: each ended stage of one's composantes, who answered; invitations and reminders in
bulk; the answers of a form exported (Excel/CSV) from « Exports »."""

from urllib.parse import urlencode

from nicegui import ui

from auth.guard import protected_page
from components.choice import Select
from components.display import empty_state, fr_date
from models import Respondent
from pages.background import in_thread
from services import evaluation_followup, evaluation_invitations
from services.actor import Actor
from services.evaluation_forms import manageable_composantes
from services.i18n import _
from services.labels import RESPONDENT
from services.permissions import Action

FOLLOWUP_PATH = '/evaluations/suivi'


@protected_page(FOLLOWUP_PATH, title='Suivi des évaluations', needs_any=(Action.EVALUATION_MANAGE,))
async def evaluation_followup_page(
    actor: Actor, composante: int | None = None, annee: str = '', incomplets: int = 0
) -> None:
    composantes = await in_thread(manageable_composantes, actor)
    with ui.row().classes('items-end gap-3 flex-wrap').mark('followup-filters'):
        choose = Select({0: _('Toutes')} | composantes, label=_('Composante'), value=composante or 0).classes('w-64')
        choose.mark('followup-composante')
        year = ui.input(_('Année universitaire'), value=annee, placeholder='2026-2027').classes('w-40')
        year.mark('followup-year')
        missing = ui.checkbox(_('Seulement les stages où il manque des réponses'), value=bool(incomplets))
        missing.mark('followup-incomplete')

        def apply() -> None:
            params = {
                'composante': choose.value or '',
                'annee': (year.value or '').strip(),
                'incomplets': int(missing.value),
            }
            ui.navigate.to(f'{FOLLOWUP_PATH}?{urlencode({k: v for k, v in params.items() if v})}')

        ui.button(_('Afficher'), icon='filter_alt', on_click=apply).mark('followup-apply')
        ui.link(_('Exporter les réponses'), '/exports?jeu=evaluation').mark('followup-export')
    result = await in_thread(
        lambda: evaluation_followup.followup(
            actor,
            composante_id=composante or None,
            academic_year=annee.strip() or None,
            incomplete_only=bool(incomplets),
        )
    )
    shown = len(result.lines)
    count = _('{n} stage(s) terminé(s)', n=result.total)
    if result.total > shown:
        count += ' ' + _('(les {n} plus récents sont affichés)', n=shown)
    ui.label(count).mark('followup-count')
    if not result.lines:
        empty_state(_('Aucun stage terminé ne correspond : changez les filtres ci-dessus.'))
        return
    headers = [
        ('number', _('N° convention')),
        ('student', _('Étudiant')),
        ('host', _("Établissement d'accueil")),
        ('end', _('Fin du stage')),
    ] + [(r.value, _(RESPONDENT[r])) for r in Respondent]
    columns = [{'name': key, 'label': label, 'field': key, 'align': 'left', 'sortable': True} for key, label in headers]
    rows = [
        {
            'id': line.convention_id,
            'number': line.number,
            'student': line.student_name,
            'host': line.organisation_name,
            'end': fr_date(line.end_date),
            **{r.value: line.states[r].label for r in Respondent},
        }
        for line in result.lines
    ]
    table = ui.table(columns=columns, rows=rows, row_key='id', selection='multiple', pagination=25)
    table.classes('w-full').mark('followup-table')
    with ui.card().classes('w-full').mark('followup-reminders'):
        ui.label(_('Inviter ou relancer les conventions cochées')).classes('font-semibold')
        ui.label(
            _(
                'Le premier e-mail est une invitation, les suivants des relances. Le tuteur reçoit un nouveau lien '
                'valable 60 jours (le précédent ne sert plus) ; rien n’est envoyé pour un questionnaire déjà rempli.'
            )
        ).classes('text-sm text-grey-8')
        targets = {
            r: ui.checkbox(_(RESPONDENT[r]), value=r is Respondent.TUTOR).mark(f'remind-{r.value}') for r in Respondent
        }
        report = ui.column().classes('gap-0').mark('reminder-report')

        async def send() -> None:
            ids = [row['id'] for row in table.selected]
            chosen = {r for r, box in targets.items() if box.value}
            if not ids or not chosen:
                ui.notify(_('Cochez au moins une convention et un répondant.'), type='warning')
                return
            done = await in_thread(evaluation_invitations.send_invitations, actor, ids, chosen)
            report.clear()
            with report:
                ui.label(_('{n} e-mail(s) mis en file d’envoi.', n=done.sent)).mark('reminder-sent')
                for reason in done.skipped[:50]:
                    ui.label(reason).classes('text-sm text-grey-8')
            ui.notify(_('{n} e-mail(s) mis en file d’envoi.', n=done.sent), type='positive')

        with ui.row().classes('gap-2'):
            ui.button(_('Tout cocher'), on_click=lambda: setattr(table, 'selected', list(table.rows))).props(
                'flat'
            ).mark('select-all')
            ui.button(_('Envoyer'), icon='send', on_click=send).mark('reminder-send')
