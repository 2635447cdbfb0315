"""Signed, expiring links for people without an account (a tutor's evaluation, a host's offer submission).

A link grants exactly one purpose on exactly one object until it expires — nothing else: the page that
receives it checks `require(grant, purpose, object_id)` before showing or saving anything. The token is
signed with HMAC (itsdangerous) under the instance's storage secret and a per-purpose salt, so a token
made for one purpose is worthless for another. One-time links are consumed in the caller's
transaction (table signed_link_use), so the use and its effect are committed together.
"""

import enum
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlmodel import Session, select

from models import SignedLinkUse
from services.i18n import _
from services.permissions import PermissionDenied
from settings import get_settings


class Purpose(enum.StrEnum):
    TUTOR_EVALUATION = 'evaluation-tuteur'  # object: the convention the tutor evaluates
    HOST_OFFER = 'offre-accueil'  # object: the organisation submitting an offer


DEFAULT_LIFETIME = {Purpose.TUTOR_EVALUATION: timedelta(days=60), Purpose.HOST_OFFER: timedelta(days=30)}


class InvalidLink(Exception):
    """The message is French and safe to show; it never says whether the object exists."""


@dataclass(frozen=True)
class LinkGrant:
    purpose: Purpose
    object_id: int
    token_id: str
    one_time: bool
    issued_at: datetime
    expires_at: datetime


def _serializer(purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().effective_storage_secret, salt=f'pstage-signed-link:{purpose.value}')


def make_token(purpose: Purpose, object_id: int, *, lifetime: timedelta | None = None, one_time: bool = False) -> str:
    lifetime = DEFAULT_LIFETIME[purpose] if lifetime is None else lifetime
    payload = {'o': int(object_id), 'j': secrets.token_urlsafe(12), 'l': int(lifetime.total_seconds()), '1': one_time}
    return str(_serializer(purpose).dumps(payload))


def read_token(token: str, purpose: Purpose) -> LinkGrant:
    """The grant a token carries for `purpose`; InvalidLink if forged, for another purpose, or expired."""
    invalid = _("Ce lien n'est pas valide. Demandez un nouveau lien au bureau des stages.")
    if not isinstance(token, str) or not token or len(token) > 500:
        raise InvalidLink(invalid)
    try:
        payload, signed_at = _serializer(purpose).loads(token, return_timestamp=True)
    except SignatureExpired as error:  # only when a max_age is given; kept for safety
        raise InvalidLink(invalid) from error
    except BadSignature as error:
        raise InvalidLink(invalid) from error
    try:
        object_id, token_id, lifetime, one_time = (
            int(payload['o']),
            str(payload['j']),
            int(payload['l']),
            bool(payload['1']),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidLink(invalid) from error
    issued_at = signed_at.replace(tzinfo=UTC) if signed_at.tzinfo is None else signed_at
    expires_at = issued_at + timedelta(seconds=lifetime)
    if datetime.now(UTC) >= expires_at:
        raise InvalidLink(_('Ce lien a expiré. Demandez un nouveau lien au bureau des stages.'))
    return LinkGrant(purpose, object_id, token_id, one_time, issued_at, expires_at)


def require(grant: LinkGrant | None, purpose: Purpose, object_id: int) -> LinkGrant:
    """The least-privilege check: this link, this purpose, this object — anything else is refused."""
    if grant is None or grant.purpose is not purpose or grant.object_id != object_id:
        raise PermissionDenied()
    return grant


def already_used(session: Session, grant: LinkGrant) -> bool:
    return session.exec(select(SignedLinkUse.id).where(SignedLinkUse.token_id == grant.token_id)).first() is not None


def consume(session: Session, grant: LinkGrant) -> None:
    """Mark a one-time link used, in the caller's transaction; InvalidLink if it was used before."""
    if not grant.one_time:
        return
    used = _('Ce lien a déjà été utilisé. Demandez un nouveau lien au bureau des stages.')
    if already_used(session, grant):
        raise InvalidLink(used)
    try:
        with session.begin_nested():
            session.add(SignedLinkUse(token_id=grant.token_id, purpose=grant.purpose.value, object_id=grant.object_id))
    except sa.exc.IntegrityError as error:  # the same link used twice at the same moment
        raise InvalidLink(used) from error
