"""After an optimistic-lock refusal (someone saved the convention since this draft was opened): reload the current
version and re-apply what this person typed, so nothing is lost and nothing of the other person's is overwritten
silently.

What the others changed is read from the audit trail (`convention.update` entries since the draft was opened):
fields only they changed take their new value; fields only this person changed keep his; fields both changed keep
his (he is re-applying them) and are listed, so he can check them before saving again.
"""

from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from models import AuditEntry, Convention, Organisation, utcnow
from services import convention_mapping
from services.actor import Actor
from services.database import session_scope
from services.drafts import WizardError, open_draft
from services.i18n import _
from services.rules.catalog import LABELS, LAST_STEP

KEPT_AS_TYPED = ('interruptions', 'schedule_periods', 'nir_encrypted', 'duration_override_hours')


@dataclass(frozen=True)
class Reapplied:
    convention_id: int
    both_changed: list[str]  # French labels of the fields both people changed (his value kept)


def _same(first: Any, second: Any) -> bool:
    return str(first if first is not None else '') == str(second if second is not None else '')


def reapply_on_current(actor: Actor, draft_id: int) -> Reapplied:
    with session_scope() as session:
        draft, _student = open_draft(session, actor, draft_id, to_change=True)
        convention = session.get(Convention, draft.convention_id) if draft.convention_id else None
        if convention is None or convention.id is None:
            raise WizardError(_("Cette convention n'existe pas ou a été supprimée."))
        if reason := convention_mapping.locked_reason(session, convention):
            raise WizardError(reason)
        entries = session.exec(
            select(AuditEntry)
            .where(
                AuditEntry.action == 'convention.update',
                AuditEntry.entity_type == 'convention',
                AuditEntry.entity_id == str(convention.id),
                col(AuditEntry.at) >= draft.created_at,
            )
            .order_by(col(AuditEntry.at), col(AuditEntry.id))
        ).all()
        before_others: dict[str, Any] = {}  # each field the others changed, as it was when this draft was opened
        for entry in entries:
            for key, change in (entry.changes or {}).items():
                if isinstance(change, dict) and 'before' in change:
                    before_others.setdefault(key, change['before'])
        organisation = session.get(Organisation, convention.organisation_id)
        current = convention_mapping.draft_data(
            session, convention, organisation_name=organisation.name if organisation else ''
        )
        mine = draft.data
        merged = dict(current)
        both: list[str] = []
        for key in (*convention_mapping.COLUMNS, *KEPT_AS_TYPED):
            if key not in mine:
                continue
            if key not in before_others:
                merged[key] = mine[key]
            elif not _same(mine[key], before_others[key]) and not _same(mine[key], current.get(key)):
                merged[key] = mine[key]
                both.append(_(LABELS.get(key, key)))
        merged['version'] = convention.version
        draft.data = merged
        draft.step = LAST_STEP
        draft.created_at = utcnow()  # later changes by others are measured from now
        session.add(draft)
        return Reapplied(convention.id, both)
