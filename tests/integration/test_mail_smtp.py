"""Notifications through a real SMTP server (aiosmtpd on a free local port): the right people get the right
subjects; with the server down the action still succeeds, and the queued mail goes out once it is back."""

from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlmodel import col, select

from models import Composante, ConventionStatus, OutboxMessage, User, ValidationKind
from services import amendments, conventions, mail, validations
from services.database import session_scope
from settings import reload_settings
from tests.factories import World
from tests.integration.live_servers import free_port
from tests.menu_data import actor
from tests.wizard_fill import actor as actor_of
from tests.wizard_fill import add_host, fill

OFFICE = 'stages-st@universite.example'
MANAGER = 'sophie.gestion@universite.example'
STUDENT = 'alice@etu.universite.example'


class Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 - aiosmtpd's hook
        message = message_from_bytes(envelope.original_content or b'')
        subject = str(make_header(decode_header(message['Subject'])))
        self.received.append(([str(r) for r in envelope.rcpt_tos], subject))
        return '250 Message accepted for delivery'


@pytest.fixture
def port(monkeypatch: pytest.MonkeyPatch, world: World) -> int:
    chosen = free_port()
    monkeypatch.setenv('PSTAGE_SMTP_HOST', '127.0.0.1')
    monkeypatch.setenv('PSTAGE_SMTP_PORT', str(chosen))
    reload_settings()
    with session_scope() as session:  # the composante's bureau des stages: its address and its gestionnaire's
        composante = session.get(Composante, world.composante_id)
        manager = session.get(User, world.user_ids['gestion'])
        assert composante is not None
        assert manager is not None
        composante.internship_office_email, manager.email = OFFICE, MANAGER
        session.add_all([composante, manager])
    return chosen


@pytest.fixture
def inbox(port: int) -> Iterator[Inbox]:
    handler = Inbox()
    server = Controller(handler, hostname='127.0.0.1', port=port)
    server.start()
    yield handler
    server.stop()


async def test_each_event_reaches_the_right_people_with_its_subject(world: World, inbox: Inbox) -> None:
    alice, manager = actor(world, 'alice'), actor(world, 'gestion')
    with session_scope() as session:
        host = add_host(session)
    recap = fill(actor_of(world.user_ids['alice']), host, world.teacher_ids['dupont'])
    created = conventions.create_from_draft(alice, recap.draft.id)
    validations.validate(manager, created.id, ValidationKind.PEDAGOGICAL)
    validations.validate(manager, created.id, ValidationKind.ADMINISTRATIVE)
    avenant = amendments.create_amendment(alice, created.id, {'motif': 'Sujet précisé', 'changes': ['sujet'],
                                                               'new_subject': 'Diagnostic et réparation'})  # fmt: skip
    amendments.validate_amendment(manager, avenant.id)
    assert inbox.received == []  # nothing is sent by the action itself: the page never waits for SMTP

    report = await mail.deliver_due_async()

    assert report.sent == 5 + 1  # the creation goes to the office and to the gestionnaire
    number = created.number
    assert sorted(inbox.received) == sorted(
        [
            ([OFFICE], f'Nouvelle convention n° {number} à valider — Alice Bénard'),
            ([MANAGER], f'Nouvelle convention n° {number} à valider — Alice Bénard'),
            ([STUDENT], f'Votre convention n° {number} est validée'),
            ([OFFICE], f'Avenant n° {number}-A1 à valider — Alice Bénard'),
            ([MANAGER], f'Avenant n° {number}-A1 à valider — Alice Bénard'),
            ([STUDENT], f'Votre avenant n° {number}-A1 est validé'),
        ]
    )
    assert (await mail.deliver_due_async()).sent == 0  # each one once


async def test_with_the_server_down_the_validation_succeeds_and_the_mail_goes_once_it_is_back(
    world: World, port: int
) -> None:
    manager = actor(world, 'gestion')
    convention_id = world.convention_ids['alice_created']
    validations.validate(manager, convention_id, ValidationKind.PEDAGOGICAL)
    done = validations.validate(manager, convention_id, ValidationKind.ADMINISTRATIVE)
    assert done.status is ConventionStatus.VALIDATED

    down = await mail.deliver_due_async()  # nobody listens on the port
    assert (down.sent, down.failed) == (0, 1)
    with session_scope() as session:
        queued = session.exec(select(OutboxMessage)).one()
        assert queued.sent_at is None
        assert queued.attempts == 1
        assert 'injoignable' in (queued.last_error or '')
        retry_at = queued.next_attempt_at
    assert (await mail.deliver_due_async()).sent == 0  # not before its backoff

    handler = Inbox()
    server = Controller(handler, hostname='127.0.0.1', port=port)
    server.start()
    try:
        back = await mail.deliver_due_async(retry_at + timedelta(seconds=1))
    finally:
        server.stop()
    assert back.sent == 1
    assert handler.received == [([STUDENT], 'Votre convention n° 2026-000001 est validée')]
    with session_scope() as session:
        sent = session.exec(select(OutboxMessage).where(col(OutboxMessage.sent_at).is_not(None))).one()
        assert sent.attempts == 2
        assert sent.last_error is None
        assert sent.sent_at is not None


def test_the_administrator_sees_the_queue_and_may_switch_an_event_off(world: World) -> None:
    admin, manager = actor(world, 'admin'), actor(world, 'gestion')
    mail.set_switch(admin, mail.MailEvent.CONVENTION_VALIDATED, False)
    validations.validate(manager, world.convention_ids['alice_created'], ValidationKind.PEDAGOGICAL)
    validations.validate(manager, world.convention_ids['alice_created'], ValidationKind.ADMINISTRATIVE)
    validations.unvalidate(manager, world.convention_ids['alice_created'], ValidationKind.ADMINISTRATIVE, 'Erreur')
    entries = mail.outbox(admin)
    assert [(e.recipient, e.state) for e in entries] == [(STUDENT, 'en attente')]  # only the withdrawal
    assert entries[0].subject == 'Convention n° 2026-000001 : Validation administrative retirée'
    switches = {switch.event: switch.enabled for switch in mail.switches(admin)}
    assert switches[mail.MailEvent.CONVENTION_VALIDATED] is False
    assert switches[mail.MailEvent.CONVENTION_UNVALIDATED] is True
