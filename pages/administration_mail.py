"""Administration → « Modèles des e-mails »: each event's subject and text edited (or back to the default), and a
test send. The per-event switches and the outbox are on « Courriels » (pages/mail_admin.py)."""

from nicegui import ui

from auth.guard import protected_page
from components.background_task import attempt
from pages.administration import admin_path, back_link
from pages.background import in_thread
from services import admin_mail, mail
from services.actor import Actor
from services.admin_mail import TemplateView
from services.i18n import _
from services.mail.events import MailEvent
from services.permissions import Action

PATH = admin_path('modeles-courriels')
SWITCHES_PATH = admin_path('courriels')


def _event_card(actor: Actor, view: TemplateView, default_recipient: str) -> None:
    marker = f'mail-{view.event.value}'
    with ui.card().classes('w-full').mark(marker):
        ui.label(_(view.label)).classes('font-semibold')
        with ui.expansion(_('Modèle et essai')).classes('w-full'):
            state = ui.label(_('modifié') if view.edited else _('modèle par défaut')).classes('text-sm text-grey-8')
            subject = ui.input(_('Objet'), value=view.subject).classes('w-full').mark(f'{marker}-subject')
            body = ui.textarea(_('Texte'), value=view.body).props('outlined autogrow').classes('w-full')
            body.mark(f'{marker}-body')
            ui.label(
                _('Variables : {names}', names=', '.join('{{ ' + name + ' }}' for name in view.variables))
            ).classes('text-sm text-grey-8')

            async def save() -> None:
                edited = lambda: admin_mail.save_template(actor, view.event, subject.value or '', body.value or '')  # noqa: E731
                if await attempt(edited, _('Modèle enregistré.')):
                    state.text = _('modifié')

            async def reset() -> None:
                if await attempt(lambda: admin_mail.reset_template(actor, view.event), _('Modèle par défaut rétabli.')):
                    subject.value, body.value = admin_mail.shipped(view.event)
                    state.text = _('modèle par défaut')

            with ui.row().classes('items-end gap-2'):
                ui.button(_('Enregistrer'), icon='save', on_click=save).props('dense').mark(f'{marker}-save')
                ui.button(_('Modèle par défaut'), icon='restore', on_click=reset).props('flat dense')
                recipient = ui.input(_('Adresse pour l’essai'), value=default_recipient).classes('w-72')
                recipient.mark(f'{marker}-test-recipient')
                ui.button(
                    _('Envoyer un essai'), icon='send', on_click=lambda: send_test(actor, view.event, recipient.value)
                ).props('outline dense').mark(f'{marker}-test')


async def send_test(actor: Actor, event: MailEvent, recipient: str | None) -> None:
    try:
        message_id = await in_thread(admin_mail.send_test, actor, event, recipient or '')
    except ValueError as refused:
        ui.notify(str(refused), type='warning')
        return
    await in_thread(mail.deliver_due)  # now, rather than at the job's next tick
    sent = next((m for m in await in_thread(mail.outbox, actor, limit=50) if m.id == message_id), None)
    if sent is not None and sent.sent_at is not None:
        ui.notify(_('Essai envoyé à {to}.', to=recipient), type='positive')
    else:
        reason = sent.last_error if sent and sent.last_error else _('aucun serveur SMTP configuré ou joignable')
        ui.notify(_('Essai en file d’envoi, pas encore parti : {why}.', why=reason), type='warning')


@protected_page(PATH, title='Modèles des e-mails', needs_any=(Action.ADMINISTER,))
async def mail_templates_page(actor: Actor) -> None:
    back_link()
    ui.link(_('Envois activés ou non, et file d’envoi : « Courriels »'), SWITCHES_PATH).mark('mail-switches-link')
    views = await in_thread(admin_mail.templates, actor)
    recipient = actor.login if '@' in actor.login else ''
    for view in views:
        _event_card(actor, view, recipient)
