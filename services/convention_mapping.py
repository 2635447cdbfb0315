"""Between a convention and the wizard's draft data: the keys are the Convention columns.

Also answers « may this convention still be changed directly? » (not once validated: then an avenant).
"""

from typing import Any

from sqlmodel import Session, col, select

from models import Convention, ConventionStatus, Interruption, SchedulePeriod, ValidationEvent
from services.i18n import _
from services.rules.catalog import COMPUTED, PREFILLED, STEP_FIELDS
from services.rules.fields import to_json

# Draft keys that are not Convention columns.
NOT_COLUMNS = frozenset({'nir', 'interruptions', 'schedule_periods', 'duration_override_hours'})
COLUMNS = (
    tuple(key for keys in STEP_FIELDS.values() for key in keys if key not in NOT_COLUMNS)
    + tuple(key for key in PREFILLED if key != 'composante_id')
    + COMPUTED
)


def granted_validations(session: Session, convention_id: int) -> list[str]:
    """Validation kinds currently granted (the latest event of each kind is a grant)."""
    events = session.exec(
        select(ValidationEvent)
        .where(ValidationEvent.convention_id == convention_id, col(ValidationEvent.amendment_id).is_(None))
        .order_by(col(ValidationEvent.at), col(ValidationEvent.id))
    ).all()
    latest: dict[str, bool] = {}
    for event in events:
        latest[event.kind] = event.granted
    return [kind for kind, granted in latest.items() if granted]


def locked_reason(session: Session, convention: Convention) -> str | None:
    """None while the convention may be changed or deleted directly; else why not, in French."""
    assert convention.id is not None
    if convention.status != ConventionStatus.CREATED:
        return _(
            'La convention n° {number} est validée : elle ne peut plus être modifiée ni supprimée. '
            'Toute modification passe par un avenant.',
            number=convention.number,
        )
    if granted_validations(session, convention.id):
        return _(
            'La convention n° {number} a déjà reçu une validation : elle ne peut plus être modifiée ni supprimée '
            'directement. Demandez au bureau des stages de retirer la validation, ou passez par un avenant.',
            number=convention.number,
        )
    return None


def draft_data(session: Session, convention: Convention, *, organisation_name: str) -> dict[str, Any]:
    """The draft of an existing convention, as if the wizard had been filled with its values."""
    data: dict[str, Any] = {key: to_json(getattr(convention, key)) for key in COLUMNS}
    data['composante_id'] = convention.composante_id
    data['nir_encrypted'] = convention.nir_encrypted
    data['organisation_name'] = organisation_name
    data['interruptions'] = [
        [row.start_date.isoformat(), row.end_date.isoformat()]
        for row in session.exec(
            select(Interruption)
            .where(Interruption.convention_id == convention.id, col(Interruption.amendment_id).is_(None))
            .order_by(col(Interruption.start_date))
        ).all()
    ]
    data['schedule_periods'] = [
        [row.start_date.isoformat(), row.end_date.isoformat(), row.hours_per_week, row.days_per_week]
        for row in session.exec(
            select(SchedulePeriod)
            .where(SchedulePeriod.convention_id == convention.id)
            .order_by(col(SchedulePeriod.start_date))
        ).all()
    ]
    if convention.duration_override_reason:
        data['duration_override_hours'] = convention.effective_hours
    data['version'] = convention.version
    return data


def column_values(values: dict[str, Any]) -> dict[str, Any]:
    """The typed values read by the checks, restricted to Convention columns."""
    return {key: values[key] for key in COLUMNS if key in values}
