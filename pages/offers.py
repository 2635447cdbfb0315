"""« Rechercher une offre » (guide section IV) and an offer's page."""

from nicegui import ui

from auth.guard import protected_page
from components.display import empty_state, field_grid, fr_date, not_found, section_title
from components.result_cards import offer_card
from pages.background import in_thread
from services import offer_queries
from services.actor import Actor
from services.i18n import _
from services.offer_queries import OfferNotFound
from services.permissions import Action


@protected_page('/offres', title='Rechercher une offre', needs_any=(Action.OFFER_READ,))
async def offer_search_page(actor: Actor, q: str = '') -> None:
    with ui.card().classes('w-full'), ui.row().classes('items-end gap-3 w-full'):
        text = (
            ui.input(_('Mots-clés (intitulé, description, établissement)'), value=q)
            .classes('grow min-w-64')
            .props('clearable autofocus')
            .mark('offer-query')
        )
        search_button = ui.button(_('Rechercher'), icon='search').mark('offer-search')
    results = ui.column().classes('w-full gap-2').mark('offer-results')

    async def show(page_number: int = 1) -> None:
        found = await in_thread(lambda: offer_queries.search_offers(actor, text.value or '', page=page_number))
        results.clear()
        with results:
            ui.label(_('{count} offre(s) publiée(s) trouvée(s)', count=found.total)).mark('result-count')
            if not found.items:
                empty_state(
                    _(
                        'Aucune offre publiée ne correspond. Essayez moins de mots-clés ; vous pouvez aussi '
                        "chercher les offres d'une entreprise depuis « Etablissements d'accueil »."
                    )
                )
            for offer in found.items:
                offer_card(offer)
            if found.page_count > 1:
                ui.pagination(
                    1, found.page_count, direction_links=True, value=found.number, on_change=lambda e: show(e.value)
                ).mark('pager')

    search_button.on_click(lambda: show(1))
    text.on('keydown.enter', lambda: show(1))
    await show(1)


@protected_page('/offres/{offer_id:int}', title='Offre de stage', needs_any=(Action.OFFER_READ,))
async def offer_page(actor: Actor, offer_id: int) -> None:
    try:
        offer = await in_thread(offer_queries.get_offer, actor, offer_id)
    except OfferNotFound as missing:
        not_found(str(missing), back_label=_('Retour à la recherche d’offres'), back_path='/offres')
        return
    summary = offer.summary
    with ui.card().classes('w-full').mark('offer-detail'):
        with ui.row().classes('items-center gap-2'):
            section_title(summary.title)
            if not offer.published_now:
                ui.badge(_(offer.status)).props('color=grey').mark('offer-status')
        ui.link(summary.organisation_name, f'/etablissements/{summary.organisation_id}').mark('offer-organisation')
        gratification = _('non')
        if offer.gratification_amount_cents is not None:
            amount = f'{offer.gratification_amount_cents / 100:.2f}'.replace('.', ',')
            gratification = _('{amount} €', amount=amount)
        elif summary.gratified:
            gratification = _('oui')
        field_grid(
            [
                (_("N° d'offre"), summary.number),
                (_('Lieu'), summary.place),
                (_('Service'), offer.service_name),
                (_('Thématique'), offer.thematique),
                (_("Niveau d'études"), offer.study_level),
                (_('Début'), fr_date(summary.start_date) if summary.start_date else None),
                (_('Durée'), _('{weeks} semaines', weeks=summary.duration_weeks) if summary.duration_weeks else None),
                (_('Télétravail possible'), _('oui') if summary.remote_possible else _('non')),
                (_('Gratification'), gratification),
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
