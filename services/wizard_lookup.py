"""What the wizard's live search boxes call: établissements by name (+ département) or SIRET, offers.

Small on purpose: the national-scale search engine replaces these internals later, keeping the
signatures. Today a full scan with rapidfuzz, fine for the tens of thousands of a university's base.
"""

import sqlalchemy as sa
from rapidfuzz import fuzz, process
from sqlmodel import col, select

from models import Offer, Organisation
from services.actor import Actor
from services.database import session_scope
from services.offer_queries import OfferSummary, get_offer, published_now, search_offers
from services.organisations import OrganisationView, fold_organisation_name, open_organisations, view_of
from services.permissions import Action, require
from services.text import identifier_digits

NAME_SCORE_CUTOFF = 70


def find_organisations_by_name(
    actor: Actor, text: str, *, departement: str | None = None, limit: int = 20
) -> list[OrganisationView]:
    """Open établissements whose raison sociale (or enseigne) looks like `text`, best first; typos tolerated."""
    require(actor, Action.ORGANISATION_READ)
    wanted = fold_organisation_name(text)
    if len(wanted) < 2:
        return []
    query = select(Organisation).where(open_organisations())
    if departement:
        query = query.where(col(Organisation.departement_code) == departement.strip().upper())
    with session_scope() as session:
        candidates = session.exec(query).all()
    choices = {
        index: fold_organisation_name(f'{organisation.name} {organisation.trade_name or ""}')
        for index, organisation in enumerate(candidates)
    }
    best = process.extract(wanted, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=NAME_SCORE_CUTOFF)
    return [view_of(candidates[index]) for _choice, _score, index in best]


def find_organisations_by_siret(actor: Actor, text: str, *, limit: int = 20) -> list[OrganisationView]:
    """Open établissements whose SIRET starts with the digits typed (spaces and dots tolerated, SIREN works)."""
    require(actor, Action.ORGANISATION_READ)
    digits = identifier_digits(text)
    if not digits or len(digits) < 3:
        return []
    with session_scope() as session:
        rows = session.exec(
            select(Organisation)
            .where(open_organisations(), col(Organisation.siret).startswith(digits, autoescape=True))
            .order_by(col(Organisation.siret))
            .limit(limit)
        ).all()
        return [view_of(organisation) for organisation in rows]


def find_published_offers(actor: Actor, text: str, *, limit: int = 10) -> list[OfferSummary]:
    """« Votre stage est-il en rapport avec une offre ? »: by number (exact or its digits), raison sociale, keyword."""
    require(actor, Action.OFFER_READ)
    typed = text.strip()
    if len(typed) < 2:
        return []
    digits = identifier_digits(typed.replace('-', ''))
    by_number: list[OfferSummary] = []
    if digits:
        with session_scope() as session:
            offer_ids = session.exec(
                select(Offer.id)
                .where(published_now(), sa.func.replace(col(Offer.number), '-', '').contains(digits, autoescape=True))
                .order_by(col(Offer.number))
                .limit(limit)
            ).all()
        by_number = [get_offer(actor, offer_id).summary for offer_id in offer_ids if offer_id is not None]
    by_words = search_offers(actor, typed).items if not by_number else []
    return (by_number + by_words)[:limit]
