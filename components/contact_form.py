"""« Ajout d'un contact » (guide steps 4 and 7): the tuteur professionnel or the signataire of the host."""

from collections.abc import Awaitable, Callable

from nicegui import ui

from components.choice import Select
from components.form_fields import FormFields, required
from services.host_units import ContactInput, ContactView
from services.i18n import _
from services.organisations import FormErrors

CreateContact = Callable[[ContactInput], Awaitable[ContactView]]
CIVILITIES = {'Mme': 'Madame', 'M.': 'Monsieur'}


async def contact_dialog(
    create: CreateContact,
    *,
    title: str | None = None,
    services: dict[int, str] | None = None,
    service_id: int | None = None,
) -> ContactView | None:
    """Resolves to the contact created, or None when cancelled; `services` lets the user attach it to one."""
    # A click beside the dialog keeps what was typed; Échap cancels, as « Annuler » does (keyboard users).
    with ui.dialog().props('no-backdrop-dismiss') as dialog, ui.card().classes('w-full max-w-xl').mark('contact-form'):
        ui.label(title or _("Ajout d'un contact")).classes('text-lg font-semibold').props('role=heading aria-level=2')
        ui.label(_('Les champs indiqués par un * sont obligatoires.')).classes('text-sm')
        form = FormFields('contact')
        form.add('civility', Select(CIVILITIES, label=_('Civilité'), clearable=True).classes('w-40'))
        with ui.row().classes('w-full gap-2'):
            form.add('last_name', ui.input(required(_('Nom'))).classes('grow'))
            form.add('first_name', ui.input(required(_('Prénom'))).classes('grow'))
        form.add('function', ui.input(required(_('Fonction'))).classes('w-full'))
        with ui.row().classes('w-full gap-2'):
            form.add('phone', ui.input(required(_('Téléphone'))).classes('grow'))
            form.add('email', ui.input(required(_('E-mail'))).classes('grow'))
        if services:
            form.add(
                'service_id',
                Select(services, value=service_id, label=_('Service'), clearable=True).classes('w-full'),
            )

        async def submit() -> None:
            chosen_service = form.value('service_id') if 'service_id' in form.fields else service_id
            data = ContactInput(
                civility=form.text('civility'),
                last_name=form.text('last_name'),
                first_name=form.text('first_name'),
                function=form.text('function'),
                phone=form.text('phone'),
                email=form.text('email'),
                service_id=chosen_service,
            )
            try:
                created = await create(data)
            except FormErrors as refused:
                form.show_errors(refused.errors)
            else:
                dialog.submit(created)

        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(_('Annuler'), on_click=lambda: dialog.submit(None)).props('flat').mark('contact-form-cancel')
            ui.button(_('Créer'), icon='person_add', on_click=submit).mark('contact-form-submit')
    result = await dialog
    dialog.delete()
    return result if isinstance(result, ContactView) else None
