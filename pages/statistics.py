"""« Statistiques »: charts of the conventions, offers and evaluations of the scope, by academic year and
composante; each chart saves as an image (its toolbox) and gives its data as CSV."""

from urllib.parse import urlencode

from nicegui import ui

from auth.guard import protected_page
from components.choice import Select
from components.display import empty_state
from components.stat_chart import stat_chart
from pages.background import in_thread
from services import statistics, statistics_extra
from services.actor import Actor
from services.i18n import _
from services.permissions import Action
from services.statistics import Filters

PATH = '/statistiques'


@protected_page(PATH, title='Statistiques', needs_any=(Action.STATISTICS_VIEW,))
async def statistics_page(actor: Actor, annee: str = '', composante: int = 0) -> None:
    choices = await in_thread(statistics_extra.filter_choices, actor)
    filters = Filters(annee if annee in choices.academic_years else None, composante or None)
    with ui.row().classes('items-end gap-3 flex-wrap').mark('stats-filters'):
        year = Select({'': _('Toutes')} | {y: y for y in choices.academic_years}, label=_('Année universitaire'))
        year.classes('w-48').mark('stats-year').set_value(filters.academic_year or '')
        unit = Select({0: _('Toutes')} | choices.composantes, label=_('Composante'), value=composante or 0)
        unit.classes('w-72').mark('stats-composante')

        def apply() -> None:
            params = {'annee': year.value or '', 'composante': unit.value or ''}
            ui.navigate.to(f'{PATH}?{urlencode({k: v for k, v in params.items() if v})}')

        ui.button(_('Afficher'), icon='filter_alt', on_click=apply).mark('stats-apply')
    figures = await in_thread(statistics.convention_statistics, actor, filters)
    offers = await in_thread(statistics_extra.offers_by_status, actor, filters)
    averages = await in_thread(statistics_extra.evaluation_averages, actor, filters)
    ui.label(_('{count} convention(s) dans votre périmètre', count=figures.total)).mark('statistics-total')
    if not figures.total:
        empty_state(_('Aucune convention pour ces critères : les statistiques apparaîtront avec les premières.'))
    with ui.row().classes('w-full gap-4 items-start'):
        if figures.total:
            stat_chart('status', _('Par statut'), _('Statut'), figures.by_status, kind='pie')
            stat_chart('duration', _('Par durée effective'), _('Durée'), figures.by_duration)
            stat_chart(
                'formation', _('Par formation et étape'), _('Formation — étape'), figures.by_formation, wide=True
            )
            stat_chart('naf', _("Par secteur d'activité (section NAF)"), _('Section NAF'), figures.by_naf_section)
            stat_chart('gratification', _('Gratification mensuelle'), _('Montant par mois'), figures.by_gratification)
            stat_chart('departement', _('Par département du lieu de stage'), _('Département'), figures.by_departement)
            stat_chart('country', _('Par pays'), _('Pays'), figures.by_country)
        stat_chart('offers', _('Offres de stage par statut'), _('Statut'), offers, value='Offres')
        stat_chart(
            'evaluations',
            _('Évaluations : note moyenne par question (1 à 5)'),
            _('Question'),
            averages,
            value='Note moyenne',
            wide=True,
        )
