"""Host contacts propose offers through a signed link sent by staff (no account needed).

The link (auth/signed_links, purpose HOST_OFFER, object: the organisation) is valid 30 days and may be used
for several offers; each one arrives « à modérer » for the composante of the staff member who sent it.
That composante is kept with the invitation in the audit trail (entry `offer.invite`, keyed by the link's
token id), so the link itself carries nothing but the organisation.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from auth import signed_links
from auth.signed_links import InvalidLink, Purpose
from models import AuditEntry, Contact, Offer, OfferStatus, Organisation, Service
from services import audit, search
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.numbering import offer_number
from services.offer_input import OfferInput, validate_offer
from services.offers import default_composante
from services.organisation_input import FormErrors
from services.organisation_search import index_changed
from services.permissions import Action, Target, require
from settings import get_settings

__all__ = ['HostOfferContext', 'InvalidLink', 'Invitation', 'host_context', 'invite_host', 'submit_host_offer']


@dataclass(frozen=True)
class Invitation:
    url: str
    expires_at: datetime
    email: str | None  # the contact's, for the « envoyer par e-mail » link


@dataclass(frozen=True)
class HostOfferContext:
    organisation_id: int
    organisation_name: str
    services: dict[int, str]
    contacts: dict[int, str]
    expires_at: datetime


def link_path(token: str) -> str:
    return f'/offres/proposer/{token}'


def invite_host(
    actor: Actor, organisation_id: int, *, contact_id: int | None = None, composante_id: int | None = None
) -> Invitation:
    """A link for the host's contacts to propose offers, recorded in the organisation's history."""
    composante_id = composante_id if composante_id is not None else default_composante(actor)
    require(actor, Action.OFFER_MANAGE, Target(composante_id=composante_id))
    with session_scope() as session:
        organisation = session.get(Organisation, organisation_id)
        if organisation is None or organisation.merged_into_id is not None:
            raise FormErrors({'organisation_id': _("Cet établissement d'accueil n'existe plus.")})
        contact = session.get(Contact, contact_id) if contact_id else None
        if contact is not None and contact.organisation_id != organisation_id:
            contact = None
        token = signed_links.make_token(Purpose.HOST_OFFER, organisation_id)
        grant = signed_links.read_token(token, Purpose.HOST_OFFER)
        audit.record(
            session,
            actor_id=actor.user_id or None,
            action='offer.invite',
            entity_type='organisation',
            entity_id=organisation_id,
            summary=_('Lien de proposition d’offre envoyé{to}', to=f' à {contact.email}' if contact else ''),
            changes={'token_id': grant.token_id, 'composante_id': composante_id, 'contact_id': contact_id},
        )
    base = (get_settings().public_url or '').rstrip('/')
    return Invitation(f'{base}{link_path(token)}', grant.expires_at, contact.email if contact else None)


def _grant(token: str) -> signed_links.LinkGrant:
    grant = signed_links.read_token(token, Purpose.HOST_OFFER)
    return signed_links.require(grant, Purpose.HOST_OFFER, grant.object_id)


def host_context(token: str) -> HostOfferContext:
    """What the host's form shows; InvalidLink (French message) for a forged, foreign or expired link."""
    grant = _grant(token)
    with session_scope() as session:
        organisation = session.get(Organisation, grant.object_id)
        if organisation is None or organisation.merged_into_id is not None or organisation.closed_on is not None:
            raise InvalidLink(_("Ce lien n'est plus valable. Demandez un nouveau lien au bureau des stages."))
        services = session.exec(select(Service).where(Service.organisation_id == grant.object_id)).all()
        contacts = session.exec(select(Contact).where(Contact.organisation_id == grant.object_id)).all()
        return HostOfferContext(
            organisation_id=grant.object_id,
            organisation_name=organisation.name,
            services={s.id or 0: s.name for s in services},
            contacts={c.id or 0: f'{c.first_name} {c.last_name} — {c.function}' for c in contacts},
            expires_at=grant.expires_at,
        )


def _invitation_composante(session: Session, token_id: str, organisation_id: int) -> int | None:
    entries = session.exec(
        select(AuditEntry)
        .where(
            AuditEntry.action == 'offer.invite',
            AuditEntry.entity_type == 'organisation',
            AuditEntry.entity_id == str(organisation_id),
        )
        .order_by(col(AuditEntry.id).desc())
    ).all()
    for entry in entries:
        if (entry.changes or {}).get('token_id') == token_id:
            value = (entry.changes or {}).get('composante_id')
            return int(value) if isinstance(value, int) else None
    return None


def submit_host_offer(token: str, data: OfferInput) -> str:
    """The host's offer, numbered and « à modérer »; its number. FormErrors / InvalidLink as the staff form."""
    host_context(token)  # the link still grants this organisation
    grant = _grant(token)
    with session_scope() as session:
        values = validate_offer(session, data, organisation_id=grant.object_id)
        values['publish_from'] = values['publish_from'] or date.today()
        offer = Offer(**values, status=OfferStatus.TO_MODERATE, number=offer_number(session, date.today().year))
        offer.composante_id = _invitation_composante(session, grant.token_id, grant.object_id)
        session.add(offer)
        session.flush()
        audit.record(
            session,
            actor_id=None,
            action='offer.propose',
            entity_type='offer',
            entity_id=offer.id,
            summary=_('Offre {number} proposée par l’établissement (lien signé), à modérer', number=offer.number),
            changes={'token_id': grant.token_id},
        )
        number, offer_id = offer.number, offer.id or 0
    index_changed(search.OFFERS, [offer_id])
    return number
