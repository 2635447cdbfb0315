"""A convention's current terms: its original values plus its validated avenants, applied in order.

`current_terms()` is pure (rows in, values out); the recap, the PDFs and the legal checks of a new avenant all
read the convention through it, so « what is in force » has one definition.
"""

from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from models import Amendment, AmendmentStatus, Convention, Interruption


@dataclass
class Terms:
    start_date: date
    end_date: date
    subject: str
    service_id: int
    tutor_id: int
    referent_id: int
    effective_hours: float
    effective_days: float
    gratified: bool
    amount_cents: int | None
    unit: str | None
    basis: str | None
    payment: str | None
    rupture_date: date | None = None
    rupture_reason: str | None = None
    interruptions: list[Interruption] = field(default_factory=list)
    other_changes: list[str] = field(default_factory=list)
    amendment_numbers: list[str] = field(default_factory=list)  # the validated avenants applied

    @property
    def periods(self) -> list[tuple[date, date]]:
        return sorted((row.start_date, row.end_date) for row in self.interruptions)


def original_terms(convention: Convention, interruptions: Iterable[Interruption] = ()) -> Terms:
    """The convention as created (its own interruptions only)."""
    return Terms(
        start_date=convention.start_date,
        end_date=convention.end_date,
        subject=convention.subject,
        service_id=convention.service_id,
        tutor_id=convention.tutor_id,
        referent_id=convention.referent_id,
        effective_hours=convention.effective_hours,
        effective_days=convention.effective_days,
        gratified=convention.gratified,
        amount_cents=convention.gratification_amount_cents,
        unit=convention.gratification_unit,
        basis=convention.gratification_basis,
        payment=convention.gratification_payment,
        interruptions=sorted(
            (row for row in interruptions if row.amendment_id is None), key=lambda row: row.start_date
        ),
    )


def apply_amendment(terms: Terms, amendment: Amendment, added: Iterable[Interruption] = ()) -> None:
    """Change `terms` in place as `amendment` says (None columns leave a value unchanged)."""
    terms.start_date = amendment.new_start_date or terms.start_date
    terms.end_date = amendment.new_end_date or terms.end_date
    if amendment.rupture_date is not None:
        terms.rupture_date, terms.rupture_reason = amendment.rupture_date, amendment.rupture_reason
        terms.end_date = min(terms.end_date, amendment.rupture_date)
    terms.subject = amendment.new_subject or terms.subject
    terms.service_id = amendment.new_service_id or terms.service_id
    terms.tutor_id = amendment.new_tutor_id or terms.tutor_id
    terms.referent_id = amendment.new_referent_id or terms.referent_id
    if amendment.new_effective_hours is not None:
        terms.effective_hours = amendment.new_effective_hours
        terms.effective_days = amendment.new_effective_days or round(amendment.new_effective_hours / 7, 2)
    if amendment.new_gratification_amount_cents is not None:
        terms.gratified = amendment.new_gratification_amount_cents > 0
        terms.amount_cents = amendment.new_gratification_amount_cents
        terms.unit = amendment.new_gratification_unit or terms.unit
        terms.basis = amendment.new_gratification_basis or terms.basis
        terms.payment = amendment.new_gratification_payment or terms.payment
    if amendment.other_change:
        terms.other_changes.append(amendment.other_change)
    extra = [row for row in added if row.amendment_id == amendment.id]
    if extra:
        terms.interruptions = sorted([*terms.interruptions, *extra], key=lambda row: row.start_date)
    terms.amendment_numbers.append(amendment.number)


def current_terms(
    convention: Convention, amendments: Sequence[Amendment], interruptions: Sequence[Interruption] = ()
) -> Terms:
    """Original terms plus the VALIDATED avenants among `amendments`, in their order (others are ignored)."""
    terms = original_terms(convention, interruptions)
    for amendment in sorted(amendments, key=lambda a: a.sequence):
        if amendment.status == AmendmentStatus.VALIDATED:
            apply_amendment(terms, amendment, interruptions)
    return terms


def with_amendment(terms: Terms, amendment: Amendment, added: Iterable[Interruption] = ()) -> Terms:
    """A copy of `terms` with one more avenant applied (a pending one being checked or printed)."""
    after = copy(terms)
    after.interruptions = list(terms.interruptions)
    after.other_changes = list(terms.other_changes)
    after.amendment_numbers = list(terms.amendment_numbers)
    apply_amendment(after, amendment, added)
    return after


def load_amendments(session: Session, convention_id: int) -> list[Amendment]:
    return list(
        session.exec(
            select(Amendment).where(Amendment.convention_id == convention_id).order_by(col(Amendment.sequence))
        ).all()
    )


def load_interruptions(session: Session, convention_id: int) -> list[Interruption]:
    return list(
        session.exec(
            select(Interruption)
            .where(Interruption.convention_id == convention_id)
            .order_by(col(Interruption.start_date))
        ).all()
    )


def load_current_terms(session: Session, convention: Convention, *, before_sequence: int | None = None) -> Terms:
    """The terms in force (only the avenants numbered below `before_sequence` when given)."""
    assert convention.id is not None
    amendments = load_amendments(session, convention.id)
    if before_sequence is not None:
        amendments = [a for a in amendments if a.sequence < before_sequence]
    return current_terms(convention, amendments, load_interruptions(session, convention.id))
