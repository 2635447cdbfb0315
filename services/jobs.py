"""Periodic jobs that must run once across every instance of the application (offer expiry, mail outbox, digests).

Each job is guarded by a lease, a row of `job_lease`: the instance holding an unexpired lease runs the job and
renews the lease at every run; the others try at every tick and take the job over only once the lease has
expired (its holder stopped, crashed or lost the database). Acquiring is one conditional UPDATE (after an
INSERT that does nothing when the row exists), so two instances can never both succeed: PostgreSQL re-checks
the condition on the row the first one wrote, SQLite serialises writers.

The search indexes are NOT such a job: they live in each process's memory, so every instance refreshes its own
(services.search.start_background).

    jobs.start_scheduler()   # at server start-up, in every instance
    jobs.stop_scheduler()    # at shutdown: releases the leases so another instance continues at once
"""

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from models import JobLease, utcnow
from services import database
from services.database import session_scope

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[], object]  # idempotent: after a crash, the next holder may repeat part of the work

    @property
    def lease(self) -> timedelta:
        # Long enough to cover a run and a late tick of the holder; short enough to hand over quickly.
        return self.every * 2 + timedelta(seconds=30)


def new_holder_id() -> str:
    """Who holds a lease: readable in the table (host and process) and unique across restarts."""
    return f'{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}'


# --- The lease ------------------------------------------------------------------------------------------------


def _insert_if_absent(name: str, holder: str, expires_at: datetime) -> sa.Executable:
    values = {'name': name, 'holder': holder, 'expires_at': expires_at}
    table = JobLease.__table__  # type: ignore[attr-defined]
    if database.engine().dialect.name == 'postgresql':
        return postgresql.insert(table).values(**values).on_conflict_do_nothing(index_elements=['name'])
    return sqlite.insert(table).values(**values).on_conflict_do_nothing(index_elements=['name'])


def acquire(name: str, holder: str, duration: timedelta, *, now: datetime | None = None) -> bool:
    """Take or renew the lease of job `name` until now + duration; False while another holder's lease runs."""
    now = now or utcnow()
    expires_at = now + duration
    table = JobLease.__table__  # type: ignore[attr-defined]
    with session_scope() as session:
        inserted = session.execute(_insert_if_absent(name, holder, expires_at))
        if inserted.rowcount == 1:  # type: ignore[attr-defined]
            return True
        taken = session.execute(
            sa.update(table)
            .where(table.c.name == name, sa.or_(table.c.holder == holder, table.c.expires_at <= now))
            .values(holder=holder, expires_at=expires_at)
        )
        return bool(taken.rowcount == 1)  # type: ignore[attr-defined]


def mark_run(name: str, holder: str, *, now: datetime | None = None) -> None:
    table = JobLease.__table__  # type: ignore[attr-defined]
    with session_scope() as session:
        session.execute(
            sa.update(table).where(table.c.name == name, table.c.holder == holder).values(last_run_at=now or utcnow())
        )


def release(name: str, holder: str, *, now: datetime | None = None) -> None:
    """Give the job up (shutdown): the lease expires now, so another instance takes it at its next tick."""
    table = JobLease.__table__  # type: ignore[attr-defined]
    with session_scope() as session:
        session.execute(
            sa.update(table).where(table.c.name == name, table.c.holder == holder).values(expires_at=now or utcnow())
        )


def holder_of(name: str, *, now: datetime | None = None) -> str | None:
    """The instance running job `name` now, or None when nobody holds an unexpired lease."""
    with session_scope() as session:
        lease = session.get(JobLease, name)
        if lease is None or lease.expires_at <= (now or utcnow()):
            return None
        return lease.holder


def run_if_leased(job: Job, holder: str, *, now: datetime | None = None) -> bool:
    """One tick of one job: run it if this instance holds (or could take) the lease. True if it ran."""
    if not acquire(job.name, holder, job.lease, now=now):
        return False
    try:
        job.run()
    except Exception:  # a failing job must not stop the others; it is retried at the next tick
        log.exception('job %s failed', job.name)
        return True
    mark_run(job.name, holder, now=now)
    return True


# --- The scheduler --------------------------------------------------------------------------------------------


def _expire_offers() -> object:
    from services import offer_expiry

    return offer_expiry.expire_offers(offer_expiry.system_actor())


def _deliver_mail() -> object:
    from services import mail

    return mail.deliver_due()


def _queue_digests() -> object:
    from services import mail

    return mail.enqueue_start_digests()


JOBS: tuple[Job, ...] = (
    Job('offer-expiry', timedelta(minutes=15), _expire_offers),
    Job('mail-outbox', timedelta(minutes=1), _deliver_mail),  # sends what is due, retries with backoff
    Job('mail-digest', timedelta(hours=1), _queue_digests),  # once a day per composante (deduplicated)
)


class Scheduler:
    """A daemon thread ticking every `tick` seconds; each job runs at most once per `job.every` in this instance."""

    def __init__(self, jobs: tuple[Job, ...] = JOBS, *, tick: float = 30.0, holder: str | None = None) -> None:
        self.jobs = jobs
        self.tick = tick
        self.holder = holder or new_holder_id()
        self._next: dict[str, datetime] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_due(self, now: datetime | None = None) -> list[str]:
        """Run every job that is due here and whose lease this instance gets; the names of those run."""
        now = now or utcnow()
        ran = []
        for job in self.jobs:
            if now < self._next.get(job.name, now):
                continue
            try:
                if run_if_leased(job, self.holder, now=now):
                    ran.append(job.name)
                    self._next[job.name] = now + job.every
            except sa.exc.SQLAlchemyError as error:  # database away (restart): try again at the next tick
                log.warning('job %s: lease not reachable (%s)', job.name, type(error).__name__)
        return ran

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_due()
            self._stop.wait(self.tick)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name='pstage-jobs', daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        for job in self.jobs:
            try:
                release(job.name, self.holder)
            except sa.exc.SQLAlchemyError:
                log.warning('job %s: lease not released (database unreachable); it expires by itself', job.name)


_scheduler: Scheduler | None = None
_lock = threading.Lock()


def start_scheduler(tick: float = 30.0) -> Scheduler:
    """Start this instance's scheduler (idempotent)."""
    global _scheduler
    with _lock:
        if _scheduler is None:
            _scheduler = Scheduler(tick=tick)
            _scheduler.start()
        return _scheduler


def stop_scheduler() -> None:
    global _scheduler
    with _lock:
        scheduler, _scheduler = _scheduler, None
    if scheduler is not None:
        scheduler.stop()
