"""Configurable rules turning directory attributes (eduPersonAffiliation, supannEntiteAffectation) into roles.

PSTAGE_ROLE_RULES is a JSON list; each rule grants `role` to a person having `affiliation` ("*": anyone),
optionally only with the directory code `affectation`. Its scope, `composante`, is one of:
- absent or null: no composante scope (what students and teachers need: their rights follow their own
  conventions, not a composante);
- "affectation": each composante the person is assigned to (the rule grants nothing if none is known);
- a composante code such as "UFR-ST".
Example: [{"affiliation": "staff", "affectation": "S23", "role": "gestionnaire", "composante": "affectation"}].
Roles are added at sign-in, never removed (roles given by an administrator stay).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from auth.identity import Identity
from models import Role

FROM_AFFECTATION = 'affectation'


@dataclass(frozen=True)
class RoleRule:
    affiliation: str
    role: Role
    composante: str | None = None
    affectation: str | None = None

    def applies_to(self, identity: Identity) -> bool:
        if self.affiliation != '*' and self.affiliation.lower() not in identity.affiliations:
            return False
        return self.affectation is None or self.affectation in identity.affectations


# Staff (personnel administratif) get nothing by default: a gestionnaire is named by a rule or an administrator.
DEFAULT_RULES = (
    RoleRule('student', Role.STUDENT),
    RoleRule('faculty', Role.TEACHER),
    RoleRule('teacher', Role.TEACHER),
)


def load_rules(raw: Iterable[Mapping[str, Any]] | None) -> tuple[RoleRule, ...]:
    """Rules from settings; a wrong rule stops the start-up with a clear message rather than granting too much."""
    if raw is None:
        return DEFAULT_RULES
    rules = []
    for index, item in enumerate(raw):
        try:
            rules.append(
                RoleRule(
                    affiliation=str(item['affiliation']),
                    role=Role(item['role']),
                    composante=item.get('composante'),
                    affectation=item.get('affectation'),
                )
            )
        except (KeyError, ValueError, TypeError) as error:
            raise ValueError(f'PSTAGE_ROLE_RULES: rule {index} is invalid ({error!r}): {item!r}') from error
    return tuple(rules)


def granted_roles(
    identity: Identity,
    rules: Iterable[RoleRule],
    composante_ids: Mapping[str, int],
    affectation_map: Mapping[str, str] | None = None,
) -> set[tuple[Role, int | None]]:
    """(role, composante id or None) pairs the rules grant; `composante_ids` maps composante codes to ids."""
    affectation_map = affectation_map or {}
    own_composantes = {
        composante_ids[code]
        for code in (affectation_map.get(value, value) for value in identity.affectations)
        if code in composante_ids
    }
    granted: set[tuple[Role, int | None]] = set()
    for rule in rules:
        if not rule.applies_to(identity):
            continue
        if rule.composante is None:
            granted.add((rule.role, None))
        elif rule.composante == FROM_AFFECTATION:
            granted.update((rule.role, composante_id) for composante_id in own_composantes)
        elif rule.composante in composante_ids:
            granted.add((rule.role, composante_ids[rule.composante]))
    return granted
