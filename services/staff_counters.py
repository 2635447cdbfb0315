"""The staff home's « À faire »: what waits on the person, counted over their scope, each with the search it
opens: conventions to validate, avenants to validate, stages starting soon (or started) still not validated,
validated conventions still missing signatures, ended stages missing an evaluation.

A teacher sees what concerns his validations; gestionnaires and administrators see everything they manage.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

import sqlalchemy as sa
from sqlmodel import col, select

from models import Amendment, AmendmentStatus, Composante, Convention, ConventionStatus
from services.actor import Actor
from services.convention_queries import VALIDATION_ACTIONS, visible_to
from services.database import session_scope
from services.evaluation_followup import missing_count
from services.i18n import _
from services.permissions import Action, can

MAX_LISTED = 5


@dataclass(frozen=True)
class Counter:
    key: str
    label: str
    count: int
    link: str  # the search or list showing them
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, link) of the first ones, when no search fits


def _validation_scope(actor: Actor) -> sa.ColumnElement[bool]:
    return sa.or_(*(visible_to(actor, action) for action in VALIDATION_ACTIONS if can(actor, action)))


def _starting_soon(actor: Actor, today: date) -> Counter:
    """Not validated, and started or starting within the composante's alert delay (composante setting)."""
    with session_scope() as session:
        delays = dict(session.exec(select(Composante.id, Composante.alert_days_before_start)).all())
        per_composante = [
            sa.and_(col(Convention.composante_id) == cid, col(Convention.start_date) <= today + timedelta(days=days))
            for cid, days in delays.items()
        ]
        count = session.exec(
            select(sa.func.count())
            .select_from(Convention)
            .where(
                _validation_scope(actor),
                col(Convention.status) == ConventionStatus.CREATED,
                col(Convention.end_date) >= today,
                sa.or_(*per_composante) if per_composante else sa.false(),
            )
        ).one()
    horizon = today + timedelta(days=max(delays.values(), default=15))
    query = {'statut': ConventionStatus.CREATED.value, 'du': today.isoformat(), 'au': horizon.isoformat()}
    return Counter(
        'starting-soon',
        _('Stages qui commencent bientôt (ou ont commencé) sans être validés'),
        count,
        f'/conventions/recherche?{urlencode(query)}',
    )


def _amendments(actor: Actor) -> Counter:
    scope = visible_to(actor, Action.AMENDMENT_VALIDATE)
    with session_scope() as session:
        waiting = select(Amendment.id, Amendment.number).join(Convention, col(Convention.id) == Amendment.convention_id)
        waiting = waiting.where(scope, col(Amendment.status) == AmendmentStatus.CREATED)
        count = session.exec(select(sa.func.count()).select_from(waiting.subquery())).one()
        first = session.exec(waiting.order_by(col(Amendment.created_at)).limit(MAX_LISTED)).all()
    items = [(_('Avenant n° {n}', n=number), f'/avenants/{amendment_id}') for amendment_id, number in first]
    return Counter('amendments', _('Avenants à valider'), count, items[0][1] if items else '/validation', items)


def staff_counters(actor: Actor, today: date | None = None) -> list[Counter]:
    """The counters the actor's rights call for, in the order of the work."""
    today = today or date.today()
    counters: list[Counter] = []
    if any(can(actor, action) for action in VALIDATION_ACTIONS):
        with session_scope() as session:
            to_validate = session.exec(
                select(sa.func.count())
                .select_from(Convention)
                .where(_validation_scope(actor), col(Convention.status) == ConventionStatus.CREATED)
            ).one()
        counters.append(Counter('to-validate', _('Conventions à valider'), to_validate, '/validation?statut=creee'))
        counters.append(_starting_soon(actor, today))
    if can(actor, Action.AMENDMENT_VALIDATE):
        counters.append(_amendments(actor))
    if can(actor, Action.VALIDATE_ADMINISTRATIVE):
        with session_scope() as session:
            unsigned = session.exec(
                select(sa.func.count())
                .select_from(Convention)
                .where(
                    visible_to(actor, Action.VALIDATE_ADMINISTRATIVE),
                    col(Convention.status) == ConventionStatus.VALIDATED,
                )
            ).one()
        counters.append(
            Counter(
                'signatures', _('Conventions validées en attente de signatures'), unsigned, '/validation?statut=validee'
            )
        )
    if can(actor, Action.EVALUATION_MANAGE):
        counters.append(
            Counter(
                'evaluations',
                _('Stages terminés sans toutes leurs évaluations'),
                missing_count(actor, today),
                '/evaluations/suivi?incomplets=1',
            )
        )
    return counters
