"""The daily digest: conventions starting within the composante's alert window and still not validated."""

from datetime import date

from sqlmodel import select

from models import Composante, OutboxMessage
from services import mail
from services.database import session_scope
from tests.factories import World


def test_the_digest_lists_the_unvalidated_conventions_starting_soon_once_a_day(world: World) -> None:
    with session_scope() as session:
        composante = session.get(Composante, world.composante_id)
        assert composante is not None
        composante.internship_office_email = 'stages-st@universite.example'
        session.add(composante)
    assert mail.enqueue_start_digests(date(2027, 3, 1)) == 0  # 06/04/2027 is more than 15 days away
    assert mail.enqueue_start_digests(date(2027, 3, 25)) == 1
    assert mail.enqueue_start_digests(date(2027, 3, 25)) == 0  # a restart, another instance: not twice
    with session_scope() as session:
        (digest,) = session.exec(select(OutboxMessage)).all()
    assert digest.recipient == 'stages-st@universite.example'
    assert digest.subject == ("2 stage(s) commencent d'ici 15 jours sans être validés — UFR Sciences et Techniques")
    assert 'n° 2026-000001 — Alice Bénard — chez Garage Dupont et Fils — début le 06/04/2027' in digest.body
    assert '2026-000003' in digest.body
    assert '2026-000002' not in digest.body  # already validated
