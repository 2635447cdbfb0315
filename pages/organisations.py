"""« Rechercher un établissement d'accueil » (guide section III): one box with live fuzzy matching, and filters.

The box takes a name (or part of it), a raison sociale or SIRET/SIREN digits; the filters are département,
commune or address, activité (NAF code or words of its label), pays, type and statut juridique. Results
appear as you type (each keystroke cancels the search still pending), with their count and pages.
"""

from typing import Any

from nicegui import ui
from nicegui.elements.mixins.value_element import ValueElement

from auth.guard import protected_page
from components.choice import Select
from components.debounce import DEBOUNCE, Debouncer
from components.display import empty_state
from components.result_cards import organisation_card
from pages import organisation_import, organisation_new, organisation_record  # noqa: F401 - their pages
from pages.background import in_thread
from services import organisation_queries
from services.actor import Actor
from services.i18n import _
from services.organisation_input import organisation_choices
from services.organisation_queries import OrganisationFilters
from services.permissions import Action, can


def _coded(entries: dict[str, str]) -> dict[str, str]:
    return {code: f'{code} — {label}' for code, label in entries.items()}


@protected_page('/etablissements', title="Rechercher un établissement d'accueil", needs_any=(Action.ORGANISATION_READ,))
async def organisation_search_page(
    actor: Actor,
    q: str = '',
    departement: str = '',
    commune: str = '',
    activite: str = '',
    pays: str = '',
    type: str = '',  # the query parameter's French name: « type »
    statut: str = '',
    page: int = 1,
) -> None:
    choices = await in_thread(organisation_choices, actor)
    staff = can(actor, Action.ORGANISATION_MANAGE)
    with ui.row().classes('w-full items-center gap-2'):
        ui.label(
            _('Retrouvez un établissement par son nom, sa raison sociale, son SIRET, son activité ou son adresse.')
        )
        ui.space()
        ui.button(
            _('Ajouter un établissement'),
            icon='add_business',
            on_click=lambda: ui.navigate.to('/etablissements/nouveau'),
        ).props('outline').mark('organisation-add')
        if staff:
            ui.button(
                _('Importer (CSV)'), icon='upload_file', on_click=lambda: ui.navigate.to('/etablissements/import')
            ).props('flat').mark('organisation-import')

    def pick(options: dict[str, str], value: str) -> str | None:
        return value if value in options else None

    with ui.card().classes('w-full gap-2'):
        with ui.row().classes('items-end gap-3 w-full no-wrap max-sm:flex-wrap'):
            text = (
                ui.input(_('Nom (ou une partie), raison sociale, SIRET ou SIREN'), value=q)
                .classes('grow min-w-64')
                .props('clearable autofocus autocomplete=off')
                .mark('organisation-query')
            )
            search_button = ui.button(_('Rechercher'), icon='search').mark('organisation-search')
        with ui.grid(columns=3).classes('w-full gap-x-3 gap-y-1 max-md:grid-cols-1'):
            departement_select = Select(
                choices.departements, value=pick(choices.departements, departement), label=_('Département'),
                with_input=True, clearable=True,
            ).mark('organisation-departement')  # fmt: skip
            place = (
                ui.input(_('Commune, code postal ou adresse'), value=commune)
                .props('clearable')
                .mark('organisation-place')
            )
            activity = (
                ui.input(_('Activité (code NAF ou mots de son libellé)'), value=activite)
                .props('clearable')
                .mark('organisation-activity')
            )
            country = Select(
                choices.countries, value=pick(choices.countries, pays), label=_('Pays'), with_input=True, clearable=True
            ).mark('organisation-country')
            kind = Select(choices.kinds, value=pick(choices.kinds, type), label=_('Type'), clearable=True).mark(
                'organisation-kind'
            )
            legal = Select(
                _coded(choices.legal_categories), value=pick(choices.legal_categories, statut),
                label=_('Statut juridique'), with_input=True, clearable=True,
            ).mark('organisation-legal')  # fmt: skip
        review = ui.checkbox(_('Seulement les fiches « à vérifier »')).mark('organisation-review') if staff else None
    results = ui.column().classes('w-full gap-2').props('aria-live=polite').mark('organisation-results')

    def filters() -> OrganisationFilters:
        return OrganisationFilters(
            departement=departement_select.value or None,
            place=str(place.value or ''),
            activity=str(activity.value or ''),
            country=country.value or None,
            kind=kind.value or None,
            legal_category=legal.value or None,
            needs_review=True if review is not None and review.value else None,
        )

    async def show(page_number: int = 1) -> None:
        found = await in_thread(
            organisation_queries.search_organisations,
            actor,
            str(text.value or ''),
            None,
            page_number,
            filters=filters(),
        )
        results.clear()
        with results:
            count = _('{count} établissement(s) trouvé(s)', count=found.total)
            if found.capped:
                count = _('Plus de {count} établissements trouvés : précisez la recherche.', count=found.total)
            ui.label(count).classes('font-medium').mark('result-count')
            if not found.items:
                empty_state(
                    _(
                        'Aucun établissement ne correspond. Essayez une partie du nom, retirez un filtre, '
                        'ou saisissez les 9 premiers chiffres du SIRET (le SIREN).'
                    )
                )
            for organisation in found.items:
                organisation_card(organisation)
            if found.page_count > 1:
                ui.pagination(
                    1, found.page_count, direction_links=True, value=found.number, on_change=lambda e: run(e.value, 0)
                ).mark('pager')

    latest = Debouncer('organisation search')

    def run(page_number: int = 1, delay: float = DEBOUNCE) -> None:
        """Search after `delay` of quiet typing; the last keystroke wins."""
        latest.schedule(lambda: show(page_number), delay)

    typed: list[ValueElement[Any]] = [text, place, activity]
    chosen: list[ValueElement[Any]] = [departement_select, country, kind, legal, *([review] if review else [])]
    for field in typed:
        field.on_value_change(lambda: run())
    for field in chosen:
        field.on_value_change(lambda: run(1, 0))
    search_button.on_click(lambda: run(1, 0))
    text.on('keydown.enter', lambda: run(1, 0))
    await show(page)
