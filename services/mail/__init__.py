"""E-mail notifications: queued in the outbox inside the action's transaction, delivered by a periodic job.

    from services import mail
    mail.notifications.convention_created(session, convention, by=actor.display_name)  # inside the transaction
    mail.deliver_due()                      # the `mail-outbox` job: send what is due, retry failures with backoff
    mail.enqueue_start_digests()            # the `mail-digest` job: once a day per composante
    mail.outbox(admin) / mail.switches(admin) / mail.set_switch(admin, event, False)

SMTP: PSTAGE_SMTP_HOST / _PORT / _USER / _PASSWORD / _STARTTLS / _FROM. Without a host nothing is sent and
messages wait in the outbox. Templates: services/mail/templates/<event>.txt (Jinja2, French).
"""

from services.mail import notifications
from services.mail.digest import enqueue_start_digests
from services.mail.events import EVENT_LABELS, MailEvent
from services.mail.outbox import EventSwitch, OutboxEntry, outbox, render, retry_now, set_switch, switches
from services.mail.sender import DeliveryReport, deliver_due, deliver_due_async

__all__ = [
    'EVENT_LABELS',
    'DeliveryReport',
    'EventSwitch',
    'MailEvent',
    'OutboxEntry',
    'deliver_due',
    'deliver_due_async',
    'enqueue_start_digests',
    'notifications',
    'outbox',
    'render',
    'retry_now',
    'set_switch',
    'switches',
]
