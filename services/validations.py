"""« Validation » (guide step 10): the composante's circuit of validations, given and withdrawn.

The circuit (Composante.validation_circuit) lists the required validations in order; each is given only once
the previous ones are, by whoever may give it (a teacher: the pedagogical one on the conventions he follows as
référent, refused here whatever the page shows). When the last one is given the convention becomes `validée`
and locked (changes go through avenants). Withdrawing needs a reason, also withdraws the later ones, and
when none is left reopens modification. Every step goes to the audit trail and e-mails the student.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from models import (
    Amendment,
    AmendmentStatus,
    Composante,
    Convention,
    ConventionStatus,
    User,
    ValidationEvent,
    ValidationKind,
    utcnow,
)
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.labels import CONVENTION_STATUS, VALIDATION_KIND
from services.mail import notifications
from services.permissions import Action, PermissionDenied, Target, can, require

MAX_REASON = 2000


class ValidationRefused(Exception):
    """The message is French and says what to do."""


@dataclass(frozen=True)
class StepState:
    kind: ValidationKind
    label: str
    granted: bool
    by: str | None
    at: datetime | None
    reason: str | None  # why it was withdrawn, when it was
    can_grant: bool  # the actor may give it now (rights, order, status)
    can_withdraw: bool


@dataclass(frozen=True)
class ValidationPanel:
    convention_id: int
    number: str
    status: ConventionStatus
    status_label: str
    version: int
    steps: list[StepState]


@dataclass(frozen=True)
class Outcome:
    number: str
    status: ConventionStatus
    message: str


def circuit_of(composante: Composante | None) -> list[ValidationKind]:
    """The composante's required validations, in order (unknown codes are ignored)."""
    raw = composante.validation_circuit if composante else ''
    kinds = []
    for code in (part.strip() for part in raw.split(',')):
        if code in ValidationKind._value2member_map_ and ValidationKind(code) not in kinds:
            kinds.append(ValidationKind(code))
    return kinds or [ValidationKind.ADMINISTRATIVE]


def action_for(kind: ValidationKind) -> Action:
    return Action.VALIDATE_PEDAGOGICAL if kind is ValidationKind.PEDAGOGICAL else Action.VALIDATE_ADMINISTRATIVE


def target_of(convention: Convention) -> Target:
    return Target(convention.composante_id, convention.student_id, convention.referent_id)


def _latest(session: Session, convention_id: int) -> dict[ValidationKind, tuple[ValidationEvent, str]]:
    rows = session.exec(
        select(ValidationEvent, User.display_name)
        .join(User, col(User.id) == ValidationEvent.actor_id)
        .where(ValidationEvent.convention_id == convention_id, col(ValidationEvent.amendment_id).is_(None))
        .order_by(col(ValidationEvent.at), col(ValidationEvent.id))
    ).all()
    return {ValidationKind(event.kind): (event, name) for event, name in rows}


def _granted(latest: dict[ValidationKind, tuple[ValidationEvent, str]]) -> set[ValidationKind]:
    return {kind for kind, (event, _name) in latest.items() if event.granted}


def _open(session: Session, convention_id: int) -> tuple[Convention, Composante]:
    convention = session.get(Convention, convention_id)
    if convention is None:
        raise ValidationRefused(_("Cette convention n'existe pas ou a été supprimée."))
    composante = session.get(Composante, convention.composante_id)
    return convention, composante  # type: ignore[return-value]


def _panel(session: Session, actor: Actor, convention: Convention, composante: Composante) -> ValidationPanel:
    assert convention.id is not None
    latest = _latest(session, convention.id)
    granted = _granted(latest)
    circuit = circuit_of(composante)
    target = target_of(convention)
    steps = []
    for position, kind in enumerate(circuit):
        event, name = latest.get(kind, (None, None))
        allowed = can(actor, action_for(kind), target)
        is_granted = kind in granted
        previous_done = all(earlier in granted for earlier in circuit[:position])
        later = [k for k in circuit[position + 1 :] if k in granted]
        steps.append(
            StepState(
                kind=kind,
                label=VALIDATION_KIND[kind],
                granted=is_granted,
                by=name,
                at=event.at if event else None,
                reason=event.reason if event and not event.granted else None,
                can_grant=allowed
                and not is_granted
                and previous_done
                and convention.status is ConventionStatus.CREATED,
                can_withdraw=allowed
                and is_granted
                and all(can(actor, action_for(k), target) for k in later)
                and convention.status in (ConventionStatus.CREATED, ConventionStatus.VALIDATED),
            )
        )
    return ValidationPanel(
        convention.id,
        convention.number,
        convention.status,
        CONVENTION_STATUS[convention.status],
        convention.version,
        steps,
    )


def validation_panel(actor: Actor, convention_id: int) -> ValidationPanel:
    with session_scope() as session:
        convention, composante = _open(session, convention_id)
        require(actor, Action.CONVENTION_READ, target_of(convention))
        return _panel(session, actor, convention, composante)


def _check_version(convention: Convention, version: int | None) -> None:
    if version is not None and version != convention.version:
        raise ValidationRefused(
            _(
                'La convention n° {number} a changé depuis que vous l’avez affichée (modification ou validation '
                'par quelqu’un d’autre). Rechargez la page pour voir son état actuel.',
                number=convention.number,
            )
        )


def _save(session: Session, convention: Convention) -> None:
    convention.updated_at = utcnow()  # an UPDATE moves the version: a page showing the old state is now stale
    session.add(convention)
    try:
        session.flush()
    except StaleDataError:
        raise ValidationRefused(
            _(
                'La convention n° {number} vient d’être modifiée par quelqu’un d’autre : rechargez la page.',
                number=convention.number,
            )
        ) from None


def _grant(
    session: Session, actor: Actor, convention: Convention, composante: Composante, kind: ValidationKind
) -> Outcome:
    assert convention.id is not None
    require(actor, action_for(kind), target_of(convention))
    circuit = circuit_of(composante)
    label = VALIDATION_KIND[kind]
    if kind not in circuit:
        raise ValidationRefused(
            _('La {kind} ne fait pas partie du circuit de validation de cette composante.', kind=label.lower())
        )
    if convention.status is not ConventionStatus.CREATED:
        raise ValidationRefused(
            _(
                'La convention n° {number} est {status} : il n’y a plus de validation à donner.',
                number=convention.number,
                status=CONVENTION_STATUS[convention.status],
            )
        )
    granted = _granted(_latest(session, convention.id))
    if kind in granted:
        raise ValidationRefused(_('La {kind} est déjà accordée.', kind=label.lower()))
    missing = [k for k in circuit[: circuit.index(kind)] if k not in granted]
    if missing:
        raise ValidationRefused(
            _(
                'La {kind} vient après la {first} : celle-ci doit être accordée d’abord.',
                kind=label.lower(),
                first=VALIDATION_KIND[missing[0]].lower(),
            )
        )
    session.add(ValidationEvent(convention_id=convention.id, kind=kind, granted=True, actor_id=actor.user_id))
    before = convention.status
    complete = all(k in granted or k is kind for k in circuit)
    if complete:
        convention.status = ConventionStatus.VALIDATED
    _save(session, convention)
    audit.record(
        session,
        actor_id=actor.user_id,
        action='convention.validate',
        entity_type='convention',
        entity_id=convention.id,
        summary=_('{kind} de la convention n° {number}', kind=label, number=convention.number),
        changes={'validation': kind.value, 'status': {'before': before.value, 'after': convention.status.value}},
    )
    if complete:
        notifications.convention_validated(session, convention)
        message = _('La convention n° {number} est validée.', number=convention.number)
    else:
        message = _('{kind} accordée pour la convention n° {number}.', kind=label, number=convention.number)
    return Outcome(convention.number, convention.status, message)


def validate(actor: Actor, convention_id: int, kind: ValidationKind, *, version: int | None = None) -> Outcome:
    """Give validation `kind` (in the circuit's order); `version` is the convention version the page showed."""
    kind = ValidationKind(kind)
    with session_scope() as session:
        convention, composante = _open(session, convention_id)
        require(actor, action_for(kind), target_of(convention))
        _check_version(convention, version)
        return _grant(session, actor, convention, composante, kind)


def unvalidate(
    actor: Actor, convention_id: int, kind: ValidationKind, reason: str, *, version: int | None = None
) -> Outcome:
    """Withdraw `kind` and the later validations of the circuit, with a reason; reopens modification if none is left."""
    kind = ValidationKind(kind)
    reason = ' '.join((reason or '').split())
    if not reason:
        raise ValidationRefused(_('Indiquez le motif du retrait de la validation : il est transmis à l’étudiant.'))
    if len(reason) > MAX_REASON:
        raise ValidationRefused(_('Le motif est trop long ({count} caractères au plus).', count=MAX_REASON))
    with session_scope() as session:
        convention, composante = _open(session, convention_id)
        assert convention.id is not None
        target = target_of(convention)
        require(actor, action_for(kind), target)
        _check_version(convention, version)
        if convention.status not in (ConventionStatus.CREATED, ConventionStatus.VALIDATED):
            raise ValidationRefused(
                _(
                    'La convention n° {number} est {status} : sa validation ne peut plus être retirée.',
                    number=convention.number,
                    status=CONVENTION_STATUS[convention.status],
                )
            )
        amendments = session.exec(
            select(Amendment.number).where(
                Amendment.convention_id == convention.id, Amendment.status != AmendmentStatus.CANCELLED
            )
        ).all()
        if amendments:
            raise ValidationRefused(
                _(
                    'La convention n° {number} a des avenants ({numbers}) : sa validation ne peut plus être retirée.',
                    number=convention.number,
                    numbers=', '.join(amendments),
                )
            )
        granted = _granted(_latest(session, convention.id))
        label = VALIDATION_KIND[kind]
        if kind not in granted:
            raise ValidationRefused(_('La {kind} n’est pas accordée : rien à retirer.', kind=label.lower()))
        circuit = circuit_of(composante)
        withdrawn = (
            [kind] + [k for k in circuit[circuit.index(kind) + 1 :] if k in granted] if kind in circuit else [kind]
        )
        for later in withdrawn:
            if not can(actor, action_for(later), target):
                raise PermissionDenied(
                    _(
                        'Retirer la {kind} retirerait aussi la {later}, que vous ne pouvez pas retirer.',
                        kind=label.lower(),
                        later=VALIDATION_KIND[later].lower(),
                    )
                )
        for withdrawn_kind in reversed(withdrawn):
            session.add(
                ValidationEvent(
                    convention_id=convention.id,
                    kind=withdrawn_kind,
                    granted=False,
                    reason=reason,
                    actor_id=actor.user_id,
                )
            )
        before = convention.status
        convention.status = ConventionStatus.CREATED
        _save(session, convention)
        reopened = not (granted - set(withdrawn))
        audit.record(
            session,
            actor_id=actor.user_id,
            action='convention.unvalidate',
            entity_type='convention',
            entity_id=convention.id,
            summary=_(
                '{kind} retirée de la convention n° {number} : {reason}',
                kind=', '.join(VALIDATION_KIND[k] for k in withdrawn),
                number=convention.number,
                reason=reason,
            ),
            changes={
                'validation': [k.value for k in withdrawn],
                'reason': reason,
                'status': {'before': before.value, 'after': convention.status.value},
            },
        )
        notifications.convention_unvalidated(session, convention, kind, reason, actor.display_name, reopened=reopened)
        message = _('{kind} retirée.', kind=label)
        if reopened:
            message += ' ' + _('La convention peut de nouveau être modifiée.')
        return Outcome(convention.number, convention.status, message)


@dataclass(frozen=True)
class BulkResult:
    done: list[Outcome]
    refused: dict[int, str]  # convention id -> why


def validate_next(actor: Actor, convention_ids: Sequence[int]) -> BulkResult:
    """Bulk validation from a search: on each convention, the next validation of its circuit, if the actor may give it.

    Each convention is its own transaction: one refusal does not undo the others.
    """
    done: list[Outcome] = []
    refused: dict[int, str] = {}
    for convention_id in dict.fromkeys(convention_ids):
        try:
            with session_scope() as session:
                convention, composante = _open(session, convention_id)
                require(actor, Action.CONVENTION_READ, target_of(convention))
                step = next((s for s in _panel(session, actor, convention, composante).steps if not s.granted), None)
                if convention.status is not ConventionStatus.CREATED or step is None:
                    reason = _('déjà {status}', status=CONVENTION_STATUS[convention.status])
                    raise ValidationRefused(
                        _('Convention n° {number} : {reason}.', number=convention.number, reason=reason)
                    )
                if not step.can_grant:
                    reason = _('la {kind} ne vous revient pas ou attend une étape précédente', kind=step.label.lower())
                    raise ValidationRefused(
                        _('Convention n° {number} : {reason}.', number=convention.number, reason=reason)
                    )
                done.append(_grant(session, actor, convention, composante, step.kind))
        except (ValidationRefused, PermissionDenied) as error:
            refused[convention_id] = str(error)
    return BulkResult(done, refused)
