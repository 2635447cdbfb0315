"""Avenants (guide section II): « création d'un avenant rectifiant la convention n°… », recap, modification
until validated, « Validation » by staff (then locked), printing (services.documents.amendment_print_job).

Created from a validated (or signed) convention by the student — when his composante allows it — or by staff;
one avenant at a time waits for validation. The law is checked again on the convention as amended (924 h with
the host in the academic year, gratification minimum), at creation, at each modification and at validation.
"""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from models import (
    Amendment,
    AmendmentStatus,
    Composante,
    Convention,
    ConventionStatus,
    Interruption,
    Role,
    ValidationEvent,
    ValidationKind,
)
from services import amendment_rules, audit, numbering
from services.actor import Actor
from services.amendment_rules import Change, ReadAmendment
from services.current_terms import load_current_terms
from services.database import session_scope
from services.i18n import _
from services.mail import notifications
from services.permissions import Action, PermissionDenied, Target, can, require
from services.rules.fields import to_json

CHANGE_COLUMNS = (
    'new_start_date',
    'new_end_date',
    'rupture_date',
    'rupture_reason',
    'new_subject',
    'new_gratification_amount_cents',
    'new_gratification_unit',
    'new_gratification_basis',
    'new_gratification_payment',
    'new_service_id',
    'new_tutor_id',
    'new_referent_id',
    'other_change',
    'new_effective_hours',
    'new_effective_days',
)


class AmendmentError(Exception):
    """A refusal; the message is French."""


class AmendmentRejected(AmendmentError):
    """The form does not pass its checks: `errors` maps each field (or 'law') to what to fix."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__(' '.join(errors.values()))


@dataclass(frozen=True)
class SavedAmendment:
    id: int
    number: str
    convention_id: int
    warnings: dict[str, str]


def target_of(convention: Convention) -> Target:
    return Target(convention.composante_id, convention.student_id, convention.referent_id)


def is_staff_for(actor: Actor, convention: Convention) -> bool:
    return actor.covers(Role.MANAGER, convention.composante_id) or actor.has(Role.ADMIN)


def _convention(session: Session, convention_id: int) -> Convention:
    convention = session.get(Convention, convention_id)
    if convention is None:
        raise AmendmentError(_("Cette convention n'existe pas ou a été supprimée."))
    return convention


def _amendment(session: Session, amendment_id: int) -> tuple[Amendment, Convention]:
    amendment = session.get(Amendment, amendment_id)
    if amendment is None or amendment.status is AmendmentStatus.CANCELLED:
        raise AmendmentError(_("Cet avenant n'existe pas ou a été supprimé."))
    return amendment, _convention(session, amendment.convention_id)


def creation_refusal(session: Session, actor: Actor, convention: Convention) -> str | None:
    """Why `actor` may not create an avenant to `convention` now (None: he may)."""
    if not can(actor, Action.AMENDMENT_CREATE, target_of(convention)):
        return _("Vous n'avez pas le droit de créer un avenant à cette convention.")
    if not is_staff_for(actor, convention):
        composante = session.get(Composante, convention.composante_id)
        if composante is not None and not composante.students_create_amendments:
            return _(
                'Votre composante ne permet pas aux étudiants de créer un avenant : adressez-vous au bureau des stages.'
            )
    if convention.status not in (ConventionStatus.VALIDATED, ConventionStatus.SIGNED):
        if convention.status is ConventionStatus.CREATED:
            return _(
                "La convention n° {number} n'est pas encore validée : modifiez-la directement, "
                "l'avenant sert après la validation.",
                number=convention.number,
            )
        return _('La convention n° {number} est close : plus d’avenant possible.', number=convention.number)
    pending = session.exec(
        select(Amendment.number).where(
            Amendment.convention_id == convention.id, Amendment.status == AmendmentStatus.CREATED
        )
    ).first()
    if pending:
        return _(
            "L'avenant n° {number} n'est pas encore validé : modifiez-le, ou attendez sa validation "
            'avant d’en créer un autre.',
            number=pending,
        )
    return None


def _read(
    session: Session, convention: Convention, data: dict[str, Any], *, before_sequence: int | None = None
) -> ReadAmendment:
    terms = load_current_terms(session, convention, before_sequence=before_sequence)
    facts = amendment_rules.load_facts(session, convention, terms)
    result = amendment_rules.read(data, facts)
    if not result.verdict.ok:
        raise AmendmentRejected(result.verdict.errors)
    return result


def _apply(amendment: Amendment, columns: dict[str, Any]) -> dict[str, Any]:
    """Set every change column (absent ones back to None); the changed ones, before → after, for the audit."""
    changed = {}
    for key in ('motif', *CHANGE_COLUMNS):
        value = columns.get(key, '' if key == 'motif' else None)
        if getattr(amendment, key) != value:
            changed[key] = {'before': to_json(getattr(amendment, key)), 'after': to_json(value)}
            setattr(amendment, key, value)
    return changed


def _write_interruptions(session: Session, amendment: Amendment, periods: list[Any], *, replace: bool) -> None:
    assert amendment.id is not None
    if replace:
        session.execute(sa.delete(Interruption).where(col(Interruption.amendment_id) == amendment.id))
    session.add_all(amendment_rules.interruption_rows(amendment.convention_id, amendment.id, periods))


def create_amendment(actor: Actor, convention_id: int, data: dict[str, Any]) -> SavedAmendment:
    """« créer l'avenant »: checked, numbered AAAA-NNNNNN-An, then recorded, traced and announced to staff."""
    with session_scope() as session:
        convention = _convention(session, convention_id)
        require(actor, Action.AMENDMENT_CREATE, target_of(convention))
        if refusal := creation_refusal(session, actor, convention):
            raise AmendmentError(refusal)
        assert convention.id is not None
        result = _read(session, convention, data)
        sequence = 1 + (
            session.exec(select(sa.func.max(Amendment.sequence)).where(Amendment.convention_id == convention.id)).one()
            or 0
        )
        amendment = Amendment(
            number=numbering.amendment_number(convention.number, sequence),
            convention_id=convention.id,
            sequence=sequence,
            status=AmendmentStatus.CREATED,
            motif='',
            created_by_id=actor.user_id,
        )
        changes = _apply(amendment, result.columns)
        session.add(amendment)
        session.flush()
        assert amendment.id is not None
        _write_interruptions(session, amendment, result.interruptions, replace=False)
        audit.record(
            session,
            actor_id=actor.user_id,
            action='amendment.create',
            entity_type='amendment',
            entity_id=amendment.id,
            summary=_('Avenant n° {number} créé : {motif}', number=amendment.number, motif=amendment.motif),
            changes=changes | _periods_change(result.interruptions),
        )
        notifications.amendment_created(session, convention, amendment, actor.display_name)
        return SavedAmendment(amendment.id, amendment.number, convention.id, result.verdict.warnings)


def _periods_change(periods: list[Any]) -> dict[str, Any]:
    if not periods:
        return {}
    return {'interruptions': {'before': None, 'after': [[to_json(a), to_json(b)] for a, b in periods]}}


def _conflict(amendment: Amendment) -> AmendmentError:
    return AmendmentError(
        _(
            "L'avenant n° {number} a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert. "
            'Vos saisies sont toujours dans le formulaire : rechargez l’avenant pour voir sa version actuelle, '
            'puis reportez-les.',
            number=amendment.number,
        )
    )


def _editable(session: Session, actor: Actor, amendment: Amendment, convention: Convention) -> None:
    require(actor, Action.AMENDMENT_CREATE, target_of(convention))
    if amendment.status is not AmendmentStatus.CREATED:
        raise AmendmentError(
            _("L'avenant n° {number} est validé : il ne peut plus être modifié.", number=amendment.number)
        )


def update_amendment(actor: Actor, amendment_id: int, data: dict[str, Any], *, version: int) -> SavedAmendment:
    """« modifier » until validated; `version` is the one the form was opened with (a stale form is refused)."""
    with session_scope() as session:
        amendment, convention = _amendment(session, amendment_id)
        _editable(session, actor, amendment, convention)
        if version != amendment.version:
            raise _conflict(amendment)
        result = _read(session, convention, data, before_sequence=amendment.sequence)
        changes = _apply(amendment, result.columns)
        session.add(amendment)
        try:
            session.flush()
        except StaleDataError:
            raise _conflict(amendment) from None
        _write_interruptions(session, amendment, result.interruptions, replace=True)
        assert amendment.id is not None
        assert convention.id is not None
        audit.record(
            session,
            actor_id=actor.user_id,
            action='amendment.update',
            entity_type='amendment',
            entity_id=amendment.id,
            summary=_('Avenant n° {number} modifié', number=amendment.number),
            changes=changes | _periods_change(result.interruptions),
        )
        return SavedAmendment(amendment.id, amendment.number, convention.id, result.verdict.warnings)


def validate_amendment(actor: Actor, amendment_id: int, *, version: int | None = None) -> SavedAmendment:
    """« Validation »: the law checked once more; the avenant is then locked and in force."""
    with session_scope() as session:
        amendment, convention = _amendment(session, amendment_id)
        require(actor, Action.AMENDMENT_VALIDATE, target_of(convention))
        if amendment.status is not AmendmentStatus.CREATED:
            raise AmendmentError(_("L'avenant n° {number} est déjà validé.", number=amendment.number))
        if version is not None and version != amendment.version:
            raise _conflict(amendment)
        assert amendment.id is not None
        assert convention.id is not None
        _read(session, convention, form_data_of(session, amendment), before_sequence=amendment.sequence)
        amendment.status = AmendmentStatus.VALIDATED
        session.add(amendment)
        session.add(
            ValidationEvent(
                convention_id=convention.id,
                amendment_id=amendment.id,
                kind=ValidationKind.ADMINISTRATIVE,
                granted=True,
                actor_id=actor.user_id,
            )
        )
        before = convention.status
        if amendment.rupture_date is not None:
            convention.status = ConventionStatus.CANCELLED  # a rupture ends the convention (« annulée »)
            session.add(convention)
        try:
            session.flush()
        except StaleDataError:
            raise _conflict(amendment) from None
        audit.record(
            session,
            actor_id=actor.user_id,
            action='amendment.validate',
            entity_type='amendment',
            entity_id=amendment.id,
            summary=_('Avenant n° {number} validé', number=amendment.number),
            changes={'status': {'before': 'cree', 'after': 'valide'}}
            | (
                {'convention_status': {'before': before.value, 'after': convention.status.value}}
                if before is not convention.status
                else {}
            ),
        )
        notifications.amendment_validated(session, convention, amendment)
        return SavedAmendment(amendment.id, amendment.number, convention.id, {})


def delete_amendment(actor: Actor, amendment_id: int) -> int:
    """Abandon an avenant not yet validated (its number is not reused); returns the convention id."""
    with session_scope() as session:
        amendment, convention = _amendment(session, amendment_id)
        _editable(session, actor, amendment, convention)
        amendment.status = AmendmentStatus.CANCELLED
        session.add(amendment)
        assert convention.id is not None
        audit.record(
            session,
            actor_id=actor.user_id,
            action='amendment.delete',
            entity_type='amendment',
            entity_id=amendment.id,
            summary=_('Avenant n° {number} supprimé', number=amendment.number),
        )
        return convention.id


def form_data_of(session: Session, amendment: Amendment) -> dict[str, Any]:
    """The form's raw values for a stored avenant (to modify it, or to check it again)."""
    periods = session.exec(
        select(Interruption).where(Interruption.amendment_id == amendment.id).order_by(col(Interruption.start_date))
    ).all()
    changes = []
    if amendment.new_start_date or amendment.new_end_date or periods:
        changes.append(Change.DATES)
    if amendment.rupture_date:
        changes.append(Change.RUPTURE)
    if amendment.new_subject:
        changes.append(Change.SUBJECT)
    if amendment.new_gratification_amount_cents is not None:
        changes.append(Change.GRATIFICATION)
    if amendment.new_service_id:
        changes.append(Change.PLACE)
    if amendment.new_tutor_id:
        changes.append(Change.TUTOR)
    if amendment.new_referent_id:
        changes.append(Change.REFERENT)
    if amendment.other_change:
        changes.append(Change.OTHER)
    cents = amendment.new_gratification_amount_cents
    return {
        'motif': amendment.motif,
        'changes': [change.value for change in changes],
        'new_start_date': to_json(amendment.new_start_date),
        'new_end_date': to_json(amendment.new_end_date),
        'interruptions': [[p.start_date.isoformat(), p.end_date.isoformat()] for p in periods],
        'rupture_date': to_json(amendment.rupture_date),
        'rupture_reason': amendment.rupture_reason,
        'new_subject': amendment.new_subject,
        'gratification_amount': f'{cents / 100:.2f}'.replace('.', ',') if cents is not None else None,
        'gratification_unit': to_json(amendment.new_gratification_unit),
        'gratification_basis': to_json(amendment.new_gratification_basis),
        'gratification_payment': to_json(amendment.new_gratification_payment),
        'new_service_id': amendment.new_service_id,
        'new_tutor_id': amendment.new_tutor_id,
        'new_referent_id': amendment.new_referent_id,
        'other_change': amendment.other_change,
    }


def ensure_may_read(actor: Actor, convention: Convention) -> None:
    if not can(actor, Action.CONVENTION_READ, target_of(convention)):
        raise PermissionDenied()
