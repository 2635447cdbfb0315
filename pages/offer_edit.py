"""Staff write offers: « Créer une offre » (for a host chosen first) and « Modifier » an existing one."""

from nicegui import ui

from auth.guard import protected_page
from components.display import not_found
from components.fuzzy_search import FuzzySearch, SearchResult
from components.offer_form import OfferForm
from pages.background import in_thread
from services import host_units, offers, organisation_queries
from services.actor import Actor
from services.i18n import _
from services.offer_input import offer_choices
from services.offers import FormErrors, OfferMissing
from services.organisation_queries import OrganisationNotFound
from services.permissions import Action


async def _host_lists(actor: Actor, organisation_id: int) -> tuple[dict[int, str], dict[int, str]]:
    services = await in_thread(host_units.list_services, actor, organisation_id)
    contacts = await in_thread(host_units.list_contacts, actor, organisation_id)
    return (
        {s.id: s.name for s in services},
        {c.id: f'{c.first_name} {c.last_name} — {c.function}' for c in contacts},
    )


def _choose_host(actor: Actor) -> None:
    ui.label(_("Choisissez d'abord l'établissement d'accueil qui propose l'offre.")).classes('font-medium')

    async def find(text: str) -> list[SearchResult]:
        found = await in_thread(organisation_queries.search_organisations, actor, text)
        return [
            SearchResult(key=str(o.id), title=o.name, lines=(f'{o.siret} — {o.address}',), value=o.id)
            for o in found.items
        ]

    FuzzySearch(
        find,
        lambda result: ui.navigate.to(f'/offres/nouvelle?etablissement={result.value}'),
        label=_('Établissement (nom ou SIRET)'),
        marker='offer-host-search',
    )


@protected_page('/offres/nouvelle', title='Créer une offre', needs_any=(Action.OFFER_MANAGE,))
async def offer_new_page(actor: Actor, etablissement: int | None = None) -> None:
    if etablissement is None:
        _choose_host(actor)
        return
    try:
        host = await in_thread(organisation_queries.get_organisation, actor, etablissement)
    except OrganisationNotFound as missing:
        not_found(str(missing), back_label=_('Choisir un autre établissement'), back_path='/offres/nouvelle')
        return
    choices = await in_thread(offer_choices, actor)
    services, contacts = await _host_lists(actor, etablissement)
    ui.label(_('Offre de « {name} »', name=host.summary.name)).classes('text-lg font-semibold').mark('offer-host')
    form = OfferForm(choices, services, contacts)  # place left empty: the host's commune is taken

    async def save(publish: bool) -> None:
        data = form.values()
        data.organisation_id = etablissement
        try:
            offer_id = await in_thread(offers.create_offer, actor, data, publish=publish)
        except FormErrors as refused:
            form.show_errors(refused.errors)
            return
        ui.notify(_('Offre publiée.') if publish else _('Offre enregistrée en brouillon.'), type='positive')
        ui.navigate.to(f'/offres/{offer_id}')

    with ui.row().classes('w-full justify-end gap-2'):
        ui.button(_('Enregistrer le brouillon'), on_click=lambda: save(False)).props('outline').mark('offer-save')
        ui.button(_('Publier'), icon='publish', on_click=lambda: save(True)).mark('offer-save-publish')


@protected_page('/offres/{offer_id:int}/modifier', title="Modifier l'offre", needs_any=(Action.OFFER_MANAGE,))
async def offer_edit_page(actor: Actor, offer_id: int) -> None:
    try:
        values = await in_thread(offers.edit_values, actor, offer_id)
    except OfferMissing as missing:
        not_found(str(missing), back_label=_('Retour aux offres'), back_path='/offres/gestion')
        return
    choices = await in_thread(offer_choices, actor)
    services, contacts = await _host_lists(actor, values.organisation_id or 0)
    form = OfferForm(choices, services, contacts, values)

    async def save() -> None:
        try:
            await in_thread(offers.update_offer, actor, offer_id, form.values())
        except FormErrors as refused:
            form.show_errors(refused.errors)
            return
        ui.notify(_('Offre enregistrée.'), type='positive')
        ui.navigate.to(f'/offres/{offer_id}')

    with ui.row().classes('w-full justify-end gap-2'):
        ui.button(_('Annuler'), on_click=lambda: ui.navigate.to(f'/offres/{offer_id}')).props('flat')
        ui.button(_('Enregistrer'), icon='save', on_click=save).mark('offer-save')
