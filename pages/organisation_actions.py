"""Staff actions on an établissement's record: confirm, edit, cessation, merge; create an offer or invite the host.

Each action calls its service in a worker thread and reloads the record, so what is shown is what was saved.
"""

from datetime import date
from urllib.parse import quote

from nicegui import ui

from components.choice import Select
from components.company_lookup_panel import LookupCompany
from components.date_field import fr_date_input, read_fr_date
from components.fuzzy_search import FuzzySearch, SearchResult
from components.organisation_form import organisation_dialog
from pages.background import in_thread
from services import company_lookup, offer_invitations, organisation_admin, organisation_queries
from services.actor import Actor
from services.i18n import _
from services.organisation_input import FormErrors, OrganisationInput, organisation_choices
from services.organisation_queries import OrganisationRecord
from services.organisations import OrganisationView
from services.permissions import Action, PermissionDenied, can


def lookup_for(actor: Actor) -> LookupCompany | None:
    """The company-register lookup for the form, when the instance enables it."""
    if not company_lookup.lookup_enabled():
        return None

    async def lookup(text: str) -> list[company_lookup.CompanyFacts]:
        return await in_thread(company_lookup.lookup_company, actor, text)

    return lookup


def _reload(organisation_id: int) -> None:
    ui.navigate.to(f'/etablissements/{organisation_id}')


def action_bar(actor: Actor, record: OrganisationRecord) -> None:
    organisation_id = record.summary.id
    if record.merged_into is not None:
        return
    manage, offers = record.can_manage, can(actor, Action.OFFER_MANAGE)
    if not manage and not offers:
        return
    with ui.row().classes('w-full gap-2').mark('organisation-actions'):
        if manage and record.summary.needs_review:
            ui.button(_('Confirmer la fiche'), icon='verified', on_click=lambda: confirm(actor, organisation_id)).mark(
                'organisation-confirm'
            )
        if manage:
            ui.button(_('Modifier'), icon='edit', on_click=lambda: edit(actor, organisation_id)).props('outline').mark(
                'organisation-edit'
            )
            ui.button(
                _('Rouvrir') if record.closed_on else _('Déclarer la cessation'),
                icon='event_busy',
                on_click=lambda: close(actor, organisation_id, reopen=record.closed_on is not None),
            ).props('outline').mark('organisation-close')
            ui.button(_('Fusionner un doublon'), icon='merge', on_click=lambda: merge(actor, record)).props(
                'outline'
            ).mark('organisation-merge')
        if offers:
            ui.button(
                _('Créer une offre'),
                icon='post_add',
                on_click=lambda: ui.navigate.to(f'/offres/nouvelle?etablissement={organisation_id}'),
            ).props('flat').mark('organisation-new-offer')
            ui.button(_("Lien de proposition d'offre"), icon='link', on_click=lambda: invite(actor, record)).props(
                'flat'
            ).mark('organisation-invite')


async def confirm(actor: Actor, organisation_id: int) -> None:
    await in_thread(organisation_admin.confirm_organisation, actor, organisation_id)
    ui.notify(_('Fiche confirmée : elle n’est plus « à vérifier ».'), type='positive')
    _reload(organisation_id)


async def edit(actor: Actor, organisation_id: int) -> None:
    choices = await in_thread(organisation_choices, actor)
    values = await in_thread(organisation_admin.edit_values, actor, organisation_id)

    async def save(data: OrganisationInput, _confirmed: bool) -> OrganisationView:
        return await in_thread(organisation_admin.update_organisation, actor, organisation_id, data)

    saved = await organisation_dialog(
        choices, save, title=_("Modifier l'établissement"), initial=values, submit_label=_('Enregistrer'),
        lookup=lookup_for(actor),
    )  # fmt: skip
    if saved is not None:
        ui.notify(_('Fiche enregistrée.'), type='positive')
        _reload(saved)


async def close(actor: Actor, organisation_id: int, *, reopen: bool) -> None:
    if reopen:
        try:
            await in_thread(organisation_admin.close_organisation, actor, organisation_id, None)
        except FormErrors as refused:
            ui.notify(' '.join(refused.errors.values()), type='negative', multi_line=True)
            return
        _reload(organisation_id)
        return
    with ui.dialog() as dialog, ui.card().mark('organisation-close-form'):
        ui.label(_("Date de cessation d'activité")).classes('font-medium')
        day = fr_date_input(_('Cessation le'), date.today()).mark('organisation-closed-on')
        problem = ui.label('').classes('text-negative').mark('organisation-close-problem')

        async def save() -> None:
            chosen = read_fr_date(day.value)
            if not isinstance(chosen, date):
                problem.set_text(_('Saisissez la date au format JJ/MM/AAAA.'))
                return
            try:
                await in_thread(organisation_admin.close_organisation, actor, organisation_id, chosen)
            except FormErrors as refused:
                problem.set_text(' '.join(refused.errors.values()))
                return
            dialog.close()
            _reload(organisation_id)

        with ui.row().classes('justify-end w-full'):
            ui.button(_('Annuler'), on_click=dialog.close).props('flat')
            ui.button(_('Enregistrer la cessation'), on_click=save).mark('organisation-close-save')
    dialog.open()


async def merge(actor: Actor, record: OrganisationRecord) -> None:
    """Pick the duplicate, choose which record is kept, confirm: everything moves in one transaction."""
    this = record.summary
    chosen: dict[str, int] = {}
    with ui.dialog() as dialog, ui.card().classes('w-full max-w-3xl').mark('organisation-merge-form'):
        ui.label(_('Fusionner « {name} » avec un doublon', name=this.name)).classes('text-lg font-semibold')

        async def find(text: str) -> list[SearchResult]:
            found = await in_thread(organisation_queries.search_organisations, actor, text)
            return [
                SearchResult(key=str(o.id), title=o.name, lines=(f'{o.siret} — {o.address}',), value=o.id)
                for o in found.items
                if o.id != this.id
            ]

        FuzzySearch(find, lambda result: pick(result), label=_('Le doublon (nom ou SIRET)'), marker='merge-search')
        other = ui.label('').classes('font-medium').mark('merge-other')
        keep = ui.radio(
            {'this': _('Conserver cette fiche ({name})', name=this.name), 'other': _("Conserver l'autre fiche")},
            value='this',
        ).mark('merge-keep')
        ui.label(
            _('Services, contacts, offres et conventions du doublon passent sur la fiche conservée ; '
              'le doublon reste consultable et renvoie vers elle. L’historique garde la trace de la fusion.')
        ).classes('text-sm text-grey-8')  # fmt: skip
        problem = ui.label('').classes('text-negative').mark('merge-problem')

        def pick(result: SearchResult) -> None:
            chosen['id'] = int(result.value)
            other.set_text(_('Doublon choisi : {title}', title=result.title))

        async def run() -> None:
            if 'id' not in chosen:
                problem.set_text(_('Choisissez d’abord le doublon dans la liste.'))
                return
            kept, removed = (this.id, chosen['id']) if keep.value == 'this' else (chosen['id'], this.id)
            try:
                report = await in_thread(organisation_admin.merge_organisations, actor, kept, removed)
            except (organisation_admin.MergeRefused, PermissionDenied) as refused:
                problem.set_text(str(refused))
                return
            dialog.close()
            ui.notify(
                _('Fusion faite : {conventions} convention(s), {offers} offre(s), {services} service(s) et '
                  '{contacts} contact(s) déplacés.', conventions=report.conventions, offers=report.offers,
                  services=report.services, contacts=report.contacts),
                type='positive',
            )  # fmt: skip
            _reload(kept)

        with ui.row().classes('justify-end w-full'):
            ui.button(_('Annuler'), on_click=dialog.close).props('flat')
            ui.button(_('Fusionner'), icon='merge', on_click=run).props('color=negative').mark('merge-run')
    dialog.open()


async def invite(actor: Actor, record: OrganisationRecord) -> None:
    """A signed link (30 days) for the host's contacts to propose offers; staff send it by e-mail."""
    contacts = {c.id: f'{c.name} — {c.email}' for c in record.contacts}
    with ui.dialog() as dialog, ui.card().classes('w-full max-w-2xl').mark('organisation-invite-form'):
        ui.label(_("Lien de proposition d'offre")).classes('text-lg font-semibold')
        contact = (
            Select(contacts, label=_('Destinataire (contact de l’établissement)'), clearable=True)
            .classes('w-full')
            .mark('organisation-invite-contact')
        )
        shown = ui.column().classes('w-full gap-1').mark('organisation-invite-link')

        async def make() -> None:
            invitation = await in_thread(
                offer_invitations.invite_host, actor, record.summary.id, contact_id=contact.value
            )
            shown.clear()
            with shown:
                ui.label(
                    _('Lien valable jusqu’au {date} : les offres proposées arrivent « à modérer ».',
                      date=invitation.expires_at.strftime('%d/%m/%Y'))
                )  # fmt: skip
                ui.input(value=invitation.url).props('readonly').classes('w-full').mark('invite-url')
                if invitation.email:
                    body = _(
                        'Bonjour, proposez vos offres de stage à l’université par ce lien : {url}', url=invitation.url
                    )
                    ui.link(_('Envoyer par e-mail'), f'mailto:{invitation.email}?body={quote(body)}').mark(
                        'invite-mail'
                    )

        with ui.row().classes('justify-end w-full'):
            ui.button(_('Fermer'), on_click=dialog.close).props('flat')
            ui.button(_('Créer le lien'), icon='link', on_click=make).mark('invite-create')
    dialog.open()
