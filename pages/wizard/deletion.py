"""« Voulez-vous supprimer la convention ? »: the confirmation, then the service's verdict (refused once validated)."""

from nicegui import ui

from components import busy
from services import conventions
from services.actor import Actor
from services.drafts import WizardError
from services.i18n import _
from services.permissions import PermissionDenied


async def confirm_deletion(actor: Actor, convention_id: int, number: str) -> None:
    with ui.dialog() as dialog, ui.card().mark('delete-dialog'):
        ui.label(_('Voulez-vous supprimer la convention ?')).classes('text-lg font-semibold').props('role=alertdialog')
        ui.label(_('La convention n° {number} sera supprimée définitivement.', number=number))
        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(_('Non'), on_click=lambda: dialog.submit(False)).props('flat').mark('delete-cancel')
            ui.button(_('Oui, supprimer'), icon='delete', on_click=lambda: dialog.submit(True)).props(
                'color=negative'
            ).mark('delete-confirm')
    confirmed = await dialog
    dialog.delete()
    if not confirmed:
        return
    try:
        await busy.io_bound(conventions.delete_convention, actor, convention_id)
    except (WizardError, PermissionDenied) as refused:
        ui.notify(str(refused), type='negative', multi_line=True)
        return
    ui.notify(_('La convention n° {number} a été supprimée.', number=number), type='positive')
    ui.navigate.to('/conventions/mes')
