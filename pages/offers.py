"""« Rechercher une offre » (guide section IV) and an offer's page with « Utiliser pour ma convention ».

Keywords are matched as you type (typos tolerated, over title, description and host); the criteria are
domain, place (commune, département, pays), start date, duration, remote, gratification and level.
"""

from typing import Any

from nicegui import ui
from nicegui.elements.mixins.value_element import ValueElement

from auth.guard import protected_page
from components.choice import Select
from components.date_field import fr_date_input, read_fr_date
from components.debounce import DEBOUNCE, Debouncer
from components.display import empty_state
from components.result_cards import offer_card
from pages import offer_edit, offer_host, offer_page, offer_staff  # noqa: F401 - their pages
from pages.background import in_thread
from services import offer_queries
from services.actor import Actor
from services.i18n import _
from services.offer_input import offer_choices
from services.offer_queries import OfferFilters
from services.permissions import Action, can


def _weeks(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and value > 0 else None


@protected_page('/offres', title='Rechercher une offre', needs_any=(Action.OFFER_READ,))
async def offer_search_page(actor: Actor, q: str = '', departement: str = '') -> None:
    choices = await in_thread(offer_choices, actor)
    if can(actor, Action.OFFER_MANAGE):
        with ui.row().classes('w-full gap-2 justify-end'):
            ui.button(
                _('Gérer les offres'), icon='fact_check', on_click=lambda: ui.navigate.to('/offres/gestion')
            ).props('outline').mark('offers-manage')
            ui.button(_('Créer une offre'), icon='post_add', on_click=lambda: ui.navigate.to('/offres/nouvelle')).mark(
                'offers-new'
            )
    with ui.card().classes('w-full gap-2'):
        with ui.row().classes('items-end gap-3 w-full no-wrap max-sm:flex-wrap'):
            text = (
                ui.input(_('Mots-clés (intitulé, description, établissement)'), value=q)
                .classes('grow min-w-64')
                .props('clearable autofocus autocomplete=off')
                .mark('offer-query')
            )
            search_button = ui.button(_('Rechercher'), icon='search').mark('offer-search')
        with ui.grid(columns=3).classes('w-full gap-x-3 gap-y-1 max-md:grid-cols-1'):
            domain = Select(choices.thematiques, label=_('Domaine'), clearable=True).mark('offer-domain')
            place = ui.input(_('Commune')).props('clearable').mark('offer-place')
            departement_select = Select(
                choices.departements, value=departement if departement in choices.departements else None,
                label=_('Département'), with_input=True, clearable=True,
            ).mark('offer-departement')  # fmt: skip
            country = Select(choices.countries, label=_('Pays'), with_input=True, clearable=True).mark('offer-country')
            level = Select(choices.study_levels, label=_("Niveau d'études"), clearable=True).mark('offer-level')
            start_from = fr_date_input(_('Début à partir du')).mark('offer-start-from')
            min_weeks = ui.number(_('Durée minimale (semaines)'), min=1, max=52, precision=0).mark('offer-min-weeks')
            max_weeks = ui.number(_('Durée maximale (semaines)'), min=1, max=52, precision=0).mark('offer-max-weeks')
            with ui.row().classes('items-center gap-4'):
                remote = ui.checkbox(_('Télétravail possible')).mark('offer-remote')
                gratified = ui.checkbox(_('Gratifiée')).mark('offer-gratified')
    results = ui.column().classes('w-full gap-2').props('aria-live=polite').mark('offer-results')

    def filters() -> OfferFilters:
        start = read_fr_date(start_from.value)
        return OfferFilters(
            thematique=domain.value or None,
            place=str(place.value or ''),
            departement=departement_select.value or None,
            country=country.value or None,
            start_from=start if not isinstance(start, str) else None,
            min_weeks=_weeks(min_weeks.value),
            max_weeks=_weeks(max_weeks.value),
            remote=True if remote.value else None,
            gratified=True if gratified.value else None,
            study_level=level.value or None,
        )

    async def show(page_number: int = 1) -> None:
        found = await in_thread(
            offer_queries.search_offers, actor, str(text.value or ''), page=page_number, filters=filters()
        )
        results.clear()
        with results:
            ui.label(_('{count} offre(s) publiée(s) trouvée(s)', count=found.total)).classes('font-medium').mark(
                'result-count'
            )
            if not found.items:
                empty_state(
                    _(
                        'Aucune offre publiée ne correspond. Essayez moins de mots-clés ou de critères ; vous pouvez '
                        "aussi chercher les offres d'une entreprise depuis « Etablissements d'accueil »."
                    )
                )
            for offer in found.items:
                offer_card(offer)
            if found.page_count > 1:
                ui.pagination(
                    1, found.page_count, direction_links=True, value=found.number, on_change=lambda e: run(e.value, 0)
                ).mark('pager')

    latest = Debouncer('offer search')

    def run(page_number: int = 1, delay: float = DEBOUNCE) -> None:
        """Search after `delay` of quiet typing; the last keystroke wins."""
        latest.schedule(lambda: show(page_number), delay)

    typed: list[ValueElement[Any]] = [text, place, min_weeks, max_weeks, start_from]
    chosen: list[ValueElement[Any]] = [domain, departement_select, country, level, remote, gratified]
    for field in typed:
        field.on_value_change(lambda: run())
    for field in chosen:
        field.on_value_change(lambda: run(1, 0))
    search_button.on_click(lambda: run(1, 0))
    text.on('keydown.enter', lambda: run(1, 0))
    await show(1)
