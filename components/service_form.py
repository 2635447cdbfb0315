"""« Créer un service d'accueil / lieu de stage » (guide step 3): nom, same address as the host or another one."""

from collections.abc import Awaitable, Callable

from nicegui import ui

from components.form_fields import FormFields, required
from services.host_units import ServiceInput, ServiceView
from services.i18n import _
from services.organisations import FormErrors

CreateService = Callable[[ServiceInput], Awaitable[ServiceView]]


async def service_dialog(create: CreateService, *, host_name: str) -> ServiceView | None:
    """Resolves to the service created, or None when cancelled."""
    # A click beside the dialog keeps what was typed; Échap cancels, as « Annuler » does (keyboard users).
    with ui.dialog().props('no-backdrop-dismiss') as dialog, ui.card().classes('w-full max-w-xl').mark('service-form'):
        ui.label(_('Créer un service pour « {host} »', host=host_name)).classes('text-lg font-semibold').props(
            'role=heading aria-level=2'
        )
        ui.label(_('Les champs indiqués par un * sont obligatoires.')).classes('text-sm')
        form = FormFields('service')
        form.add('name', ui.input(required(_('Nom du service'))).classes('w-full'))
        same = ui.checkbox(_("Même adresse que l'établissement"), value=True).mark('service-same_address')
        with ui.column().classes('w-full gap-1') as own_address:
            form.add('address', ui.input(required(_('Adresse'))).classes('w-full'))
            with ui.row().classes('w-full gap-2'):
                form.add('postal_code', ui.input(required(_('Code postal'))))
                form.add('city', ui.input(required(_('Commune'))).classes('grow'))
        own_address.bind_visibility_from(same, 'value', backward=lambda value: not value)
        form.add('phone', ui.input(_('Téléphone')))

        async def submit() -> None:
            data = ServiceInput(
                name=form.text('name'),
                same_address=bool(same.value),
                address=form.text('address'),
                postal_code=form.text('postal_code'),
                city=form.text('city'),
                phone=form.text('phone'),
            )
            try:
                created = await create(data)
            except FormErrors as refused:
                form.show_errors(refused.errors)
            else:
                dialog.submit(created)

        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(_('Annuler'), on_click=lambda: dialog.submit(None)).props('flat').mark('service-form-cancel')
            ui.button(_('Créer'), icon='add', on_click=submit).mark('service-form-submit')
    result = await dialog
    dialog.delete()
    return result if isinstance(result, ServiceView) else None
