"""« Statistiques »: conventions of the scope counted by status, formation, NAF section and country."""

from nicegui import ui

from auth.guard import protected_page
from components.display import empty_state, section_title, simple_table
from pages.background import in_thread
from services import statistics
from services.actor import Actor
from services.i18n import _
from services.permissions import Action
from services.statistics import CountRow


def _count_table(title: str, header: str, rows: list[CountRow], marker: str) -> None:
    with ui.card().classes('w-full md:w-[48%]'):
        section_title(title)
        simple_table(
            [('label', header), ('count', _('Conventions'))],
            [{'label': _(row.label), 'count': row.count} for row in rows],
            marker=marker,
        )


@protected_page('/statistiques', title='Statistiques', needs_any=(Action.STATISTICS_VIEW,))
async def statistics_page(actor: Actor) -> None:
    figures = await in_thread(statistics.convention_statistics, actor)
    ui.label(_('{count} convention(s) dans votre périmètre', count=figures.total)).mark('statistics-total')
    if not figures.total:
        empty_state(_('Aucune convention dans votre périmètre : les statistiques apparaîtront avec les premières.'))
        return
    with ui.row().classes('w-full gap-4 items-start'):
        _count_table(_('Par statut'), _('Statut'), figures.by_status, 'stats-status')
        _count_table(_('Par formation'), _('Formation — étape'), figures.by_formation, 'stats-formation')
        _count_table(_("Par secteur d'activité (section NAF)"), _('Section NAF'), figures.by_naf_section, 'stats-naf')
        _count_table(_('Par pays'), _('Pays'), figures.by_country, 'stats-country')
