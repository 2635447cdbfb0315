"""The wizard's server-side draft: what was typed at each step, saved as it is typed, checked step by step.

Nothing typed is lost: `save_step` stores the values first (even invalid ones), then checks the step
and advances only when it passes. The NIR never rests in clear, not even in a draft (`nir_encrypted`).
"""

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select, update

from models import (
    Convention,
    ConventionDraft,
    Formation,
    Offer,
    OfferStatus,
    Organisation,
    Role,
    Student,
)
from services import convention_mapping
from services.actor import Actor
from services.database import session_scope
from services.draft_view import DraftView, build_view
from services.i18n import _
from services.permissions import Action, PermissionDenied, Target, require
from services.rules import identity
from services.rules.catalog import DEPENDENTS, LAST_STEP, STEP_FIELDS, STEPS
from services.rules.durations import ZERO, Duration
from services.rules.facts import WizardFacts
from services.rules.fields import stored, to_json
from services.rules.loading import load_facts
from services.rules.reader import Reader
from services.rules.step_content import duration_of
from services.rules.steps import check_step

__all__ = [
    'STEPS',
    'STEP_FIELDS',
    'DraftNotFound',
    'DraftView',
    'StepResult',
    'WizardError',
    'apply_offer',
    'discard',
    'edit_convention',
    'preview_duration',
    'save_step',
    'start_or_resume',
]


class WizardError(Exception):
    """A request the wizard cannot honour; the message is French and shown as is."""


class DraftNotFound(WizardError):
    def __init__(self) -> None:
        super().__init__(_("Ce brouillon n'existe plus : il a été supprimé ou la convention a déjà été créée."))


@dataclass(frozen=True)
class StepResult:
    ok: bool
    errors: dict[str, str]
    warnings: dict[str, str]
    draft: DraftView
    computed: dict[str, Any] = field(default_factory=dict)


# --- loading, with the permission check -------------------------------------------------------------------


def _target(session: Session, draft: ConventionDraft, student: Student) -> tuple[Action, Target]:
    if draft.convention_id is None:
        return Action.CONVENTION_CREATE, Target(composante_id=student.composante_id, student_id=student.id)
    convention = session.get(Convention, draft.convention_id)
    if convention is None:
        raise DraftNotFound()
    target = Target(convention.composante_id, convention.student_id, convention.referent_id)
    return Action.CONVENTION_UPDATE, target


def hold_draft(session: Session, draft_id: int) -> None:
    """Hold the draft's row until the unit of work commits; call it before reading the draft's values to write
    them back merged with others. Two such units of work on the same draft (a save from the student's phone and
    one from her laptop, a merge of establishments) then follow one another: each merges into what the other
    wrote instead of writing back what it read before. Taken with a write of the row as it is, which locks it on
    PostgreSQL and takes the database's write lock on SQLite (a plain read there holds nothing)."""
    session.execute(
        update(ConventionDraft).where(col(ConventionDraft.id) == draft_id).values(step=ConventionDraft.step)
    )


def open_draft(
    session: Session, actor: Actor, draft_id: int, *, to_change: bool = False
) -> tuple[ConventionDraft, Student]:
    """The draft, if `actor` may work on it (guessing another student's draft id raises PermissionDenied).

    `to_change`: the unit of work reads the draft's values and writes them back merged with its own; the draft is
    held (`hold_draft`) before it is read."""
    if to_change:
        hold_draft(session, draft_id)
    draft = session.get(ConventionDraft, draft_id)
    if draft is None:
        raise DraftNotFound()
    student = session.get(Student, draft.student_id)
    assert student is not None
    require(actor, *_target(session, draft, student))
    return draft, student


def is_staff(actor: Actor) -> bool:
    return actor.has(Role.MANAGER) or actor.has(Role.ADMIN)


def facts_for(
    session: Session, actor: Actor, draft: ConventionDraft, data: dict[str, Any], step: int = LAST_STEP
) -> WizardFacts:
    return load_facts(
        session,
        data,
        student_id=draft.student_id,
        convention_id=draft.convention_id,
        is_staff=is_staff(actor),
        steps=(step,),
    )


def with_clear_nir(data: dict[str, Any]) -> dict[str, Any]:
    """A transient copy of the data with the NIR decrypted, for the checks only."""
    token = data.get('nir_encrypted')
    return {**data, 'nir': identity.decrypt(token) if token else ''}


# --- use cases ----------------------------------------------------------------------------------------------


def _prefill(session: Session, student: Student) -> dict[str, Any]:
    formation = session.get(Formation, student.formation_id) if student.formation_id else None
    return {
        'composante_id': student.composante_id,
        'formation_id': student.formation_id,
        'formation_label': formation.label if formation else '',
        'etape_label': formation.etape_label if formation else None,
        'formation_yearly_hours': formation.yearly_hours if formation else 0,
        'academic_year': student.academic_year,
        'student_email': student.institutional_email,
        'student_personal_email': student.personal_email,
        'student_phone': student.phone,
        'student_address': student.address,
        'student_postal_code': student.postal_code,
        'student_city': student.city,
        'student_country_code': student.country_code,
        'social_security_affiliation': True,
    }


def start_or_resume(actor: Actor, *, student_id: int | None = None, draft_id: int | None = None) -> DraftView:
    """A student's open draft (or a new one prefilled from the directory); staff name the student."""
    with session_scope() as session:
        if draft_id is not None:
            draft, student = open_draft(session, actor, draft_id)
            return build_view(session, draft, student)
        student_id = student_id if student_id is not None else actor.student_id
        if student_id is None:
            raise WizardError(_("Choisissez l'étudiant pour qui créer la convention."))
        found = session.get(Student, student_id)
        if found is None:
            raise PermissionDenied()
        require(actor, Action.CONVENTION_CREATE, Target(composante_id=found.composante_id, student_id=found.id))
        existing = session.exec(
            select(ConventionDraft)
            .where(
                ConventionDraft.student_id == student_id,
                ConventionDraft.owner_id == actor.user_id,
                col(ConventionDraft.convention_id).is_(None),
            )
            .order_by(col(ConventionDraft.id).desc())
        ).first()
        if existing is None:
            existing = ConventionDraft(student_id=student_id, owner_id=actor.user_id, data=_prefill(session, found))
            session.add(existing)
            session.flush()
        return build_view(session, existing, found)


def _same(old: Any, new: Any) -> bool:
    return str(old if old is not None else '') == str(new if new is not None else '')


def save_step(actor: Actor, draft_id: int, step: int, values: dict[str, Any]) -> StepResult:
    """Save what was typed for `step`, then check it; the draft moves to the next step only when it passes."""
    if step not in STEP_FIELDS:
        raise ValueError(f'no such wizard step: {step}')
    with session_scope() as session:
        draft, student = open_draft(session, actor, draft_id, to_change=True)
        data = dict(draft.data)
        changes = {key: stored(key, value) for key, value in values.items() if key in STEP_FIELDS[step]}
        if 'nir' in changes:
            nir = identity.compact(str(changes.pop('nir') or ''))
            if nir:
                data['nir_encrypted'] = identity.encrypt(nir)
            else:
                data.pop('nir_encrypted', None)
        next_step = max(draft.step, step + 1)
        for key, dependents in DEPENDENTS.items():
            if key in changes and data.get(key) is not None and not _same(data.get(key), changes[key]):
                for dependent in dependents:
                    data.pop(dependent, None)
                next_step = step + 1
        data.update(changes)
        facts = facts_for(session, actor, draft, data, step)
        data['organisation_name'] = facts.organisation.name if facts.organisation else None
        result = check_step(step, with_clear_nir(data) if step in (1, LAST_STEP) else data, facts)
        if step == 5:
            for key in ('effective_hours', 'effective_days'):
                data[key] = result.values.get(key)
        if result.verdict.ok and step <= draft.step:
            draft.step = min(next_step, LAST_STEP)
        elif not result.verdict.ok and step < LAST_STEP:
            draft.step = min(draft.step, step)  # every step before `draft.step` has passed its checks
        draft.data = data  # a new dict: JSON columns only notice reassignment
        session.add(draft)
        session.flush()
        return StepResult(
            ok=result.verdict.ok,
            errors=result.verdict.errors,
            warnings=result.verdict.warnings,
            draft=build_view(session, draft, student, facts),
            computed=result.computed,
        )


def apply_offer(actor: Actor, draft_id: int, offer_id: int) -> DraftView:
    """« Votre stage est-il en rapport avec une offre ? » — Oui: host, service, tutor and subject from the offer."""
    with session_scope() as session:
        draft, student = open_draft(session, actor, draft_id, to_change=True)
        offer = session.get(Offer, offer_id)
        if offer is None or offer.status != OfferStatus.PUBLISHED:
            raise WizardError(_("Cette offre n'est pas publiée : choisissez-en une autre ou répondez « Non »."))
        data = dict(draft.data)
        if not _same(data.get('organisation_id'), offer.organisation_id):
            for dependent in DEPENDENTS['organisation_id']:
                data.pop(dependent, None)
        data.update(offer_id=offer.id, organisation_id=offer.organisation_id)
        if offer.service_id is not None:
            data['service_id'] = offer.service_id
        if offer.contact_id is not None:
            data['tutor_id'] = offer.contact_id
        data['subject'] = offer.title
        if offer.missions:
            data['activities'] = offer.missions
        if offer.thematique_code:
            data['thematique_code'] = offer.thematique_code
        organisation = session.get(Organisation, offer.organisation_id)
        data['organisation_name'] = organisation.name if organisation else None
        draft.data = data
        if draft.step >= 2:  # step 1 passed: straight to the service, as the guide says
            draft.step = 3
        session.add(draft)
        session.flush()
        return build_view(session, draft, student)


def edit_convention(actor: Actor, convention_id: int) -> DraftView:
    """Back into the wizard for a convention not yet validated: a draft holding its current values."""
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        if convention is None:
            raise WizardError(_("Cette convention n'existe pas."))
        target = Target(convention.composante_id, convention.student_id, convention.referent_id)
        require(actor, Action.CONVENTION_UPDATE, target)
        if reason := convention_mapping.locked_reason(session, convention):
            raise WizardError(reason)
        student = session.get(Student, convention.student_id)
        assert student is not None
        draft = session.exec(
            select(ConventionDraft).where(
                ConventionDraft.convention_id == convention_id, ConventionDraft.owner_id == actor.user_id
            )
        ).first()
        if draft is None:
            organisation = session.get(Organisation, convention.organisation_id)
            data = convention_mapping.draft_data(
                session, convention, organisation_name=organisation.name if organisation else ''
            )
            draft = ConventionDraft(
                student_id=convention.student_id,
                convention_id=convention_id,
                owner_id=actor.user_id,
                step=LAST_STEP,
                data=data,
            )
            session.add(draft)
            session.flush()
        return build_view(session, draft, student)


def discard(actor: Actor, draft_id: int) -> None:
    """Abandon a draft (a new convention never created, or changes to a convention never saved)."""
    with session_scope() as session:
        draft, _student = open_draft(session, actor, draft_id)
        session.delete(draft)


def preview_duration(values: dict[str, Any], *, abroad: bool = False) -> Duration:
    """The live duration of step 5 without saving (zero while dates or schedule are incomplete or wrong)."""
    reader = Reader({key: to_json(value) for key, value in values.items()})
    return duration_of(reader, in_france=not abroad) or ZERO
