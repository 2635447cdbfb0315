"""The avenant: its number, motif and each change before → after.

« Before » is the convention as amended by the validated avenants numbered below this one, so an
avenant printed later still shows what it changed at the time.
"""

from typing import Any

from sqlmodel import Session, col, select

from models import Amendment, Contact, Convention, Interruption, Organisation, Service, Teacher
from services.current_terms import with_amendment
from services.documents_context import (
    Amended,
    amended,
    common_context,
    contact_view,
    get_row,
    period_views,
    service_view,
    teacher_view,
)


def _gratification(state: Amended, currency: str) -> dict[str, Any]:
    return {
        'gratified': state.gratified and bool(state.amount_cents),
        'amount_cents': state.amount_cents,
        'unit': state.unit or 'mois',
        'basis': state.basis or 'brut',
        'payment': state.payment,
        'currency': currency,
    }


def amendment_changes(
    session: Session, convention: Convention, amendment: Amendment, before: Amended, after: Amended
) -> list[dict[str, Any]]:
    """One entry per changed item: {key, kind, before, after}; kind tells the template how to print values."""
    changes: list[dict[str, Any]] = []

    def add(key: str, kind: str, old: Any, new: Any) -> None:
        changes.append({'key': key, 'kind': kind, 'before': old, 'after': new})

    if amendment.new_start_date is not None:
        add('start_date', 'date', before.start_date, amendment.new_start_date)
    if amendment.new_end_date is not None:
        add('end_date', 'date', before.end_date, amendment.new_end_date)
    added = session.exec(
        select(Interruption).where(Interruption.amendment_id == amendment.id).order_by(col(Interruption.start_date))
    ).all()
    if added:
        old_periods = period_views(before.interruptions)
        add('interruptions', 'periods', old_periods, old_periods + period_views(list(added)))
    if amendment.rupture_date is not None:
        add('rupture', 'date', None, amendment.rupture_date)
        add('rupture_reason', 'text', None, amendment.rupture_reason or '')
    if amendment.new_subject:
        add('subject', 'text', before.subject, amendment.new_subject)
    if amendment.new_gratification_amount_cents is not None:
        currency = convention.gratification_currency
        add('gratification', 'gratification', _gratification(before, currency), _gratification(after, currency))
    if amendment.new_service_id is not None:
        organisation = get_row(session, Organisation, convention.organisation_id)
        add(
            'service',
            'service',
            service_view(get_row(session, Service, before.service_id), organisation),
            service_view(get_row(session, Service, amendment.new_service_id), organisation),
        )
    if amendment.new_tutor_id is not None:
        add(
            'tutor',
            'person',
            contact_view(get_row(session, Contact, before.tutor_id)),
            contact_view(get_row(session, Contact, amendment.new_tutor_id)),
        )
    if amendment.new_referent_id is not None:
        add(
            'referent',
            'person',
            teacher_view(get_row(session, Teacher, before.referent_id)),
            teacher_view(get_row(session, Teacher, amendment.new_referent_id)),
        )
    if amendment.new_effective_hours is not None:
        add('effective_hours', 'hours', before.effective_hours, after.effective_hours)
        add('effective_days', 'days', before.effective_days, after.effective_days)
    if amendment.other_change:
        add('other', 'text', None, amendment.other_change)
    return changes


def amendment_context(session: Session, convention: Convention, amendment: Amendment, language: str) -> dict[str, Any]:
    before = amended(session, convention, before_sequence=amendment.sequence)
    after = with_amendment(before, amendment)
    context = common_context(
        session,
        convention,
        language,
        service_id=after.service_id,
        tutor_id=after.tutor_id,
        referent_id=after.referent_id,
    )
    context.update(
        amendment_number=amendment.number,
        motif=amendment.motif,
        created_on=amendment.created_at.date(),
        changes=amendment_changes(session, convention, amendment, before, after),
    )
    return context
