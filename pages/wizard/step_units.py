"""Étapes 3 « Service d'accueil » and 4 « Tuteur professionnel »: pick among the host's, or create one."""

import functools
from collections.abc import Awaitable, Callable

from nicegui import ui

from components.contact_form import contact_dialog
from components.service_form import service_dialog
from pages.wizard.state import Section, Wizard
from services import host_units, organisations
from services.host_units import ContactInput, ContactView, ServiceInput, ServiceView
from services.i18n import _


def choice_row(
    title: str, lines: list[str], *, chosen: bool, on_select: Callable[[], Awaitable[None]], marker: str
) -> None:
    """One selectable line of a list; the current choice is outlined and announced."""
    with (
        ui.card()
        .classes('w-full' + (' border-2 border-primary' if chosen else ''))
        .props('flat bordered')
        .mark(f'{marker} chosen' if chosen else marker),
        ui.row().classes('w-full items-center gap-3'),
    ):
        with ui.column().classes('gap-0 grow'):
            ui.label(title).classes('font-medium')
            for line in lines:
                ui.label(line).classes('text-sm text-grey-8')
        if chosen:
            ui.badge(_('choisi')).props('color=positive')
        ui.button(_('Sélectionner'), on_click=on_select).props('outline' if chosen else '').mark(f'{marker}-select')


async def host_name(wizard: Wizard) -> str:
    host_id = wizard.chosen('organisation_id')
    host = await wizard.call(organisations.get_organisation, host_id) if host_id else None
    return host.name if host else ''


def missing_host(wizard: Wizard) -> None:
    ui.label(_("Choisissez d'abord l'établissement d'accueil (étape 2).")).mark('missing-host')
    ui.button(_("Aller à l'étape 2"), on_click=lambda: wizard.go(2)).props('outline')


class ServiceStep(Section):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard, 3)

    async def draw(self) -> None:
        wizard = self.wizard
        host_id = wizard.chosen('organisation_id')
        if host_id is None:
            missing_host(wizard)
            return
        name = await host_name(wizard)
        services = await wizard.call(host_units.list_services, host_id)
        ui.label(_('Services répertoriés pour « {host} » :', host=name)).classes('font-medium')
        if not services:
            ui.label(_("Aucun service n'est encore répertorié : créez le service d'accueil.")).mark('no-service')
        chosen = wizard.chosen('service_id')
        for service in services:
            choice_row(
                service.name,
                [service.address_line, service.phone or ''],
                chosen=service.id == chosen,
                on_select=functools.partial(self.select, service),
                marker=f'service-choice service-{service.id}',
            )

        async def create() -> None:
            async def save(data: ServiceInput) -> ServiceView:
                return await wizard.call(host_units.create_service, host_id, data)

            created = await service_dialog(save, host_name=name)
            if created is not None:
                await self.select(created)

        ui.button(_('Créer un service'), icon='add', on_click=create).props('outline').mark('service-create')

    async def select(self, service: ServiceView) -> None:
        result = await self.wizard.save(3, {'service_id': service.id})
        if not result.ok:
            self.wizard.notify(' '.join(result.errors.values()), kind='negative')
            return
        await self.wizard.move_on(4, 3, 4, 8)


def contact_lines(contact: ContactView) -> list[str]:
    return [contact.function, f'{contact.phone} — {contact.email}']


class TutorStep(Section):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard, 4)

    async def draw(self) -> None:
        wizard = self.wizard
        host_id = wizard.chosen('organisation_id')
        if host_id is None:
            missing_host(wizard)
            return
        service_id = wizard.chosen('service_id')
        contacts = await wizard.call(host_units.list_contacts, host_id, service_id)
        services = {service.id: service.name for service in await wizard.call(host_units.list_services, host_id)}
        ui.label(_('Choisissez votre tuteur professionnel parmi les contacts de l’établissement.')).classes(
            'font-medium'
        )
        if not contacts:
            ui.label(_("Aucun contact n'est répertorié : créez votre tuteur.")).mark('no-contact')
        chosen = wizard.chosen('tutor_id')
        for contact in contacts:
            service = services.get(contact.service_id or 0)
            choice_row(
                contact.full_name,
                [*contact_lines(contact), service or ''],
                chosen=contact.id == chosen,
                on_select=functools.partial(self.select, contact),
                marker=f'tutor-choice tutor-{contact.id}',
            )

        async def create() -> None:
            async def save(data: ContactInput) -> ContactView:
                return await wizard.call(host_units.create_contact, host_id, data)

            created = await contact_dialog(
                save, title=_('Ajout du tuteur professionnel'), services=services, service_id=service_id
            )
            if created is not None:
                await self.select(created)

        ui.button(_('Créer un contact'), icon='person_add', on_click=create).props('outline').mark('tutor-create')

    async def select(self, contact: ContactView) -> None:
        result = await self.wizard.save(4, {'tutor_id': contact.id})
        if not result.ok:
            self.wizard.notify(' '.join(result.errors.values()), kind='negative')
            return
        await self.wizard.move_on(5, 4, 7, 8)
