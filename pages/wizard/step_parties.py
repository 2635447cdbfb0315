"""Étapes 6 « Responsable pédagogique » (teacher search) and 7 « Signataire » (a host contact, maybe the tutor)."""

import functools

from nicegui import ui

from components.contact_form import contact_dialog
from components.fuzzy_search import FuzzySearch, SearchResult
from pages.wizard.state import Section, Wizard
from pages.wizard.step_units import choice_row, contact_lines, missing_host
from services import host_units, teacher_search
from services.host_units import ContactInput, ContactView
from services.i18n import _


class ReferentStep(Section):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard, 6)
        self.pending: SearchResult | None = None

    async def draw(self) -> None:
        wizard = self.wizard
        ui.label(
            _('Saisissez le nom et le prénom de votre responsable (ou référent) pédagogique, puis sélectionnez-le.')
        )

        async def search(text: str) -> list[SearchResult]:
            hits = await wizard.call(teacher_search.search_teachers, text)
            return [
                SearchResult(
                    key=str(hit.id),
                    title=hit.full_name,
                    lines=tuple(line for line in (hit.composante, hit.discipline, hit.email) if line),
                    value=hit.id,
                )
                for hit in hits
            ]

        async def pick(result: SearchResult) -> None:
            self.pending = result
            await self.refresh()

        FuzzySearch(search, pick, label=_('Nom et prénom'), marker='teacher-search')
        current = wizard.draft.labels.get('referent_id')
        chosen = self.pending.title if self.pending else current
        if chosen:
            with ui.row().classes('items-center gap-2').mark('referent-chosen'):
                ui.icon('person', color='primary')
                ui.label(_('Responsable pédagogique : {name}', name=chosen)).classes('font-medium')
        ui.button(_('Valider'), icon='check', on_click=self.validate).mark('step6-validate').set_enabled(bool(chosen))

    async def validate(self) -> None:
        if self.pending is not None:
            result = await self.wizard.save(6, {'referent_id': int(self.pending.value)})
            if not result.ok:
                self.wizard.notify(' '.join(result.errors.values()), kind='negative')
                return
            self.pending = None
        await self.wizard.move_on(7, 6, 8)


class SignatoryStep(Section):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard, 7)

    async def draw(self) -> None:
        wizard = self.wizard
        host_id = wizard.chosen('organisation_id')
        if host_id is None:
            missing_host(wizard)
            return
        ui.label(
            _(
                "Le signataire signe la convention au nom de l'établissement d'accueil ; "
                'il peut être différent du tuteur professionnel.'
            )
        )
        tutor_id = wizard.chosen('tutor_id')
        if tutor_id is not None:
            ui.button(
                _('Même personne que le tuteur ({name})', name=wizard.draft.labels.get('tutor_id', '')),
                icon='how_to_reg',
                on_click=lambda: self.select(tutor_id),
            ).props('outline').mark('signatory-same-as-tutor')
        services = await wizard.call(host_units.list_services, host_id)
        contacts = await wizard.call(host_units.list_contacts, host_id)
        chosen = wizard.chosen('signatory_id')
        groups: list[tuple[str, int | None]] = [(s.name, s.id) for s in services] + [(_('Sans service'), None)]
        for title, service_id in groups:
            members = [contact for contact in contacts if contact.service_id == service_id]
            if not members:
                continue
            ui.label(title).classes('font-medium mt-2')
            for contact in members:
                choice_row(
                    contact.full_name,
                    contact_lines(contact),
                    chosen=contact.id == chosen,
                    on_select=functools.partial(self.select, contact.id),
                    marker=f'signatory-choice signatory-{contact.id}',
                )

        async def create() -> None:
            async def save(data: ContactInput) -> ContactView:
                return await wizard.call(host_units.create_contact, host_id, data)

            created = await contact_dialog(
                save, title=_('Ajout du signataire'), services={s.id: s.name for s in services}
            )
            if created is not None:
                await self.select(created.id)

        ui.button(_('Créer un contact'), icon='person_add', on_click=create).props('outline').mark('signatory-create')

    async def select(self, contact_id: int) -> None:
        result = await self.wizard.save(7, {'signatory_id': contact_id})
        if not result.ok:
            self.wizard.notify(' '.join(result.errors.values()), kind='negative')
            return
        await self.wizard.move_on(8, 7, 8)
