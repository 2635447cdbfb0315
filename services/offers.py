"""Offres de stage, write side: staff create, edit, duplicate, moderate, publish, withdraw and mark them filled.

Statuses: brouillon → à modérer → publiée → pourvue, or expirée at the end of the publication window
(services/offer_expiry.py, a periodic job; lists hide an offer past its window at once anyway). Every
offer gets its number (OF-AAAA-NNNNN) at creation. Host contacts propose offers through a signed link
(services/offer_invitations.py); theirs arrive « à modérer ».
"""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from models import Offer, OfferStatus
from services import audit, search
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.labels import OFFER_STATUS
from services.numbering import offer_number
from services.offer_input import OfferInput, validate_offer
from services.organisation_input import FormErrors
from services.organisation_search import index_changed
from services.permissions import Action, PermissionDenied, Target, can, require

__all__ = [
    'TRANSITIONS',
    'FormErrors',
    'OfferInput',
    'OfferMissing',
    'create_offer',
    'duplicate_offer',
    'edit_values',
    'set_status',
    'update_offer',
]


class OfferMissing(LookupError):
    def __init__(self) -> None:
        super().__init__(_("Cette offre n'existe pas."))


@dataclass(frozen=True)
class Transition:
    label: str  # the button
    sources: frozenset[OfferStatus]
    target: OfferStatus


TRANSITIONS: dict[str, Transition] = {
    'submit': Transition('Soumettre à la modération', frozenset({OfferStatus.DRAFT}), OfferStatus.TO_MODERATE),
    'publish': Transition(
        'Publier', frozenset({OfferStatus.DRAFT, OfferStatus.TO_MODERATE, OfferStatus.EXPIRED}), OfferStatus.PUBLISHED
    ),
    'withdraw': Transition('Retirer', frozenset({OfferStatus.PUBLISHED, OfferStatus.TO_MODERATE}), OfferStatus.DRAFT),
    'fill': Transition('Marquer pourvue', frozenset({OfferStatus.PUBLISHED, OfferStatus.EXPIRED}), OfferStatus.FILLED),
}


def default_composante(actor: Actor) -> int | None:
    """The composante of a gestionnaire who manages exactly one; None for an administrator (all)."""
    for role in actor.roles:
        covered = actor.composantes(role)
        if can(actor, Action.OFFER_MANAGE) and covered and len(covered) == 1:
            return next(iter(covered))
    return None


def _load(session: Session, actor: Actor, offer_id: int) -> Offer:
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise OfferMissing()
    require(actor, Action.OFFER_MANAGE, Target(composante_id=offer.composante_id))
    return offer


def _audit(session: Session, actor: Actor, offer: Offer, action: str, summary: str, **changes: object) -> None:
    audit.record(
        session,
        actor_id=actor.user_id or None,
        action=action,
        entity_type='offer',
        entity_id=offer.id,
        summary=summary,
        changes=dict(changes) or None,
    )


def _require_composante(actor: Actor, composante_id: int | None) -> None:
    if not can(actor, Action.OFFER_MANAGE, Target(composante_id=composante_id)):
        raise FormErrors({'composante_id': _('Choisissez une composante dont vous gérez les offres.')})


def create_offer(actor: Actor, data: OfferInput, *, publish: bool = False) -> int:
    """A staff offer, numbered, as « brouillon » (or published at once when `publish`); its id."""
    require(actor, Action.OFFER_MANAGE)
    composante_id = data.composante_id if data.composante_id is not None else default_composante(actor)
    _require_composante(actor, composante_id)
    with session_scope() as session:
        offer = Offer(**validate_offer(session, data), status=OfferStatus.DRAFT)
        offer.composante_id = composante_id
        offer.created_by_id = actor.user_id or None
        offer.number = offer_number(session, date.today().year)
        if publish:
            _check_publishable(offer)
            offer.status = OfferStatus.PUBLISHED
        session.add(offer)
        session.flush()
        _audit(
            session,
            actor,
            offer,
            'offer.create',
            _('Offre {number} créée ({status})', number=offer.number, status=OFFER_STATUS[offer.status]),
        )
        offer_id = offer.id or 0
    index_changed(search.OFFERS, [offer_id])
    return offer_id


def edit_values(actor: Actor, offer_id: int) -> OfferInput:
    """The offer as its form shows it, for « Modifier »."""
    with session_scope() as session:
        offer = _load(session, actor, offer_id)
    amount = offer.gratification_amount_cents
    return OfferInput(
        title=offer.title,
        organisation_id=offer.organisation_id,
        service_id=offer.service_id,
        contact_id=offer.contact_id,
        composante_id=offer.composante_id,
        description=offer.description,
        missions=offer.missions or '',
        profile=offer.profile or '',
        thematique_code=offer.thematique_code or '',
        city=offer.city or '',
        departement_code=offer.departement_code or '',
        country_code=offer.country_code,
        start_date=offer.start_date,
        duration_weeks=offer.duration_weeks,
        remote_possible=offer.remote_possible,
        gratified=offer.gratified,
        gratification_amount='' if amount is None else f'{amount / 100:.2f}'.replace('.', ','),
        study_level=offer.study_level or '',
        how_to_apply=offer.how_to_apply or '',
        publish_from=offer.publish_from,
        publish_until=offer.publish_until,
    )


def update_offer(actor: Actor, offer_id: int, data: OfferInput) -> int:
    """Edit every field; a published offer stays published only while it is still publishable. Its id."""
    with session_scope() as session:
        offer = _load(session, actor, offer_id)
        checked = validate_offer(session, data, organisation_id=offer.organisation_id)
        if data.composante_id is not None and data.composante_id != offer.composante_id:
            _require_composante(actor, data.composante_id)
            checked['composante_id'] = data.composante_id
        changes = {
            name: [str(getattr(offer, name)), str(value)]
            for name, value in checked.items()
            if getattr(offer, name) != value
        }
        for name, value in checked.items():
            setattr(offer, name, value)
        if offer.status is OfferStatus.PUBLISHED:
            _check_publishable(offer)
        if changes:
            _audit(session, actor, offer, 'offer.update', _('Offre {number} modifiée', number=offer.number), **changes)
    index_changed(search.OFFERS, [offer_id])
    return offer_id


def _check_publishable(offer: Offer) -> None:
    today = date.today()
    if offer.publish_from is None:
        offer.publish_from = today
    if offer.publish_until is None:
        raise FormErrors({'publish_until': _('Indiquez la date de fin de publication pour publier l’offre.')})
    if offer.publish_until < today:
        raise FormErrors(
            {'publish_until': _('La fin de publication est passée : choisissez une date à venir pour publier.')}
        )


def set_status(actor: Actor, offer_id: int, action: str) -> OfferStatus:
    """Apply a transition (« Publier », « Retirer »…); refused with a French message when it does not apply."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise PermissionDenied()
    with session_scope() as session:
        offer = _load(session, actor, offer_id)
        if offer.status not in transition.sources:
            raise FormErrors(
                {
                    'status': _(
                        'Impossible de « {action} » une offre {status}.',
                        action=_(transition.label).lower(),
                        status=OFFER_STATUS[offer.status],
                    )
                }
            )
        previous = offer.status
        offer.status = transition.target
        if transition.target is OfferStatus.PUBLISHED:
            _check_publishable(offer)
        before, after = OFFER_STATUS[previous], OFFER_STATUS[offer.status]
        summary = _('Offre {number} : {before} → {after}', number=offer.number, before=before, after=after)
        _audit(session, actor, offer, f'offer.{action}', summary, status=[previous.value, offer.status.value])
        status = offer.status
    index_changed(search.OFFERS, [offer_id])
    return status


NOT_COPIED = frozenset({'id', 'number', 'status', 'publish_from', 'publish_until', 'created_at', 'updated_at'})


def duplicate_offer(actor: Actor, offer_id: int) -> int:
    """A new « brouillon » with the same fields and a new number, without the publication window."""
    with session_scope() as session:
        original = _load(session, actor, offer_id)
        values = {name: getattr(original, name) for name in Offer.model_fields if name not in NOT_COPIED}
        copy = Offer(**values, number=offer_number(session, date.today().year), status=OfferStatus.DRAFT)
        copy.created_by_id = actor.user_id or None
        session.add(copy)
        session.flush()
        summary = _('Copie de l’offre {number}', number=original.number)
        _audit(session, actor, copy, 'offer.duplicate', summary, source=original.number)
        copy_id = copy.id or 0
    index_changed(search.OFFERS, [copy_id])
    return copy_id
