"""Administration of the e-mails: each event's subject and body (the shipped template, or the administration's
edited text), checked by rendering it with example values, and a test send through the outbox.

The per-event switches and the outbox itself are in services.mail (switches, set_switch, outbox, retry_now).
"""

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, meta
from jinja2.sandbox import SandboxedEnvironment
from sqlmodel import select

from models import MailTemplate, OutboxMessage, utcnow
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.identifiers import check_email
from services.mail.events import EVENT_LABELS, MailEvent
from services.mail.outbox import TEMPLATES, render
from services.permissions import Action, require
from services.rules.fields import FieldError, clean_text

MAX_SUBJECT, MAX_BODY = 300, 20_000
_BLOCK = re.compile(r'{%\s*block\s+(subject|body)\s*%}(.*?){%\s*endblock\s*%}', re.DOTALL)
EXAMPLE_CONVENTIONS = [
    {'number': '2026-000123', 'student': 'Camille Martin', 'host': 'Garage Dupont et Fils', 'start': '06/04/2027',
     'link': 'https://stages.universite.example/conventions/123'},
]  # fmt: skip
EXAMPLES: dict[str, Any] = {
    'number': '2026-000123',
    'student': 'Camille Martin',
    'host': 'Garage Dupont et Fils',
    'formation': 'Licence Informatique',
    'start': '06/04/2027',
    'end': '28/05/2027',
    'link': 'https://stages.universite.example/conventions/123',
    'university': 'Université de démonstration',
    'by': 'Sophie Gestion',
    'circuit': 'validation pédagogique, validation administrative',
    'kind': 'Validation pédagogique',
    'reason': 'Le sujet est à préciser.',
    'reopened': True,
    'amendment_number': '2026-000123-A1',
    'motif': 'Prolongation de deux semaines',
    'conventions': EXAMPLE_CONVENTIONS,
    'days': 15,
    'composante': 'UFR Sciences et Techniques',
    'respondent': 'tuteur',
    'form_title': 'Appréciation du tuteur',
    'expires': '27/07/2027',
    'reminders': 1,
}


@dataclass(frozen=True)
class TemplateView:
    event: MailEvent
    label: str
    subject: str
    body: str
    edited: bool
    variables: list[str]  # what the texts may use, as {{ name }}


@cache
def shipped(event: MailEvent) -> tuple[str, str]:
    """The subject and body sources of the template file shipped for `event`."""
    source = (TEMPLATES / f'{event.value}.txt').read_text(encoding='utf-8')
    blocks = dict(_BLOCK.findall(source))
    return blocks.get('subject', '').strip(), blocks.get('body', '').strip()


@cache
def variables(event: MailEvent) -> list[str]:
    environment = SandboxedEnvironment()
    subject, body = shipped(event)
    return sorted(meta.find_undeclared_variables(environment.parse(f'{subject}\n{body}')))


def example_context(event: MailEvent) -> dict[str, Any]:
    return {name: EXAMPLES.get(name, 'exemple') for name in variables(event)}


def templates(actor: Actor) -> list[TemplateView]:
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        edited = {row.event: row for row in session.exec(select(MailTemplate)).all()}
    views = []
    for event in MailEvent:
        row = edited.get(event.value)
        subject, body = (row.subject, row.body) if row else shipped(event)
        views.append(TemplateView(event, EVENT_LABELS[event], subject, body, row is not None, variables(event)))
    return views


def _check(event: MailEvent, subject: str, body: str) -> None:
    environment = SandboxedEnvironment(undefined=StrictUndefined)
    context = example_context(event)
    try:
        environment.from_string(subject).render(context)
        environment.from_string(body).render(context)
    except TemplateError as error:
        raise FieldError(
            _(
                'Le modèle ne peut pas être utilisé : {error}. Variables possibles : {names}.',
                error=error.message or type(error).__name__,
                names=', '.join('{{ ' + name + ' }}' for name in variables(event)),
            )
        ) from error


def save_template(actor: Actor, event: MailEvent | str, subject: str, body: str) -> None:
    require(actor, Action.ADMINISTER)
    which = MailEvent(event)
    subject, body = ' '.join(clean_text(subject).split()), clean_text(body)
    if not subject or not body:
        raise FieldError(_("L'objet et le texte de l'e-mail sont obligatoires."))
    if len(subject) > MAX_SUBJECT or len(body) > MAX_BODY:
        raise FieldError(
            _("L'objet ou le texte est trop long ({a} et {b} caractères au plus).", a=MAX_SUBJECT, b=MAX_BODY)
        )
    _check(which, subject, body)
    with session_scope() as session:
        row = session.get(MailTemplate, which.value) or MailTemplate(event=which.value, subject=subject, body=body)
        row.subject, row.body, row.updated_by_id, row.updated_at = subject, body, actor.user_id, utcnow()
        session.add(row)
        audit.record(
            session,
            actor_id=actor.user_id,
            action='mail_template.update',
            entity_type='mail_template',
            entity_id=which.value,
            summary=_('Modèle d’e-mail « {label} » modifié', label=EVENT_LABELS[which]),
        )


def reset_template(actor: Actor, event: MailEvent | str) -> None:
    """Back to the shipped template."""
    require(actor, Action.ADMINISTER)
    which = MailEvent(event)
    with session_scope() as session:
        row = session.get(MailTemplate, which.value)
        if row is not None:
            session.delete(row)
            audit.record(
                session,
                actor_id=actor.user_id,
                action='mail_template.reset',
                entity_type='mail_template',
                entity_id=which.value,
                summary=_('Modèle d’e-mail « {label} » remis par défaut', label=EVENT_LABELS[which]),
            )


def send_test(actor: Actor, event: MailEvent | str, recipient: str) -> int:
    """Queue the event's e-mail, filled with example values, to `recipient` (even if the event is switched
    off); returns the outbox message id. The outbox job (or mail.deliver_due) sends it."""
    require(actor, Action.ADMINISTER)
    which = MailEvent(event)
    address = check_email(recipient)
    with session_scope() as session:
        subject, body = render(which, example_context(which), session)
        message = OutboxMessage(
            event=which.value, recipient=address, subject=_('[Essai] {s}', s=subject)[:300], body=body
        )
        session.add(message)
        session.flush()
        return message.id or 0
