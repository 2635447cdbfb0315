"""Étape 2 « Établissement d'accueil »: search by raison sociale (+ département) or SIRET, or create one.

Choosing a result or creating an établissement shows its recap with « Sélectionner et continuer »,
as the guide says; only then is the choice saved (step 2 of the draft).
"""

from nicegui import ui

from components.choice import Select
from components.display import field_grid
from components.fuzzy_search import FuzzySearch, SearchResult
from components.organisation_form import organisation_dialog
from pages.wizard.state import Section, Wizard
from services import organisations, wizard_lookup
from services.i18n import _
from services.organisations import OrganisationInput, OrganisationView


def organisation_result(organisation: OrganisationView) -> SearchResult:
    siret = organisation.siret_display or _('SIRET non renseigné (étranger)')
    naf = f'{organisation.naf_code} — {organisation.naf_label}' if organisation.naf_code else _('NAF non renseigné')
    return SearchResult(
        key=str(organisation.id),
        title=organisation.name,
        lines=(f'{siret} — {organisation.full_address}', naf),
        value=organisation.id,
        badges=(_('à vérifier'),) if organisation.needs_review else (),
    )


def organisation_card(organisation: OrganisationView, marker: str) -> None:
    with ui.card().classes('w-full').mark(marker):
        ui.label(organisation.name).classes('text-lg font-semibold').mark(f'{marker}-name')
        rows = [
            (_('N° SIRET'), organisation.siret_display or '—'),
            (_('Code NAF/APE'), f'{organisation.naf_code or "—"} {organisation.naf_label}'),
            (_('Statut juridique'), organisation.legal_category_label or organisation.legal_category or '—'),
            (_('Effectif'), organisation.headcount_label or '—'),
            (_('Type'), organisation.kind_label),
            (_('Adresse'), organisation.full_address),
            (_('Téléphone'), organisation.phone or '—'),
            (_('E-mail'), organisation.email or '—'),
        ]
        field_grid(rows)


class HostStep(Section):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard, 2)
        self.pending: OrganisationView | None = None  # shown with « Sélectionner et continuer »

    async def draw(self) -> None:
        wizard = self.wizard
        chosen = wizard.chosen('organisation_id')
        if self.pending is not None:
            await self.draw_pending(self.pending)
            return
        if chosen is not None:
            current = await wizard.call(organisations.get_organisation, chosen)
            if current is not None:
                ui.label(_('Établissement choisi :')).classes('font-medium')
                organisation_card(current, 'host-chosen')
                ui.button(_('Continuer avec cet établissement'), on_click=lambda: wizard.go(3)).mark('host-keep')
                ui.separator()
        ui.label(
            _(
                "Vérifiez si l'établissement existe déjà en indiquant sa raison sociale et son département, "
                'ou son numéro SIRET.'
            )
        )
        with ui.row().classes('w-full items-start gap-4 no-wrap max-md:flex-wrap'):
            departement = (
                Select(
                    {'': _('Tous les départements'), **wizard.organisation_choices.departements},
                    value='',
                    label=_('Département'),
                    with_input=True,
                )
                .classes('w-64')
                .mark('host-departement')
            )

            async def by_name(text: str) -> list[SearchResult]:
                found = await wizard.call(
                    wizard_lookup.find_organisations_by_name, text, departement=departement.value or None
                )
                return [organisation_result(organisation) for organisation in found]

            name_search = FuzzySearch(by_name, self.pick, label=_('Raison sociale'), marker='host-name-search').classes(
                'grow'
            )
            departement.on_value_change(name_search.refresh)

        async def by_siret(text: str) -> list[SearchResult]:
            found = await wizard.call(wizard_lookup.find_organisations_by_siret, text)
            return [organisation_result(organisation) for organisation in found]

        FuzzySearch(
            by_siret,
            self.pick,
            label=_('N° SIRET (ou son début, espaces acceptés)'),
            marker='host-siret-search',
            min_chars=3,
        )
        ui.label(
            _(
                "S'il n'est pas référencé, munissez-vous de son SIRET, code NAF/APE, effectif et statut juridique, "
                "puis créez-le. Pour un stage à l'étranger, le numéro SIRET n'est pas obligatoire."
            )
        ).classes('text-sm text-grey-8')
        ui.button(_('Créer un établissement'), icon='add_business', on_click=self.create).mark('host-create')

    async def pick(self, result: SearchResult) -> None:
        found = await self.wizard.call(organisations.get_organisation, int(result.value))
        if found is not None:
            self.pending = found
            await self.refresh()

    async def create(self) -> None:
        async def create(data: OrganisationInput, confirmed: bool) -> OrganisationView:
            return await self.wizard.call(organisations.create_organisation, data, confirmed=confirmed)

        organisation_id = await organisation_dialog(self.wizard.organisation_choices, create)
        if organisation_id is not None:
            await self.pick(SearchResult(key=str(organisation_id), title='', value=organisation_id))

    async def draw_pending(self, organisation: OrganisationView) -> None:
        ui.label(_("Vérifiez l'établissement, puis cliquez sur « Sélectionner et continuer ».")).classes('font-medium')
        organisation_card(organisation, 'host-recap')

        async def back() -> None:
            self.pending = None
            await self.refresh()

        async def select() -> None:
            result = await self.wizard.save(2, {'organisation_id': organisation.id})
            if not result.ok:
                self.wizard.notify(' '.join(result.errors.values()), kind='negative')
                return
            self.pending = None
            await self.wizard.move_on(3, 2, 3, 4, 5, 7, 8)

        with ui.row().classes('gap-2'):
            ui.button(_('Rechercher un autre établissement'), icon='search', on_click=back).props('outline').mark(
                'host-recap-back'
            )
            ui.button(_('Sélectionner et continuer'), icon='arrow_forward', on_click=select).mark('host-select')
