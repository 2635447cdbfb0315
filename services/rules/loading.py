"""The one impure part of the rules: gathering the WizardFacts a draft's checks need, in a few queries."""

from collections.abc import Collection
from dataclasses import replace
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from models import (
    Amendment,
    AmendmentStatus,
    Composante,
    Contact,
    Convention,
    ConventionStatus,
    GratificationRate,
    NomenclatureEntry,
    NomenclatureKind,
    Offer,
    OfferStatus,
    Organisation,
    Service,
    Teacher,
)
from services.database import get_held
from services.rules.facts import HostFacts, PartyFacts, WizardFacts
from services.rules.fields import as_id
from services.rules.limits import OtherConvention


def rates(session: Session) -> dict[int, int]:
    return {rate.year: rate.hourly_minimum_cents for rate in session.exec(select(GratificationRate)).all()}


def codes(session: Session, *kinds: str) -> dict[str, frozenset[str]]:
    """The active codes of each list, in one query."""
    query = select(NomenclatureEntry.kind, NomenclatureEntry.code).where(
        col(NomenclatureEntry.kind).in_(kinds), col(NomenclatureEntry.active)
    )
    found: dict[str, set[str]] = {kind: set() for kind in kinds}
    for kind, code in session.exec(query).all():
        found[kind].add(code)
    return {kind: frozenset(values) for kind, values in found.items()}


def other_conventions(
    session: Session, student_id: int, *, excluding: int | None = None
) -> tuple[OtherConvention, ...]:
    """The student's live conventions (not cancelled), each with its avenants (not cancelled) applied."""
    query = select(Convention).where(
        Convention.student_id == student_id, Convention.status != ConventionStatus.CANCELLED
    )
    if excluding is not None:
        query = query.where(Convention.id != excluding)
    conventions = session.exec(query).all()
    if not conventions:
        return ()
    amendments = session.exec(
        select(Amendment)
        .where(
            col(Amendment.convention_id).in_([c.id for c in conventions]),
            Amendment.status != AmendmentStatus.CANCELLED,
        )
        .order_by(col(Amendment.sequence))
    ).all()
    others = []
    for convention in conventions:
        start, end, hours = convention.start_date, convention.end_date, convention.effective_hours
        for amendment in (a for a in amendments if a.convention_id == convention.id):
            start = amendment.new_start_date or start
            end = amendment.rupture_date or amendment.new_end_date or end
            hours = amendment.new_effective_hours if amendment.new_effective_hours is not None else hours
        others.append(
            OtherConvention(
                number=convention.number,
                organisation_id=convention.organisation_id,
                academic_year=convention.academic_year,
                start=start,
                end=end,
                hours=hours,
            )
        )
    return tuple(sorted(others, key=lambda other: other.start))


# Steps whose checks need the heavy facts: the student's other conventions, rates and code lists.
_FULL_STEPS = frozenset({5, 8})


def chosen_row(session: Session, model: Any, raw: Any) -> Any:
    """The row of the id chosen in the wizard (`raw`, as the draft holds it), kept for the rest of the unit of
    work; None, without a query, when no id was chosen yet."""
    key = as_id(raw)
    return None if key is None else get_held(session, model, key)


def load_facts(
    session: Session,
    data: dict[str, Any],
    *,
    student_id: int,
    convention_id: int | None = None,
    is_staff: bool = False,
    today: date | None = None,
    steps: Collection[int] = _FULL_STEPS,
) -> WizardFacts:
    """The facts the checks of `steps` need (all of them for step 5 or the recap)."""
    organisation = chosen_row(session, Organisation, data.get('organisation_id'))
    host = None
    if organisation is not None and organisation.id is not None:
        host = HostFacts(
            id=organisation.id,
            name=organisation.name,
            country_code=organisation.country_code,
            usable=organisation.closed_on is None and organisation.merged_into_id is None,
            merged_into_id=organisation.merged_into_id,
        )
    service = chosen_row(session, Service, data.get('service_id'))
    service_facts = None
    if service is not None and service.id is not None:
        own_country = None if service.same_address else service.country_code
        service_facts = PartyFacts(service.id, organisation_id=service.organisation_id, country_code=own_country)
    offer = chosen_row(session, Offer, data.get('offer_id'))
    teacher = chosen_row(session, Teacher, data.get('referent_id'))
    facts = WizardFacts(
        today=today or date.today(),
        is_staff=is_staff,
        organisation=host,
        service=service_facts,
        tutor=_contact(session, data.get('tutor_id')),
        signatory=_contact(session, data.get('signatory_id')),
        referent=PartyFacts(teacher.id, active=teacher.active) if teacher and teacher.id else None,
        offer_published=None if not data.get('offer_id') else bool(offer and offer.status == OfferStatus.PUBLISHED),
    )
    if not _FULL_STEPS.intersection(steps):
        return facts
    composante = chosen_row(session, Composante, data.get('composante_id'))
    lists = codes(session, NomenclatureKind.THEMATIQUE, NomenclatureKind.FOUND_HOW)
    return replace(
        facts,
        switch_month=composante.academic_year_switch_month if composante else 9,
        switch_day=composante.academic_year_switch_day if composante else 1,
        overlap_allowed=composante.overlap_allowed if composante else False,
        thematiques=lists[NomenclatureKind.THEMATIQUE],
        found_how=lists[NomenclatureKind.FOUND_HOW],
        others=other_conventions(session, student_id, excluding=convention_id),
        rates=rates(session),
    )


def _contact(session: Session, raw: Any) -> PartyFacts | None:
    contact = chosen_row(session, Contact, raw)
    if contact is None or contact.id is None:
        return None
    return PartyFacts(contact.id, organisation_id=contact.organisation_id, service_id=contact.service_id)
