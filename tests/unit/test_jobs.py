"""Periodic jobs with several instances: one lease per job, so the job runs in one instance at a time, and
another instance takes it over once the holder has stopped renewing. Offer expiry is the first such job."""

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from models import AuditEntry, Offer, OfferStatus
from services import jobs, offer_expiry
from services.database import session_scope
from services.permissions import PermissionDenied
from tests.factories import World
from tests.wizard_fill import actor

T0 = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def test_a_second_instance_does_not_get_a_lease_held_by_the_first() -> None:
    assert jobs.acquire('mail-queue', 'instance-a', 5 * MINUTE, now=T0)
    assert not jobs.acquire('mail-queue', 'instance-b', 5 * MINUTE, now=T0 + MINUTE)
    assert jobs.holder_of('mail-queue', now=T0 + MINUTE) == 'instance-a'
    # The holder renews its own lease.
    assert jobs.acquire('mail-queue', 'instance-a', 5 * MINUTE, now=T0 + 4 * MINUTE)
    assert not jobs.acquire('mail-queue', 'instance-b', 5 * MINUTE, now=T0 + 8 * MINUTE)


def test_an_expired_lease_is_handed_over() -> None:
    assert jobs.acquire('digests', 'instance-a', 5 * MINUTE, now=T0)
    # instance-a died: nobody renews; after the expiry instance-b takes the job.
    assert jobs.holder_of('digests', now=T0 + 6 * MINUTE) is None
    assert jobs.acquire('digests', 'instance-b', 5 * MINUTE, now=T0 + 6 * MINUTE)
    assert jobs.holder_of('digests', now=T0 + 6 * MINUTE) == 'instance-b'
    assert not jobs.acquire('digests', 'instance-a', 5 * MINUTE, now=T0 + 7 * MINUTE)


def test_a_released_lease_is_taken_at_once() -> None:
    assert jobs.acquire('offer-expiry', 'instance-a', 30 * MINUTE, now=T0)
    jobs.release('offer-expiry', 'instance-a', now=T0 + MINUTE)
    assert jobs.acquire('offer-expiry', 'instance-b', 30 * MINUTE, now=T0 + MINUTE)


def test_many_instances_racing_for_a_free_lease_get_exactly_one_winner() -> None:
    start = threading.Barrier(8)
    winners: list[str] = []

    def contend(holder: str) -> None:
        start.wait()
        if jobs.acquire('race', holder, 5 * MINUTE, now=T0):
            winners.append(holder)

    threads = [threading.Thread(target=contend, args=(f'instance-{n}',)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(winners) == 1


def test_two_schedulers_run_each_job_once_per_period_until_the_holder_stops() -> None:
    runs: list[tuple[str, int]] = []
    clock = {'minute': 0}

    def job_of(instance: str) -> jobs.Job:
        return jobs.Job('count', timedelta(minutes=10), lambda: runs.append((instance, clock['minute'])))

    first = jobs.Scheduler((job_of('a'),), holder='instance-a')
    second = jobs.Scheduler((job_of('b'),), holder='instance-b')
    for minute in range(30):  # both tick every minute for half an hour
        clock['minute'] = minute
        first.run_due(T0 + minute * MINUTE)
        second.run_due(T0 + minute * MINUTE)
    assert runs == [('a', 0), ('a', 10), ('a', 20)]

    # instance-a is killed at 30 min (no release): its lease, renewed at 20 min, runs out at 40 min 30 s.
    for minute in range(30, 60):
        clock['minute'] = minute
        second.run_due(T0 + minute * MINUTE)
    assert runs[3:] == [('b', 41), ('b', 51)]
    assert jobs.holder_of('count', now=T0 + 59 * MINUTE) == 'instance-b'


def test_a_failing_job_does_not_stop_the_others() -> None:
    runs: list[str] = []

    def broken() -> None:
        raise RuntimeError('SMTP down')

    scheduler = jobs.Scheduler(
        (jobs.Job('broken', MINUTE, broken), jobs.Job('fine', MINUTE, lambda: runs.append('fine'))), holder='a'
    )
    assert scheduler.run_due(T0) == ['broken', 'fine']
    assert runs == ['fine']


def _offer(world: World, number: str, status: OfferStatus, publish_until: date | None) -> int:
    with session_scope() as session:
        offer = Offer(
            number=number,
            title=f'Stage {number}',
            status=status,
            organisation_id=world.organisation_id,
            composante_id=world.composante_id,
            description='Développement',
            publish_until=publish_until,
        )
        session.add(offer)
        session.flush()
        assert offer.id is not None
        return offer.id


def _status(offer_id: int) -> OfferStatus:
    with session_scope() as session:
        offer = session.get(Offer, offer_id)
        assert offer is not None
        return offer.status


def test_published_offers_past_their_date_expire_and_the_others_stay(world: World) -> None:
    today = date(2026, 9, 15)
    past = _offer(world, 'OF-EXP-1', OfferStatus.PUBLISHED, today - timedelta(days=1))
    last_day = _offer(world, 'OF-EXP-2', OfferStatus.PUBLISHED, today)
    open_ended = _offer(world, 'OF-EXP-3', OfferStatus.PUBLISHED, None)
    draft = _offer(world, 'OF-EXP-4', OfferStatus.DRAFT, today - timedelta(days=30))
    filled = _offer(world, 'OF-EXP-5', OfferStatus.FILLED, today - timedelta(days=30))

    expired = offer_expiry.expire_offers(offer_expiry.system_actor(), today)

    assert expired == ['OF-EXP-1']
    assert _status(past) == OfferStatus.EXPIRED
    assert [_status(i) for i in (last_day, open_ended, draft, filled)] == [
        OfferStatus.PUBLISHED,
        OfferStatus.PUBLISHED,
        OfferStatus.DRAFT,
        OfferStatus.FILLED,
    ]
    with session_scope() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.action == 'offer.expire')).all()
        assert [entry.entity_id for entry in entries] == [str(past)]
    # Running again changes nothing (after a crash, the next holder may repeat a run).
    assert offer_expiry.expire_offers(offer_expiry.system_actor(), today) == []


def test_offer_expiry_is_the_scheduled_job(world: World) -> None:
    offer = _offer(world, 'OF-EXP-6', OfferStatus.PUBLISHED, date.today() - timedelta(days=2))
    scheduler = jobs.Scheduler(holder='instance-a')
    assert 'offer-expiry' in scheduler.run_due()
    assert _status(offer) == OfferStatus.EXPIRED


def test_only_an_administrator_or_the_system_expires_offers(world: World) -> None:
    with pytest.raises(PermissionDenied):
        offer_expiry.expire_offers(actor(world.user_ids['alice']))
