"""« Gérer les offres » (staff): the offers of their composantes, those waiting for moderation first."""

from nicegui import ui

from auth.guard import protected_page
from components.choice import Select
from components.display import empty_state, fr_date
from models import OfferStatus
from pages.background import in_thread
from services.actor import Actor
from services.i18n import _
from services.labels import OFFER_STATUS
from services.offer_queries import managed_offers
from services.permissions import Action


@protected_page('/offres/gestion', title='Gérer les offres', needs_any=(Action.OFFER_MANAGE,))
async def offer_management_page(actor: Actor, statut: str = '') -> None:
    status = next((s for s in OfferStatus if s.value == statut), None)
    with ui.row().classes('w-full items-center gap-2'):
        Select(
            {'': _('Tous les statuts'), **{s.value: OFFER_STATUS[s] for s in OfferStatus}},
            value=status.value if status else '',
            label=_('Statut'),
            on_change=lambda e: ui.navigate.to(f'/offres/gestion?statut={e.value}' if e.value else '/offres/gestion'),
        ).classes('w-56').mark('managed-status')
        ui.space()
        ui.button(_('Créer une offre'), icon='post_add', on_click=lambda: ui.navigate.to('/offres/nouvelle')).mark(
            'offers-new'
        )
    lines = await in_thread(managed_offers, actor, status=status)
    with ui.column().classes('w-full gap-1').mark('managed-offers'):
        if not lines:
            empty_state(_('Aucune offre de vos composantes avec ce statut.'))
        for line in lines:
            with ui.card().classes('w-full gap-0').mark(f'managed-offer managed-offer-{line.id}'):
                with ui.row().classes('items-center gap-2'):
                    ui.link(f'{line.number} — {line.title}', f'/offres/{line.id}').classes('font-medium')
                    ui.badge(line.status_label).props(
                        'color=orange' if line.status == OfferStatus.TO_MODERATE.value else 'outline'
                    )
                details = [line.organisation_name]
                if line.publish_until:
                    details.append(_('publiée jusqu’au {date}', date=fr_date(line.publish_until)))
                ui.label(' · '.join(details)).classes('text-grey-8')
