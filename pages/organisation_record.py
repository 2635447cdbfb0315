"""An établissement d'accueil's record: identity, services, contacts, offers (everyone), conventions (staff).

Staff also get its actions: confirm a record « à vérifier », edit, declare the cessation, merge a duplicate,
create an offer or send the host a link to propose one (pages/organisation_actions.py).
"""

from nicegui import ui

from auth.guard import protected_page
from components.convention_table import convention_table
from components.display import empty_state, field_grid, fr_date, not_found, section_title, simple_table
from components.result_cards import offer_card
from pages import organisation_actions
from pages.background import in_thread
from services import organisation_queries
from services.actor import Actor
from services.i18n import _
from services.organisation_queries import OrganisationNotFound, OrganisationRecord
from services.permissions import Action


def _identity(record: OrganisationRecord) -> None:
    summary = record.summary
    with ui.card().classes('w-full').mark('organisation-identity'):
        with ui.row().classes('items-center gap-2'):
            ui.label(summary.name).classes('text-xl font-semibold').props('role=heading aria-level=2').mark(
                'organisation-name'
            )
            if summary.needs_review:
                ui.badge(_('à vérifier')).props('color=orange').mark('organisation-needs-review')
            if record.closed_on is not None:
                ui.badge(_('fermé le {date}', date=fr_date(record.closed_on))).props('color=grey').mark(
                    'organisation-closed'
                )
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


def _services_and_contacts(record: OrganisationRecord) -> None:
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
            [('name', _('Nom')), ('function', _('Fonction')), ('service', _('Service')), ('phone', _('Téléphone')),
             ('email', _('E-mail'))],
            [
                {'name': c.name, 'function': c.function, 'service': c.service_name or '', 'phone': c.phone,
                 'email': c.email}
                for c in record.contacts
            ],
            marker='organisation-contacts',
        )  # fmt: skip
    else:
        empty_state(_("Aucun contact enregistré : le tuteur et le signataire s'ajoutent aux étapes 4 et 7."))


def _offers(record: OrganisationRecord) -> None:
    section_title(_('Offres de stage publiées'))
    with ui.column().classes('w-full gap-2').mark('organisation-offers'):
        for offer in record.offers:
            offer_card(offer, show_organisation=False)
        if not record.offers:
            empty_state(
                _("Cet établissement n'a pas d'offre publiée en ce moment. Consultez « Offres » pour les autres.")
            )
    if record.managed_offers:
        section_title(_('Toutes ses offres (gestion)'))
        with ui.column().classes('w-full gap-1').mark('organisation-managed-offers'):
            for line in record.managed_offers:
                with ui.row().classes('items-center gap-2').mark(f'managed-offer-{line.id}'):
                    ui.link(f'{line.number} — {line.title}', f'/offres/{line.id}')
                    ui.badge(line.status_label).props('outline')
                    if line.publish_until:
                        ui.label(_('publiée jusqu’au {date}', date=fr_date(line.publish_until))).classes('text-grey-8')


@protected_page(
    '/etablissements/{organisation_id:int}', title="Etablissement d'accueil", needs_any=(Action.ORGANISATION_READ,)
)
async def organisation_page(actor: Actor, organisation_id: int) -> None:
    try:
        record = await in_thread(organisation_queries.get_organisation, actor, organisation_id)
    except OrganisationNotFound as missing:
        not_found(str(missing), back_label=_("Retour à la recherche d'établissements"), back_path='/etablissements')
        return
    if record.merged_into is not None:
        kept_id, kept_name = record.merged_into
        with ui.card().classes('w-full bg-amber-1').mark('organisation-merged'):
            ui.label(_('Cette fiche était un doublon : elle a été fusionnée dans une autre.')).classes('font-medium')
            ui.link(_('Voir la fiche conservée « {name} »', name=kept_name), f'/etablissements/{kept_id}').mark(
                'organisation-merged-link'
            )
    _identity(record)
    organisation_actions.action_bar(actor, record)
    _services_and_contacts(record)
    _offers(record)
    if record.conventions is not None:
        section_title(_('Conventions de votre périmètre'))
        if record.conventions:
            convention_table(record.conventions)
        else:
            empty_state(_('Aucune convention de votre périmètre avec cet établissement.'), marker='no-conventions')
