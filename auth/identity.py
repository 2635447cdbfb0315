"""Who the sign-in method says the person is, the same shape whatever the method (local, OIDC, CAS)."""

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Method(enum.StrEnum):
    LOCAL = 'local'
    OIDC = 'oidc'
    CAS = 'cas'


METHOD_LABELS = {Method.LOCAL: 'connexion locale', Method.OIDC: 'connexion OpenID Connect', Method.CAS: 'connexion CAS'}


@dataclass(frozen=True)
class Identity:
    method: Method
    login: str  # the account name (CAS user, OIDC preferred_username or sub)
    email: str | None = None
    display_name: str | None = None
    student_number: str | None = None
    affiliations: frozenset[str] = frozenset()  # eduPersonAffiliation: student, faculty, staff, employee…
    affectations: frozenset[str] = frozenset()  # supannEntiteAffectation / composante codes
    attributes: Mapping[str, Any] = field(default_factory=dict)  # everything the provider sent, for the audit


# Identity field → attribute (claim) name, the usual names of French university directories (SupAnn).
DEFAULT_OIDC_CLAIMS = {
    'login': 'preferred_username',
    'email': 'email',
    'display_name': 'name',
    'student_number': 'supannEtuId',
    'affiliations': 'eduPersonAffiliation',
    'affectations': 'supannEntiteAffectation',
}
DEFAULT_CAS_ATTRIBUTES = {
    'login': '',  # empty: the CAS <cas:user>
    'email': 'mail',
    'display_name': 'displayName',
    'student_number': 'supannEtuId',
    'affiliations': 'eduPersonAffiliation',
    'affectations': 'supannEntiteAffectation',
}


def _values(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, list | tuple | set | frozenset):
        return [str(item).strip() for item in raw if str(item).strip()]
    # Some directories send one comma- or space-less string for a multi-valued attribute.
    return [part.strip() for part in str(raw).split(',') if part.strip()]


def _first(raw: Any) -> str | None:
    if isinstance(raw, list | tuple | set | frozenset):
        raw = next((item for item in raw if str(item).strip()), None)
    return str(raw).strip() or None if raw is not None else None


def identity_from_attributes(
    method: Method, attributes: Mapping[str, Any], mapping: Mapping[str, str], *, fallback_login: str | None = None
) -> Identity:
    """Read an Identity out of the provider's attributes through `mapping` (Identity field → attribute name)."""

    def pick(name: str) -> Any:
        key = mapping.get(name)
        return attributes.get(key) if key else None

    login = _first(pick('login')) or fallback_login
    if not login:
        raise ValueError('the identity provider sent no login')
    # eduPersonAffiliation values may be scoped (student@univ.fr): the rules look at the part before @.
    affiliations = frozenset(value.split('@', 1)[0].lower() for value in _values(pick('affiliations')))
    return Identity(
        method=method,
        login=login.strip().lower(),
        email=(_first(pick('email')) or None),
        display_name=_first(pick('display_name')),
        student_number=_first(pick('student_number')),
        affiliations=affiliations,
        affectations=frozenset(_values(pick('affectations'))),
        attributes=dict(attributes),
    )
