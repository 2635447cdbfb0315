"""Read side of the offres de stage: published offers for everyone (with the guide's criteria), an offer's
page, and the staff's lists of the offers they manage.

Offers visible to students are those published and inside their publication window; keywords and
criteria are in services/offer_search.py.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models import Contact, NomenclatureKind, Offer, OfferStatus, Organisation, Service
from services.actor import Actor
from services.code_lists import code_labels
from services.database import session_scope
from services.i18n import _
from services.labels import OFFER_STATUS
from services.offer_search import OfferFilters, engine_hits, engine_ready, keyword_score, offer_conditions
from services.pagination import PAGE_SIZE, Page, clamp_page
from services.permissions import Action, Target, can, require, scope_clause
from services.text import words

__all__ = [
    'OfferDetail',
    'OfferFilters',
    'OfferNotFound',
    'OfferSummary',
    'StaffOfferLine',
    'get_offer',
    'managed_offers',
    'offers_of_organisation',
    'published_now',
    'search_offers',
]

CANDIDATE_LIMIT = 5000


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
    status_value: str = ''  # OfferStatus value, for the staff's actions
    can_manage: bool = False  # the actor may edit, publish, withdraw… this offer


@dataclass(frozen=True)
class StaffOfferLine:
    id: int
    number: str
    title: str
    organisation_id: int
    organisation_name: str
    status: str  # OfferStatus value
    status_label: str
    publish_until: date | None


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


def search_offers(
    actor: Actor,
    text: str = '',
    *,
    organisation_id: int | None = None,
    page: int = 1,
    filters: OfferFilters | None = None,
) -> Page[OfferSummary]:
    """« Rechercher une offre »: published offers matching the keywords and the criteria, best first."""
    require(actor, Action.OFFER_READ)
    conditions = [published_now(), *offer_conditions(filters)]
    if organisation_id is not None:
        conditions.append(col(Offer.organisation_id) == organisation_id)
    query_words = words(text)
    query = select(Offer, Organisation.name).join(Organisation, col(Organisation.id) == Offer.organisation_id)
    ranked: list[tuple[Offer, str]]
    with session_scope() as session:
        if query_words and engine_ready():
            order = engine_hits(text, filters)
            rows = {
                offer.id: (offer, name)
                for offer, name in session.exec(query.where(col(Offer.id).in_(order), *conditions))
            }
            ranked = [rows[offer_id] for offer_id in order if offer_id in rows]
        else:
            newest_first = query.where(*conditions).order_by(col(Offer.publish_from).desc(), col(Offer.id).desc())
            candidates = list(session.exec(newest_first.limit(CANDIDATE_LIMIT)).all())
            ranked = _by_keywords(query_words, candidates) if query_words else candidates
    number = clamp_page(page, len(ranked))
    start = (number - 1) * PAGE_SIZE
    return Page([_summary(offer, name) for offer, name in ranked[start : start + PAGE_SIZE]], len(ranked), number)


def _by_keywords(query_words: list[str], candidates: list[tuple[Offer, str]]) -> list[tuple[Offer, str]]:
    scored = []
    for position, (offer, organisation_name) in enumerate(candidates):
        score = keyword_score(query_words, offer, organisation_name)
        if score is not None:
            scored.append((score - position * 1e-6, position))
    scored.sort(key=lambda pair: -pair[0])
    return [candidates[position] for _score, position in scored]


def _managed(actor: Actor) -> sa.ColumnElement[bool]:
    return scope_clause(
        actor, Action.OFFER_MANAGE, composante=col(Offer.composante_id), student=sa.null(), referent=sa.null()
    )


def managed_offers(
    actor: Actor, *, status: OfferStatus | None = None, organisation_id: int | None = None, limit: int = 500
) -> list[StaffOfferLine]:
    """The offers of the actor's composantes (any status), those waiting for moderation first."""
    require(actor, Action.OFFER_MANAGE)
    query = (
        select(Offer, Organisation.name)
        .join(Organisation, col(Organisation.id) == Offer.organisation_id)
        .where(_managed(actor))
        .order_by((col(Offer.status) == OfferStatus.TO_MODERATE).desc(), col(Offer.id).desc())
        .limit(limit)
    )
    if status is not None:
        query = query.where(col(Offer.status) == status)
    if organisation_id is not None:
        query = query.where(col(Offer.organisation_id) == organisation_id)
    with session_scope() as session:
        rows = session.exec(query).all()
    return [
        StaffOfferLine(
            id=offer.id or 0,
            number=offer.number,
            title=offer.title,
            organisation_id=offer.organisation_id,
            organisation_name=name,
            status=offer.status.value,
            status_label=OFFER_STATUS[offer.status],
            publish_until=offer.publish_until,
        )
        for offer, name in rows
    ]


def offers_of_organisation(actor: Actor, organisation_id: int) -> list[StaffOfferLine]:
    return managed_offers(actor, organisation_id=organisation_id)


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
        manages = can(actor, Action.OFFER_MANAGE, Target(composante_id=offer.composante_id))
        if visible is None and not manages:
            raise OfferNotFound()
        return _detail(session, offer, published=visible is not None, can_manage=manages)


def _detail(session: Session, offer: Offer, *, published: bool, can_manage: bool = False) -> OfferDetail:
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
        status_value=offer.status.value,
        can_manage=can_manage,
    )
