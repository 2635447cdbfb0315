"""« Ajouter un établissement »: the wizard's validated form on its own page (guide section III).

A student's creation is flagged « à vérifier » until staff confirm it; a taken SIRET is refused with a link
to the existing record; a similar name in the same commune asks « Vouliez-vous dire… ? ». The record page
opens once it is created (or chosen).
"""

from nicegui import ui

from auth.guard import protected_page
from components.organisation_form import organisation_dialog
from pages.background import in_thread
from pages.organisation_actions import lookup_for
from services import organisations
from services.actor import Actor
from services.i18n import _
from services.organisations import OrganisationInput, OrganisationView
from services.permissions import Action, can


@protected_page('/etablissements/nouveau', title='Ajouter un établissement', needs_any=(Action.ORGANISATION_CREATE,))
async def organisation_new_page(actor: Actor) -> None:
    choices = await in_thread(organisations.organisation_choices, actor)
    lookup = lookup_for(actor)
    with ui.card().classes('w-full').mark('organisation-new'):
        ui.label(
            _(
                "Avant d'ajouter un établissement, vérifiez avec « Rechercher un établissement d'accueil » "
                "qu'il n'existe pas déjà. Munissez-vous de son SIRET, code NAF/APE, effectif et statut juridique ; "
                "pour un établissement à l'étranger, le SIRET n'est pas demandé."
            )
        )
        if not can(actor, Action.ORGANISATION_MANAGE):
            ui.label(
                _('Votre fiche sera marquée « à vérifier » jusqu’à sa confirmation par le bureau des stages.')
            ).classes('text-sm text-grey-8')
        if lookup is None:
            ui.label(
                _('Les informations officielles (SIRET, NAF, effectif) sont sur annuaire-entreprises.data.gouv.fr.')
            ).classes('text-sm text-grey-8')
        ui.button(_('Créer un établissement'), icon='add_business', on_click=lambda: open_form()).mark(
            'organisation-new-open'
        )

    async def create(data: OrganisationInput, confirmed: bool) -> OrganisationView:
        return await in_thread(organisations.create_organisation, actor, data, confirmed=confirmed)

    async def open_form() -> None:
        chosen = await organisation_dialog(choices, create, title=_('Ajouter un établissement'), lookup=lookup)
        if chosen is not None:
            ui.navigate.to(f'/etablissements/{chosen}')

    ui.timer(0.1, open_form, once=True)  # not awaited here: the page must be sent before the dialog waits
