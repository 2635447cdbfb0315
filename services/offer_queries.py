"""Read side of the offres de stage: published offers for everyone, an offer's page.

Offers visible to students are those published and inside their publication window. The set is
small (hundreds), so keyword matching is done in Python, tolerant of accents and small typos.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from rapidfuzz import fuzz, process
from sqlmodel import Session, col, select

from models import Contact, NomenclatureKind, Offer, OfferStatus, Organisation, Service
from services.actor import Actor
from services.code_lists import code_labels
from services.database import session_scope
from services.i18n import _
from services.labels import OFFER_STATUS
from services.pagination import PAGE_SIZE, Page, clamp_page
from services.permissions import Action, Target, can, require
from services.text import normalise, words

CANDIDATE_LIMIT = 5000
TYPO_SCORE = 80  # rapidfuzz ratio of a word against a word: two letters off in ten still match


class OfferNotFound(LookupError):
    def __init__(self) -> None:
        super().__init__(_("Cette offre n'existe pas ou n'est plus publiée."))


@dataclass(frozen=True)
class OfferSummary:
    id: int
    number: str
    title: str
    organisation_id: int
    organisation_name: str
    place: str
    start_date: date | None
    duration_weeks: int | None
    remote_possible: bool
    gratified: bool
    publish_until: date | None


@dataclass(frozen=True)
class OfferDetail:
    summary: OfferSummary
    status: str  # French label
    published_now: bool
    description: str
    missions: str | None
    profile: str | None
    thematique: str | None
    study_level: str | None
    service_name: str | None
    contact: str | None  # « Mme Luc Garnier, Chef d'atelier — luc@… — 03… »
    how_to_apply: str | None
    gratification_amount_cents: int | None


def published_now(today: date | None = None) -> sa.ColumnElement[bool]:
    today = today or date.today()
    return sa.and_(
        col(Offer.status) == OfferStatus.PUBLISHED,
        sa.or_(col(Offer.publish_from).is_(None), col(Offer.publish_from) <= today),
        sa.or_(col(Offer.publish_until).is_(None), col(Offer.publish_until) >= today),
    )


def _place(offer: Offer) -> str:
    parts = [offer.city or '', f'({offer.departement_code})' if offer.departement_code else '']
    if offer.country_code != 'FR':
        parts.append(offer.country_code)
    return ' '.join(part for part in parts if part) or '—'


def _summary(offer: Offer, organisation_name: str) -> OfferSummary:
    assert offer.id is not None
    return OfferSummary(
        id=offer.id,
        number=offer.number,
        title=offer.title,
        organisation_id=offer.organisation_id,
        organisation_name=organisation_name,
        place=_place(offer),
        start_date=offer.start_date,
        duration_weeks=offer.duration_weeks,
        remote_possible=offer.remote_possible,
        gratified=offer.gratified,
        publish_until=offer.publish_until,
    )


def _matches(query_words: list[str], offer: Offer, organisation_name: str) -> float | None:
    """A relevance score when every word is found (exactly, or with a small typo), else None."""
    headline = normalise(f'{offer.title} {organisation_name}')
    haystack = f'{headline} {normalise(offer.description)} {normalise(offer.missions or "")}'
    score = 0.0
    for word in query_words:
        if word in headline:
            score += 2
        elif word in haystack:
            score += 1
        elif len(word) >= 4 and process.extractOne(word, haystack.split(), scorer=fuzz.ratio, score_cutoff=TYPO_SCORE):
            score += 0.5
        else:
            return None
    return score


def search_offers(
    actor: Actor, text: str = '', *, organisation_id: int | None = None, page: int = 1
) -> Page[OfferSummary]:
    """« Rechercher une offre »: published offers matching every keyword, best first."""
    require(actor, Action.OFFER_READ)
    query = (
        select(Offer, Organisation.name)
        .join(Organisation, col(Organisation.id) == Offer.organisation_id)
        .where(published_now())
        .order_by(col(Offer.publish_from).desc(), col(Offer.id).desc())
        .limit(CANDIDATE_LIMIT)
    )
    if organisation_id is not None:
        query = query.where(Offer.organisation_id == organisation_id)
    with session_scope() as session:
        rows = session.exec(query).all()
    query_words = words(text)
    ranked: list[tuple[float, OfferSummary]] = []
    for position, (offer, organisation_name) in enumerate(rows):
        score = _matches(query_words, offer, organisation_name) if query_words else 0.0
        if score is not None:
            ranked.append((score - position * 1e-6, _summary(offer, organisation_name)))
    ranked.sort(key=lambda pair: -pair[0])
    number = clamp_page(page, len(ranked))
    start = (number - 1) * PAGE_SIZE
    return Page([summary for _score, summary in ranked[start : start + PAGE_SIZE]], len(ranked), number)


def _contact_line(contact: Contact | None) -> str | None:
    if contact is None:
        return None
    name = ' '.join(part for part in (contact.civility, contact.first_name, contact.last_name) if part)
    return f'{name}, {contact.function} — {contact.email} — {contact.phone}'


def get_offer(actor: Actor, offer_id: int) -> OfferDetail:
    """An offer's page: published ones for everyone, any status for staff who manage offers of its composante."""
    require(actor, Action.OFFER_READ)
    with session_scope() as session:
        offer = session.get(Offer, offer_id)
        if offer is None:
            raise OfferNotFound()
        visible = session.exec(select(sa.literal(1)).where(Offer.id == offer_id, published_now())).first()
        if visible is None and not can(actor, Action.OFFER_MANAGE, Target(composante_id=offer.composante_id)):
            raise OfferNotFound()
        return _detail(session, offer, published=visible is not None)


def _detail(session: Session, offer: Offer, *, published: bool) -> OfferDetail:
    organisation = session.get(Organisation, offer.organisation_id)
    service = session.get(Service, offer.service_id) if offer.service_id else None
    contact = session.get(Contact, offer.contact_id) if offer.contact_id else None
    thematiques = code_labels(session, NomenclatureKind.THEMATIQUE, [offer.thematique_code])
    levels = code_labels(session, NomenclatureKind.STUDY_LEVEL, [offer.study_level])
    return OfferDetail(
        summary=_summary(offer, organisation.name if organisation else '—'),
        status=OFFER_STATUS[offer.status],
        published_now=published,
        description=offer.description,
        missions=offer.missions,
        profile=offer.profile,
        thematique=thematiques.get(offer.thematique_code or '', offer.thematique_code),
        study_level=levels.get(offer.study_level or '', offer.study_level),
        service_name=service.name if service else None,
        contact=_contact_line(contact),
        how_to_apply=offer.how_to_apply,
        gratification_amount_cents=offer.gratification_amount_cents if offer.gratified else None,
    )
