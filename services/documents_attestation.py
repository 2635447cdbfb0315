"""The attestation de stage (D124-9): total effective duration and total gratification paid.

Both come from the convention as amended by its validated avenants; the gratification total is
computed by the rules module (services.rules.gratification.total_paid), the one place that converts
an amount per hour / day / week / month into hours.
"""

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from models import Convention, GratificationUnit, WorkingTime
from services.documents_context import Amended, amended, common_context, period_views
from services.rules.durations import Duration
from services.rules.gratification import Schedule, total_paid


@dataclass(frozen=True)
class AttestationTotals:
    start_date: date
    end_date: date
    effective_hours: float
    effective_days: float
    gratification_cents: int  # 0 when nothing was paid
    amount_cents: int | None
    unit: str | None
    currency: str


def attestation_totals(convention: Convention, state: Amended) -> AttestationTotals:
    duration = Duration.from_hours(state.effective_hours)
    paid = 0
    if state.gratified and state.amount_cents and state.unit:
        schedule = Schedule(
            hours_per_week=convention.hours_per_week,
            days_per_week=convention.days_per_week,
            full_time=convention.working_time == WorkingTime.FULL_TIME,
        )
        paid = total_paid(state.amount_cents, GratificationUnit(state.unit), schedule, duration)
    return AttestationTotals(
        start_date=state.start_date,
        end_date=state.end_date,
        effective_hours=state.effective_hours,
        effective_days=state.effective_days,
        gratification_cents=paid,
        amount_cents=state.amount_cents,
        unit=state.unit,
        currency=convention.gratification_currency,
    )


def attestation_context(session: Session, convention: Convention, language: str) -> dict[str, Any]:
    state = amended(session, convention)
    context = common_context(
        session,
        convention,
        language,
        service_id=state.service_id,
        tutor_id=state.tutor_id,
        referent_id=state.referent_id,
    )
    totals = attestation_totals(convention, state)
    context['internship'] = {'subject': state.subject}
    context['totals'] = {
        **asdict(totals),
        'interruptions': period_views(state.interruptions),
        'rupture_date': state.rupture_date,
    }
    return context
