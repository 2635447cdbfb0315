"""Reproducible demo data (`pstage seed-demo`): a university, its hosts, offers and conventions in every status.

Everything is drawn from Faker 'fr_FR' and `random.Random` seeded with the same number, so two runs
with the same seed give the same rows; the whole seed is one transaction of bulk inserts.
"""

import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, select

from models import (
    Amendment,
    Composante,
    Contact,
    Convention,
    Formation,
    GratificationRate,
    Offer,
    Organisation,
    Service,
    Student,
    Teacher,
    User,
)
from services.database import session_scope
from services.demo.context import DemoContext
from services.demo.conventions import create_conventions
from services.demo.hosts import create_hosts
from services.demo.offers import create_offers
from services.demo.plans import plan_conventions
from services.demo.university import create_university
from services.demo.users import create_users
from services.demo.workflow import create_workflow
from services.i18n import _

__all__ = ['DemoSummary', 'database_is_empty', 'seed_demo']


@dataclass(frozen=True)
class DemoSummary:
    composantes: int
    formations: int
    students: int
    teachers: int
    organisations: int
    services: int
    contacts: int
    offers: int
    conventions: int
    amendments: int
    users: int
    seconds: float

    def __str__(self) -> str:
        return _(
            '{composantes} composantes, {formations} formations, {students} étudiants, {teachers} enseignants, '
            '{organisations} établissements d’accueil ({services} services, {contacts} contacts), {offers} offres, '
            '{conventions} conventions, {amendments} avenants, {users} comptes — en {seconds} s.',
            composantes=self.composantes,
            formations=self.formations,
            students=self.students,
            teachers=self.teachers,
            organisations=self.organisations,
            services=self.services,
            contacts=self.contacts,
            offers=self.offers,
            conventions=self.conventions,
            amendments=self.amendments,
            users=self.users,
            seconds=f'{self.seconds:.1f}'.replace('.', ','),
        )


def database_is_empty() -> bool:
    """True while there is neither a composante nor an account (the reference lists do not count)."""
    with session_scope() as session:
        return all(session.exec(select(table.id).limit(1)).first() is None for table in (Composante, User))


def seed_demo(seed: int = 2026) -> DemoSummary:
    """Fill an empty database with the demo; the same seed always gives the same data."""
    started = time.perf_counter()
    if not database_is_empty():
        raise ValueError(
            _('La base contient déjà des composantes ou des comptes : données de démonstration non créées.')
        )
    with session_scope() as session:
        ctx = DemoContext.start(session, seed)
        rates = {rate.year: rate.hourly_minimum_cents for rate in session.exec(select(GratificationRate)).all()}
        create_university(ctx)
        create_hosts(ctx)
        create_users(ctx)
        offers = create_offers(ctx, rates)
        made = create_conventions(ctx, plan_conventions(ctx, offers), rates)
        create_workflow(ctx, made, rates)
        counts = _counts(session)
    return DemoSummary(**counts, seconds=time.perf_counter() - started)


def _counts(session: Session) -> dict[str, int]:
    tables = {
        'composantes': Composante,
        'formations': Formation,
        'students': Student,
        'teachers': Teacher,
        'organisations': Organisation,
        'services': Service,
        'contacts': Contact,
        'offers': Offer,
        'conventions': Convention,
        'amendments': Amendment,
        'users': User,
    }
    return {key: session.exec(select(sa.func.count()).select_from(table)).one() for key, table in tables.items()}
