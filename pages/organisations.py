"""« Rechercher un établissement d'accueil » (guide section III) and an établissement's record page."""

from nicegui import ui

from auth.guard import protected_page
from components.convention_table import convention_table
from components.display import empty_state, field_grid, not_found, section_title, simple_table
from components.result_cards import offer_card, organisation_card
from pages.background import in_thread
from services import organisation_queries
from services.actor import Actor
from services.i18n import _
from services.organisation_queries import OrganisationNotFound, OrganisationRecord
from services.permissions import Action


@protected_page('/etablissements', title="Rechercher un établissement d'accueil", needs_any=(Action.ORGANISATION_READ,))
async def organisation_search_page(actor: Actor, q: str = '', departement: str = '', page: int = 1) -> None:
    options = await in_thread(organisation_queries.departement_options, actor)
    with ui.card().classes('w-full'), ui.row().classes('items-end gap-3 flex-wrap w-full'):
        text = (
            ui.input(_('Nom (ou une partie), raison sociale, SIRET ou SIREN'), value=q)
            .classes('grow min-w-64')
            .props('clearable autofocus')
            .mark('organisation-query')
        )
        departement_select = (
            ui.select(
                options, value=departement if departement in options else None, label=_('Département'), with_input=True
            )
            .props('clearable')
            .classes('w-64')
            .mark('organisation-departement')
        )
        search_button = ui.button(_('Rechercher'), icon='search').mark('organisation-search')
    results = ui.column().classes('w-full gap-2').mark('organisation-results')

    async def show(page_number: int = 1) -> None:
        found = await in_thread(
            organisation_queries.search_organisations,
            actor,
            text.value or '',
            departement_select.value or None,
            page_number,
        )
        results.clear()
        with results:
            ui.label(_('{count} établissement(s) trouvé(s)', count=found.total)).mark('result-count')
            if not found.items:
                empty_state(
                    _(
                        'Aucun établissement ne correspond. Essayez une partie du nom, retirez le département, '
                        'ou saisissez les 9 premiers chiffres du SIRET (le SIREN).'
                    )
                )
            for organisation in found.items:
                organisation_card(organisation)
            if found.page_count > 1:
                ui.pagination(
                    1, found.page_count, direction_links=True, value=found.number, on_change=lambda e: show(e.value)
                ).mark('pager')

    search_button.on_click(lambda: show(1))
    text.on('keydown.enter', lambda: show(1))
    await show(page)


def _identity(record: OrganisationRecord) -> None:
    summary = record.summary
    with ui.card().classes('w-full').mark('organisation-identity'):
        with ui.row().classes('items-center gap-2'):
            section_title(summary.name)
            if summary.needs_review:
                ui.badge(_('à vérifier')).props('color=orange')
            if summary.closed:
                ui.badge(_('fermé')).props('color=grey')
        field_grid(
            [
                (_('Enseigne'), record.trade_name),
                (_('SIRET'), summary.siret),
                (_('Code NAF/APE'), f'{summary.naf_code} — {summary.naf_label or ""}' if summary.naf_code else None),
                (_('Type'), _(record.kind)),
                (_('Statut juridique'), record.legal_category),
                (_('Effectif'), record.headcount),
                (_('Adresse'), summary.address),
                (_('Téléphone'), record.phone),
                (_('E-mail'), record.email),
                (_('Site web'), record.website),
            ]
        )


@protected_page(
    '/etablissements/{organisation_id:int}', title="Etablissement d'accueil", needs_any=(Action.ORGANISATION_READ,)
)
async def organisation_page(actor: Actor, organisation_id: int) -> None:
    try:
        record = await in_thread(organisation_queries.get_organisation, actor, organisation_id)
    except OrganisationNotFound as missing:
        not_found(str(missing), back_label=_("Retour à la recherche d'établissements"), back_path='/etablissements')
        return
    _identity(record)
    section_title(_("Services d'accueil"))
    if record.services:
        simple_table(
            [('name', _('Service')), ('address', _('Adresse')), ('phone', _('Téléphone'))],
            [{'name': s.name, 'address': s.address, 'phone': s.phone or ''} for s in record.services],
            marker='organisation-services',
        )
    else:
        empty_state(_("Aucun service enregistré : il sera créé à l'étape 3 de la convention."))
    section_title(_('Contacts'))
    if record.contacts:
        simple_table(
            [
                ('name', _('Nom')),
                ('function', _('Fonction')),
                ('service', _('Service')),
                ('phone', _('Téléphone')),
                ('email', _('E-mail')),
            ],
            [
                {
                    'name': c.name,
                    'function': c.function,
                    'service': c.service_name or '',
                    'phone': c.phone,
                    'email': c.email,
                }
                for c in record.contacts
            ],
            marker='organisation-contacts',
        )
    else:
        empty_state(_("Aucun contact enregistré : le tuteur et le signataire s'ajoutent aux étapes 4 et 7."))
    section_title(_('Offres de stage publiées'))
    with ui.column().classes('w-full gap-2').mark('organisation-offers'):
        for offer in record.offers:
            offer_card(offer, show_organisation=False)
        if not record.offers:
            empty_state(
                _("Cet établissement n'a pas d'offre publiée en ce moment. Consultez « Offres » pour les autres.")
            )
    if record.conventions is not None:
        section_title(_('Conventions de votre périmètre'))
        if record.conventions:
            convention_table(record.conventions)
        else:
            empty_state(_('Aucune convention de votre périmètre avec cet établissement.'), marker='no-conventions')
