"""Offers whose publication period is over become « expirée » (run by the `offer-expiry` periodic job)."""

from datetime import date

from sqlmodel import col, select

from models import Offer, OfferStatus
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.permissions import Action, Target, require
from services.privacy import system_actor

__all__ = ['expire_offers', 'system_actor']

# Only offers visible to students expire; drafts and offers awaiting moderation keep their status.
EXPIRING = (OfferStatus.PUBLISHED,)


def expire_offers(actor: Actor, today: date | None = None) -> list[str]:
    """Mark every published offer whose `publish_until` is before `today` as expired; their numbers.

    One transaction: either every such offer expires (each with its audit entry) or none does.
    """
    require(actor, Action.OFFER_MANAGE, Target())
    today = today or date.today()
    with session_scope() as session:
        offers = session.exec(
            select(Offer)
            .where(col(Offer.status).in_(EXPIRING), col(Offer.publish_until) < today)
            .order_by(col(Offer.id))
            .with_for_update(skip_locked=True)  # PostgreSQL: an offer edited right now is left for the next run
        ).all()
        for offer in offers:
            offer.status = OfferStatus.EXPIRED
            audit.record(
                session,
                actor_id=actor.user_id or None,
                action='offer.expire',
                entity_type='offer',
                entity_id=offer.id,
                summary=f'Offre {offer.number} expirée (publiée jusqu’au {offer.publish_until:%d/%m/%Y})',
            )
        session.flush()
        return [offer.number for offer in offers]
