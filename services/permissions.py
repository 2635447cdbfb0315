"""The permission policy: role × action × ownership/composante scope, in one table.

Every service function calls `require(actor, action, target)` before it reads or writes; pages use
`can()` only to decide what to show. A person with several roles gets the union of their rights.
"""

import enum
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from models import Role
from services.actor import Actor
from services.i18n import _


class Action(enum.StrEnum):
    CONVENTION_CREATE = 'convention.create'
    CONVENTION_READ = 'convention.read'
    CONVENTION_UPDATE = 'convention.update'
    CONVENTION_DELETE = 'convention.delete'
    CONVENTION_PRINT = 'convention.print'
    CONVENTION_SEARCH = 'convention.search'
    VALIDATE_PEDAGOGICAL = 'convention.validate_pedagogical'
    VALIDATE_ADMINISTRATIVE = 'convention.validate_administrative'
    AMENDMENT_CREATE = 'amendment.create'
    AMENDMENT_VALIDATE = 'amendment.validate'
    ORGANISATION_READ = 'organisation.read'
    ORGANISATION_CREATE = 'organisation.create'
    ORGANISATION_MANAGE = 'organisation.manage'
    OFFER_READ = 'offer.read'
    OFFER_MANAGE = 'offer.manage'
    EVALUATION_ANSWER = 'evaluation.answer'
    EVALUATION_MANAGE = 'evaluation.manage'
    STATISTICS_VIEW = 'statistics.view'
    EXPORT = 'export'
    ADMINISTER = 'administer'


class Scope(enum.Enum):
    """How far a role's right on an action reaches."""

    ANY = 'any'  # every object
    COMPOSANTE = 'composante'  # objects of the composantes the role covers
    OWN = 'own'  # the student's own objects
    REFERENT = 'referent'  # conventions the teacher follows as enseignant référent
    NONE = 'none'


@dataclass(frozen=True)
class Target:
    """What a rule needs to know about the object acted upon."""

    composante_id: int | None = None
    student_id: int | None = None
    referent_id: int | None = None


S, T, M, A = Role.STUDENT, Role.TEACHER, Role.MANAGER, Role.ADMIN
POLICY: dict[Action, dict[Role, Scope]] = {
    Action.CONVENTION_CREATE: {S: Scope.OWN, M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.CONVENTION_READ: {S: Scope.OWN, T: Scope.REFERENT, M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.CONVENTION_UPDATE: {S: Scope.OWN, M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.CONVENTION_DELETE: {S: Scope.OWN, M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.CONVENTION_PRINT: {S: Scope.OWN, T: Scope.REFERENT, M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.CONVENTION_SEARCH: {T: Scope.REFERENT, M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.VALIDATE_PEDAGOGICAL: {T: Scope.REFERENT, M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.VALIDATE_ADMINISTRATIVE: {M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.AMENDMENT_CREATE: {S: Scope.OWN, M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.AMENDMENT_VALIDATE: {M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.ORGANISATION_READ: {S: Scope.ANY, T: Scope.ANY, M: Scope.ANY, A: Scope.ANY},
    Action.ORGANISATION_CREATE: {S: Scope.ANY, T: Scope.ANY, M: Scope.ANY, A: Scope.ANY},
    Action.ORGANISATION_MANAGE: {M: Scope.ANY, A: Scope.ANY},
    Action.OFFER_READ: {S: Scope.ANY, T: Scope.ANY, M: Scope.ANY, A: Scope.ANY},
    Action.OFFER_MANAGE: {M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.EVALUATION_ANSWER: {S: Scope.OWN, T: Scope.REFERENT},
    Action.EVALUATION_MANAGE: {M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.STATISTICS_VIEW: {M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.EXPORT: {M: Scope.COMPOSANTE, A: Scope.ANY},
    Action.ADMINISTER: {A: Scope.ANY},
}


class PermissionDenied(Exception):
    """Raised by services; its message is French and shown to the user as is."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Vous n'avez pas le droit d'effectuer cette action."))


def _reaches(actor: Actor, role: Role, scope: Scope, target: Target | None) -> bool:
    if scope is Scope.NONE:
        return False
    if target is None or scope is Scope.ANY:
        # Without a target the question is "may this actor do this at all?".
        return True
    if scope is Scope.COMPOSANTE:
        return actor.covers(role, target.composante_id)
    if scope is Scope.OWN:
        return actor.student_id is not None and actor.student_id == target.student_id
    if scope is Scope.REFERENT:
        return actor.teacher_id is not None and actor.teacher_id == target.referent_id
    return False


def can(actor: Actor | None, action: Action, target: Target | None = None) -> bool:
    if actor is None:
        return False
    rules = POLICY[action]
    return any(_reaches(actor, role, scope, target) for role, scope in rules.items() if actor.has(role))


def require(actor: Actor | None, action: Action, target: Target | None = None) -> Actor:
    if actor is None or not can(actor, action, target):
        raise PermissionDenied()
    return actor


def scope_clause(actor: Actor, action: Action, *, composante: Any, student: Any, referent: Any) -> Any:
    """The same policy as a SQL condition, for lists and searches: rows this actor may see for `action`."""
    conditions: list[Any] = []
    for role, scope in POLICY[action].items():
        if not actor.has(role):
            continue
        if scope is Scope.ANY or (scope is Scope.COMPOSANTE and actor.composantes(role) is None):
            return sa.true()
        if scope is Scope.COMPOSANTE:
            conditions.append(composante.in_(sorted(actor.composantes(role) or ())))
        elif scope is Scope.OWN and actor.student_id is not None:
            conditions.append(student == actor.student_id)
        elif scope is Scope.REFERENT and actor.teacher_id is not None:
            conditions.append(referent == actor.teacher_id)
    return sa.or_(*conditions) if conditions else sa.false()
