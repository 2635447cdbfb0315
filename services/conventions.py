"""Conventions from the wizard: « Créer » (numbered, in one transaction), saving changes, deleting.

Creation takes the year's number first: the counter row lock serialises concurrent creations, so the
checks that follow (924 h, overlap) see every convention committed before, and a refusal rolls the
number back with everything else.
"""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col

from models import Convention, ConventionDraft, ConventionStatus, Interruption, SchedulePeriod, utcnow
from services import audit, convention_mapping, numbering, search
from services.actor import Actor
from services.database import session_scope
from services.drafts import DraftNotFound, WizardError, facts_for, open_draft, with_clear_nir
from services.i18n import _
from services.mail import notifications
from services.permissions import Action, Target, require
from services.rules import academic_year
from services.rules.catalog import PREFILLED
from services.rules.fields import parse_date, to_json
from services.rules.steps import check_all
from services.rules.verdict import StepCheck

__all__ = [
    'ConventionConflict',
    'ConventionLocked',
    'ConventionNotFound',
    'ConventionRejected',
    'CreatedConvention',
    'create_from_draft',
    'delete_convention',
    'save_edit',
]


class ConventionRejected(WizardError):
    """The draft does not pass every step's checks: `errors` maps each field to what to fix."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__(errors.get('steps') or _('La convention ne peut pas être enregistrée : corrigez les erreurs.'))


class ConventionConflict(WizardError):
    """Someone else saved the convention since this draft was opened (optimistic lock)."""


class ConventionLocked(WizardError):
    """Validated (or a validation granted): changes go through an avenant."""


class ConventionNotFound(WizardError):
    def __init__(self) -> None:
        super().__init__(_("Cette convention n'existe pas ou a été supprimée."))


@dataclass(frozen=True)
class CreatedConvention:
    id: int
    number: str


def _checked(session: Session, actor: Actor, draft: ConventionDraft) -> StepCheck:
    result = check_all(with_clear_nir(draft.data), facts_for(session, actor, draft, draft.data))
    if not result.verdict.ok:
        raise ConventionRejected(result.verdict.errors)
    return result


def _columns(draft: ConventionDraft, result: StepCheck) -> dict[str, Any]:
    prefilled = {key: draft.data.get(key) for key in PREFILLED if key != 'composante_id'}
    return {
        **prefilled,
        **convention_mapping.column_values(result.values),
        'nir_encrypted': draft.data.get('nir_encrypted'),
    }


def _write_periods(session: Session, convention_id: int, data: dict[str, Any], *, replace: bool) -> None:
    """Write the convention's own interruptions (not those of avenants) and irregular calendar."""
    if replace:
        session.execute(
            sa.delete(Interruption).where(
                col(Interruption.convention_id) == convention_id, col(Interruption.amendment_id).is_(None)
            )
        )
        session.execute(sa.delete(SchedulePeriod).where(col(SchedulePeriod.convention_id) == convention_id))
    for start, end, *_rest in data.get('interruptions') or []:
        session.add(Interruption(convention_id=convention_id, start_date=parse_date(start), end_date=parse_date(end)))
    if data.get('irregular_schedule'):
        for start, end, hours, days in data.get('schedule_periods') or []:
            session.add(
                SchedulePeriod(
                    convention_id=convention_id,
                    start_date=parse_date(start),
                    end_date=parse_date(end),
                    hours_per_week=float(str(hours).replace(',', '.')),
                    days_per_week=float(str(days).replace(',', '.')),
                )
            )


def _remove_draft(session: Session, draft_id: int) -> None:
    """Delete the draft; if another request already consumed it (a double click), give up entirely."""
    removed = session.execute(sa.delete(ConventionDraft).where(col(ConventionDraft.id) == draft_id))
    if removed.rowcount != 1:  # type: ignore[attr-defined]
        raise DraftNotFound()


def _audit_values(values: dict[str, Any]) -> dict[str, Any]:
    return {key: to_json(value) for key, value in values.items() if key != 'nir_encrypted'}


def create_from_draft(actor: Actor, draft_id: int) -> CreatedConvention:
    """« Créer »: check every step again, then insert the numbered convention; the draft is consumed."""
    created = _create_from_draft(actor, draft_id)
    search.record_changed(search.CONVENTIONS, created.id)  # findable by name at once (after the commit)
    return created


def _create_from_draft(actor: Actor, draft_id: int) -> CreatedConvention:
    with session_scope() as session:
        draft, student = open_draft(session, actor, draft_id)
        if draft.convention_id is not None:
            raise WizardError(_('Ce brouillon modifie une convention existante : enregistrez les modifications.'))
        year = str(draft.data.get('academic_year') or '')
        if not academic_year.is_label(year):
            raise ConventionRejected({'academic_year': _('Année universitaire invalide « {year} ».', year=year)})
        number = numbering.convention_number(session, academic_year.first_year(year))
        try:  # re-read under the lock: another request may have changed or consumed the draft meanwhile
            session.refresh(draft)
        except sa.exc.InvalidRequestError:
            raise DraftNotFound() from None
        result = _checked(session, actor, draft)
        values = _columns(draft, result)
        convention = Convention(
            number=number,
            status=ConventionStatus.CREATED,
            composante_id=student.composante_id,
            created_by_id=actor.user_id,
            student_id=draft.student_id,
            **values,
        )
        session.add(convention)
        session.flush()
        assert convention.id is not None
        _write_periods(session, convention.id, draft.data, replace=False)
        _remove_draft(session, draft_id)
        audit.record(
            session,
            actor_id=actor.user_id,
            action='convention.create',
            entity_type='convention',
            entity_id=convention.id,
            summary=_('Convention n° {number} créée', number=number),
            changes={'after': _audit_values(values)},
        )
        notifications.convention_created(session, convention, actor.display_name)  # queued with the creation
        return CreatedConvention(id=convention.id, number=number)


def _conflict(number: str) -> ConventionConflict:
    return ConventionConflict(
        _(
            'La convention n° {number} a été modifiée par quelqu’un d’autre depuis que vous l’avez ouverte. '
            'Vos saisies sont conservées dans le brouillon : rouvrez la convention pour repartir de sa version '
            'actuelle, puis reportez vos modifications.',
            number=number,
        )
    )


def save_edit(actor: Actor, draft_id: int) -> CreatedConvention:
    """Save a modified convention not yet validated; a stale draft (someone saved meanwhile) is refused."""
    with session_scope() as session:
        draft, _student = open_draft(session, actor, draft_id)
        convention = session.get(Convention, draft.convention_id) if draft.convention_id else None
        if convention is None or convention.id is None:
            raise ConventionNotFound()
        if reason := convention_mapping.locked_reason(session, convention):
            raise ConventionLocked(reason)
        if draft.data.get('version') != convention.version:
            raise _conflict(convention.number)
        values = _columns(draft, _checked(session, actor, draft))
        before = {key: getattr(convention, key) for key in values}
        changed = {key: value for key, value in values.items() if before[key] != value}
        for key, value in changed.items():
            setattr(convention, key, value)
        convention.updated_at = utcnow()  # always an UPDATE, so the version moves even if only periods changed
        session.add(convention)
        try:
            session.flush()
        except StaleDataError:
            raise _conflict(convention.number) from None
        _write_periods(session, convention.id, draft.data, replace=True)
        _remove_draft(session, draft_id)
        audit.record(
            session,
            actor_id=actor.user_id,
            action='convention.update',
            entity_type='convention',
            entity_id=convention.id,
            summary=_('Convention n° {number} modifiée', number=convention.number),
            changes={
                key: {'before': to_json(before[key]), 'after': to_json(value)}
                for key, value in _audit_values(changed).items()
            }
            | ({'nir': {'changed': True}} if 'nir_encrypted' in changed else {}),
        )
        return CreatedConvention(id=convention.id, number=convention.number)


def delete_convention(actor: Actor, convention_id: int) -> None:
    """« Voulez-vous supprimer la convention ? » — only while not validated and no validation is granted."""
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        if convention is None:
            raise ConventionNotFound()
        require(
            actor,
            Action.CONVENTION_DELETE,
            Target(convention.composante_id, convention.student_id, convention.referent_id),
        )
        if reason := convention_mapping.locked_reason(session, convention):
            raise ConventionLocked(reason)
        audit.record(
            session,
            actor_id=actor.user_id,
            action='convention.delete',
            entity_type='convention',
            entity_id=convention_id,
            summary=_('Convention n° {number} supprimée', number=convention.number),
        )
        session.delete(convention)
