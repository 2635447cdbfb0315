"""« Courriels » (administration): which events send e-mail (a switch each) and the outbox — sent, waiting,
to retry (with the last error), set aside — with « Réessayer maintenant »."""

from functools import partial

from nicegui import run, ui

from auth.guard import protected_page
from components.display import empty_state, fr_datetime, section_title
from pages.background import in_thread
from services import mail
from services.actor import Actor
from services.i18n import _
from services.permissions import Action


@protected_page('/administration/courriels', title='Courriels', needs_any=(Action.ADMINISTER,))
async def mail_admin_page(actor: Actor, en_attente: bool = False) -> None:
    section_title(_('Notifications envoyées par courriel'))
    for switch in await in_thread(mail.switches, actor):
        ui.switch(
            _(switch.label),
            value=switch.enabled,
            on_change=partial(_switch, actor, switch.event),
        ).mark(f'mail-switch mail-switch-{switch.event.value}')
    section_title(_("File d'envoi"))
    with ui.row().classes('gap-3'):
        ui.link(_('Tous les messages'), '/administration/courriels')
        ui.link(_('En attente seulement'), '/administration/courriels?en_attente=true')
    entries = await in_thread(mail.outbox, actor, pending_only=en_attente)
    if not entries:
        empty_state(_("Aucun message dans la file d'envoi."))
        return
    with ui.column().classes('w-full gap-1').mark('outbox'):
        for entry in entries:
            with ui.card().classes('w-full').mark(f'outbox-message outbox-{entry.id}'):
                with ui.row().classes('items-center gap-3 flex-wrap'):
                    ui.badge(entry.state)
                    ui.label(entry.recipient).classes('font-medium')
                    ui.label(entry.subject)
                details = _(
                    'créé le {created} · {attempts} tentative(s)', created=fr_datetime(entry.created_at),
                    attempts=entry.attempts,
                )  # fmt: skip
                if entry.sent_at:
                    details += ' · ' + _('envoyé le {at}', at=fr_datetime(entry.sent_at))
                elif entry.attempts:
                    details += ' · ' + _('prochain essai le {at}', at=fr_datetime(entry.next_attempt_at))
                ui.label(details).classes('text-grey-8 text-sm')
                if entry.last_error:
                    ui.label(entry.last_error).classes('text-negative text-sm').mark('outbox-error')
                if entry.sent_at is None and entry.attempts:
                    ui.button(_('Réessayer maintenant'), on_click=partial(_retry, actor, entry.id)).props('flat')


async def _switch(actor: Actor, event: mail.MailEvent, change: object) -> None:
    value = bool(getattr(change, 'value', False))
    await run.io_bound(mail.set_switch, actor, event, value)
    ui.notify(_('Enregistré.'), type='positive')


async def _retry(actor: Actor, message_id: int) -> None:
    await run.io_bound(mail.retry_now, actor, message_id)
    ui.notify(_("Le message repart au prochain passage de l'envoi (moins d'une minute)."), type='positive')
