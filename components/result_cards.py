"""One search result per card: an établissement d'accueil or an offer, each linking to its page."""

from nicegui import ui

from components.display import fr_date
from services.i18n import _
from services.offer_queries import OfferSummary
from services.organisation_queries import OrganisationSummary


def organisation_card(organisation: OrganisationSummary) -> None:
    with ui.card().classes('w-full gap-1').mark(f'organisation-result organisation-{organisation.id}'):
        with ui.row().classes('items-center gap-2'):
            ui.link(organisation.name, f'/etablissements/{organisation.id}').classes('text-lg font-semibold')
            if organisation.needs_review:
                ui.badge(_('à vérifier')).props('color=orange')
            if organisation.closed:
                ui.badge(_('fermé')).props('color=grey')
        if organisation.siret:
            ui.label(_('SIRET : {siret}', siret=organisation.siret))
        ui.label(organisation.address).classes('text-grey-8')
        if organisation.naf_code:
            ui.label(f'{organisation.naf_code} — {organisation.naf_label or ""}'.rstrip(' —')).classes('text-grey-8')


def offer_card(offer: OfferSummary, *, show_organisation: bool = True) -> None:
    with ui.card().classes('w-full gap-1').mark(f'offer-result offer-{offer.id}'):
        ui.link(offer.title, f'/offres/{offer.id}').classes('text-lg font-semibold')
        details = [_('Offre n° {number}', number=offer.number)]
        if show_organisation:
            details.append(offer.organisation_name)
        details.append(offer.place)
        ui.label(' · '.join(details)).classes('text-grey-8')
        facts = []
        if offer.start_date:
            facts.append(_('début le {date}', date=fr_date(offer.start_date)))
        if offer.duration_weeks:
            facts.append(_('{weeks} semaines', weeks=offer.duration_weeks))
        if offer.remote_possible:
            facts.append(_('télétravail possible'))
        facts.append(_('gratifiée') if offer.gratified else _('non gratifiée'))
        ui.label(', '.join(facts))
