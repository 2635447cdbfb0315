"""Administration of the reference data: nomenclature entries (activated or not) and yearly gratification rates.

A deactivated entry disappears from the lists people choose from (services.code_lists.active_entries and
the rules' known codes) but keeps labelling the records that already use it. The legal checks read the
rates table on every check (services.rules.loading.rates), so an edited rate applies at once.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import col, select

from models import GratificationRate, NomenclatureEntry
from services import audit
from services.actor import Actor
from services.admin_queries import NOMENCLATURE_KIND
from services.database import session_scope
from services.i18n import _
from services.permissions import Action, require
from services.rules.fields import FieldError, parse_money_cents

LIST_LIMIT = 200
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_HOURLY_CENTS = 10_000  # 100 € an hour: beyond, a typing mistake


@dataclass(frozen=True)
class Entry:
    id: int
    code: str
    label: str
    active: bool


@dataclass(frozen=True)
class Entries:
    items: list[Entry]
    total: int  # matching entries, of which at most LIST_LIMIT are listed


def entries(actor: Actor, kind: str, text: str = '') -> Entries:
    """Entries of one list whose code or label contain every word typed, in the list's order."""
    require(actor, Action.ADMINISTER)
    if kind not in NOMENCLATURE_KIND:
        raise FieldError(_('Liste inconnue.'))
    conditions = [col(NomenclatureEntry.kind) == kind]
    for word in text.split():
        conditions.append(
            sa.or_(
                col(NomenclatureEntry.code).icontains(word, autoescape=True),
                col(NomenclatureEntry.label).icontains(word, autoescape=True),
            )
        )
    with session_scope() as session:
        total = session.exec(select(sa.func.count()).select_from(NomenclatureEntry).where(*conditions)).one()
        rows = session.exec(
            select(NomenclatureEntry)
            .where(*conditions)
            .order_by(col(NomenclatureEntry.position), col(NomenclatureEntry.code))
            .limit(LIST_LIMIT)
        ).all()
    return Entries([Entry(row.id or 0, row.code, row.label, row.active) for row in rows], total)


def set_entry_active(actor: Actor, entry_id: int, active: bool) -> None:
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        entry = session.get(NomenclatureEntry, entry_id)
        if entry is None:
            raise LookupError(_("Cette entrée n'existe pas."))
        entry.active = bool(active)
        session.add(entry)
        audit.record(
            session,
            actor_id=actor.user_id,
            action='nomenclature.activate' if active else 'nomenclature.deactivate',
            entity_type='nomenclature',
            entity_id=f'{entry.kind}/{entry.code}',
            summary=_(
                '{code} — {label} : {state}',
                code=entry.code,
                label=entry.label[:80],
                state=_('activé') if active else _('désactivé'),
            ),
        )


def set_rate(actor: Actor, year: int | str, hourly: str | int | float) -> int:
    """Create or change the minimum hourly gratification of a calendar year; returns the cents stored."""
    require(actor, Action.ADMINISTER)
    try:
        which = int(str(year).strip())
    except ValueError as error:
        raise FieldError(_("L'année s'écrit en chiffres, par exemple 2027.")) from error
    if not FIRST_YEAR <= which <= LAST_YEAR:
        raise FieldError(_("L'année doit être comprise entre {a} et {b}.", a=FIRST_YEAR, b=LAST_YEAR))
    cents = parse_money_cents(hourly if isinstance(hourly, str) else float(hourly))
    if not 0 < cents <= MAX_HOURLY_CENTS:
        raise FieldError(_('Le taux horaire est un montant en euros entre 0,01 et 100,00 (par exemple 4,35).'))
    with session_scope() as session:
        rate = session.get(GratificationRate, which)
        before = rate.hourly_minimum_cents if rate else None
        if rate is None:
            rate = GratificationRate(year=which, hourly_minimum_cents=cents)
        rate.hourly_minimum_cents = cents
        session.add(rate)
        audit.record(
            session,
            actor_id=actor.user_id,
            action='gratification_rate.set',
            entity_type='gratification_rate',
            entity_id=which,
            summary=_(
                'Gratification minimale horaire {year} : {amount} €',
                year=which,
                amount=f'{cents / 100:.2f}'.replace('.', ','),
            ),
            changes={'hourly_minimum_cents': [before, cents]},
        )
    return cents
