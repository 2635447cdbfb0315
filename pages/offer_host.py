"""A host contact proposes an offer through the signed link staff sent (no account): it arrives « à modérer »."""

from nicegui import ui

from auth.guard import public_page
from components.offer_form import OfferForm
from pages.background import in_thread
from services import offer_invitations
from services.i18n import _
from services.offer_input import offer_choices
from services.offer_invitations import InvalidLink
from services.offers import FormErrors


@public_page('/offres/proposer/{token}', title='Proposer une offre de stage')
async def host_offer_page(token: str) -> None:
    with ui.column().classes('w-full max-w-4xl mx-auto p-4 gap-3'):
        try:
            context = await in_thread(offer_invitations.host_context, token)
        except InvalidLink as invalid:
            with ui.card().classes('w-full').mark('invalid-link'):
                ui.label(str(invalid)).classes('text-lg font-semibold')
            return
        ui.label(_('Proposer une offre de stage — {name}', name=context.organisation_name)).classes(
            'text-xl font-semibold'
        ).props('role=heading aria-level=1').mark('host-offer-title')
        ui.label(
            _('Votre offre sera relue par le bureau des stages avant sa publication. Ce lien reste valable '
              'jusqu’au {date} et sert pour plusieurs offres.', date=context.expires_at.strftime('%d/%m/%Y'))
        )  # fmt: skip
        choices = await in_thread(offer_choices, None)
        body = ui.column().classes('w-full')
        with body:
            form = OfferForm(choices, context.services, context.contacts, publication=False)

        async def send() -> None:
            try:
                number = await in_thread(offer_invitations.submit_host_offer, token, form.values())
            except FormErrors as refused:
                form.show_errors(refused.errors)
                return
            except InvalidLink as invalid:
                ui.notify(str(invalid), type='negative')
                return
            body.clear()
            with body, ui.card().classes('w-full').mark('host-offer-sent'):
                ui.label(_('Merci : votre offre n° {number} est transmise au bureau des stages.', number=number))
                ui.link(_('Proposer une autre offre'), f'/offres/proposer/{token}')

        with body, ui.row().classes('w-full justify-end'):
            ui.button(_('Envoyer pour validation'), icon='send', on_click=send).mark('host-offer-send')
