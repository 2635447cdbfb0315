"""An offer's page: everything a student needs to apply, « Utiliser pour ma convention », and the staff's actions."""

from nicegui import ui

from auth.guard import protected_page
from components.display import field_grid, fr_date, not_found, section_title
from pages.background import in_thread
from services import offer_queries, offers
from services.actor import Actor
from services.i18n import _
from services.offer_queries import OfferDetail, OfferNotFound
from services.offers import TRANSITIONS, FormErrors
from services.permissions import Action, can


def _gratification(offer: OfferDetail) -> str:
    if offer.gratification_amount_cents is not None:
        amount = f'{offer.gratification_amount_cents / 100:.2f}'.replace('.', ',')
        return _('{amount} € par mois', amount=amount)
    return _('oui') if offer.summary.gratified else _('non')


def _staff_actions(actor: Actor, offer: OfferDetail) -> None:
    offer_id = offer.summary.id

    async def apply(action: str) -> None:
        try:
            await in_thread(offers.set_status, actor, offer_id, action)
        except FormErrors as refused:
            ui.notify(' '.join(refused.errors.values()), type='negative', multi_line=True)
            return
        ui.navigate.to(f'/offres/{offer_id}')

    async def duplicate() -> None:
        copy = await in_thread(offers.duplicate_offer, actor, offer_id)
        ui.notify(_('Copie créée en brouillon : complétez sa période de publication.'), type='positive')
        ui.navigate.to(f'/offres/{copy}/modifier')

    with ui.row().classes('w-full gap-2 items-center').mark('offer-actions'):
        ui.badge(_(offer.status)).props('color=primary').mark('offer-status-label')
        ui.button(_('Modifier'), icon='edit', on_click=lambda: ui.navigate.to(f'/offres/{offer_id}/modifier')).props(
            'outline'
        ).mark('offer-edit')
        ui.button(_('Dupliquer'), icon='content_copy', on_click=duplicate).props('outline').mark('offer-duplicate')
        for action, transition in TRANSITIONS.items():
            if offer.status_value in {status.value for status in transition.sources}:
                ui.button(_(transition.label), on_click=lambda chosen=action: apply(chosen)).mark(f'offer-{action}')


@protected_page('/offres/{offer_id:int}', title='Offre de stage', needs_any=(Action.OFFER_READ,))
async def offer_page(actor: Actor, offer_id: int) -> None:
    try:
        offer = await in_thread(offer_queries.get_offer, actor, offer_id)
    except OfferNotFound as missing:
        not_found(str(missing), back_label=_('Retour à la recherche d’offres'), back_path='/offres')
        return
    summary = offer.summary
    if offer.can_manage:
        _staff_actions(actor, offer)
    with ui.card().classes('w-full').mark('offer-detail'):
        with ui.row().classes('items-center gap-2 w-full'):
            section_title(summary.title)
            if not offer.published_now:
                ui.badge(_(offer.status)).props('color=grey').mark('offer-status')
            ui.space()
            if offer.published_now and can(actor, Action.CONVENTION_CREATE):
                ui.link(_('Utiliser pour ma convention'), f'/conventions/nouvelle?offre={summary.id}').classes(
                    'bg-primary text-white px-4 py-2 rounded no-underline font-medium'
                ).mark('offer-use')
        ui.link(summary.organisation_name, f'/etablissements/{summary.organisation_id}').mark('offer-organisation')
        field_grid(
            [
                (_("N° d'offre"), summary.number),
                (_('Lieu'), summary.place),
                (_('Service'), offer.service_name),
                (_('Domaine'), offer.thematique),
                (_("Niveau d'études"), offer.study_level),
                (_('Début'), fr_date(summary.start_date) if summary.start_date else None),
                (_('Durée'), _('{weeks} semaines', weeks=summary.duration_weeks) if summary.duration_weeks else None),
                (_('Télétravail possible'), _('oui') if summary.remote_possible else _('non')),
                (_('Gratification'), _gratification(offer)),
                (_("Publiée jusqu'au"), fr_date(summary.publish_until) if summary.publish_until else None),
            ]
        )
    for title, text in (
        (_('Description'), offer.description),
        (_('Missions'), offer.missions),
        (_('Profil recherché'), offer.profile),
        (_('Pour candidater'), offer.how_to_apply),
        (_('Contact'), offer.contact),
    ):
        if text:
            section_title(title)
            ui.label(text).classes('whitespace-pre-line')
