"""An avenant's form read and checked: which changes, their values, and the law re-checked on the amended convention.

Pure apart from `load_context` (one function gathering the database facts). Errors are French, keyed by the
form field they concern ('steps' for the legal ones that concern the whole avenant).
"""

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from models import (
    AmountBasis,
    Contact,
    Convention,
    GratificationUnit,
    Interruption,
    Organisation,
    PaymentMethod,
    SchedulePeriod,
    Service,
    Teacher,
    WorkingTime,
)
from services.current_terms import Terms
from services.i18n import N_, _
from services.rules import gratification, limits
from services.rules.durations import Duration, Period, effective_duration
from services.rules.fields import parse_money_cents, parse_periods
from services.rules.limits import OtherConvention
from services.rules.loading import other_conventions, rates
from services.rules.reader import Reader
from services.rules.verdict import Verdict

MAX_MOTIF = 2000


class Change(enum.StrEnum):
    """The kinds of change an avenant may carry (product spec « Avenants »)."""

    DATES = 'dates'
    RUPTURE = 'rupture'
    SUBJECT = 'sujet'
    GRATIFICATION = 'gratification'
    PLACE = 'lieu'
    TUTOR = 'tuteur'
    REFERENT = 'enseignant'
    OTHER = 'autre'


CHANGE_LABELS = {
    Change.DATES: N_('Dates : report, prolongation ou interruption'),
    Change.RUPTURE: N_('Rupture anticipée du stage'),
    Change.SUBJECT: N_('Sujet du stage'),
    Change.GRATIFICATION: N_('Gratification'),
    Change.PLACE: N_("Lieu ou service d'accueil"),
    Change.TUTOR: N_('Tuteur professionnel'),
    Change.REFERENT: N_('Enseignant référent'),
    Change.OTHER: N_('Autre modification'),
}


@dataclass(frozen=True)
class AmendmentFacts:
    """What the checks need to know about the convention and its world."""

    convention: Convention
    terms: Terms  # in force before this avenant
    organisation: Organisation
    services: dict[int, Service]
    contacts: dict[int, Contact]
    teachers: dict[int, Teacher]
    schedule_periods: list[Period]
    same_host: list[OtherConvention]  # the student's other conventions with this host this academic year
    rates: dict[int, int]


@dataclass
class ReadAmendment:
    """Typed columns of the Amendment, the interruptions it adds, and the verdict."""

    verdict: Verdict
    columns: dict[str, Any] = field(default_factory=dict)
    interruptions: list[tuple[date, date]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    duration: Duration | None = None  # recomputed when dates, interruptions or rupture change


def load_facts(session: Session, convention: Convention, terms: Terms) -> AmendmentFacts:
    assert convention.id is not None
    organisation = session.get(Organisation, convention.organisation_id)
    assert organisation is not None
    services = session.exec(select(Service).where(Service.organisation_id == organisation.id)).all()
    contacts = session.exec(select(Contact).where(Contact.organisation_id == organisation.id)).all()
    teachers = session.exec(select(Teacher).where(col(Teacher.active))).all()
    periods = session.exec(
        select(SchedulePeriod)
        .where(SchedulePeriod.convention_id == convention.id)
        .order_by(col(SchedulePeriod.start_date))
    ).all()
    same_host = [
        other
        for other in other_conventions(session, convention.student_id, excluding=convention.id)
        if other.organisation_id == organisation.id and other.academic_year == convention.academic_year
    ]
    return AmendmentFacts(
        convention=convention,
        terms=terms,
        organisation=organisation,
        services={s.id: s for s in services if s.id is not None},
        contacts={c.id: c for c in contacts if c.id is not None},
        teachers={t.id: t for t in teachers if t.id is not None},
        schedule_periods=[Period(p.start_date, p.end_date, p.hours_per_week, p.days_per_week) for p in periods],
        same_host=same_host,
        rates=rates(session),
    )


def _selected(raw: Any) -> list[Change]:
    values = raw if isinstance(raw, list | tuple | set) else []
    return [change for change in Change if change.value in {str(v) for v in values}]


def read(data: dict[str, Any], facts: AmendmentFacts) -> ReadAmendment:
    """Read the form: the motif, the chosen changes and their fields; then the law on the amended convention."""
    reader = Reader(data)
    result = ReadAmendment(reader.verdict)
    motif = reader.value('motif', lambda raw: ' '.join(str(raw).split()), False)
    if not motif:
        reader.verdict.error('motif', _('Indiquez le motif de la modification.'))
    elif len(motif) > MAX_MOTIF:
        reader.verdict.error('motif', _('Motif trop long : {count} caractères au plus.', count=MAX_MOTIF))
    result.columns['motif'] = motif or ''
    result.changes = changes = _selected(data.get('changes'))
    if not changes:
        reader.verdict.error('changes', _("Choisissez au moins une modification apportée par l'avenant."))
    terms = facts.terms
    columns = result.columns
    if Change.DATES in changes:
        _read_dates(reader, data, terms, result)
    if Change.RUPTURE in changes:
        columns['rupture_date'] = rupture = reader.date('rupture_date', required=False)
        columns['rupture_reason'] = reader.text('rupture_reason', required=False, max_length=MAX_MOTIF)
        if rupture is None and 'rupture_date' not in reader.verdict.errors:
            reader.verdict.error('rupture_date', _('Indiquez la date de la rupture.'))
        if rupture and not terms.start_date <= rupture <= terms.end_date:
            reader.verdict.error(
                'rupture_date',
                _(
                    'La date de rupture doit être comprise dans le stage (du {start} au {end}).',
                    start=rupture_day(terms.start_date),
                    end=rupture_day(terms.end_date),
                ),
            )
        if not columns['rupture_reason']:
            reader.verdict.error('rupture_reason', _('Indiquez le motif de la rupture.'))
    if Change.SUBJECT in changes:
        columns['new_subject'] = reader.text('new_subject', required=False, max_length=5000)
        if not columns['new_subject']:
            reader.verdict.error('new_subject', _('Indiquez le nouveau sujet du stage.'))
    if Change.GRATIFICATION in changes:
        columns['new_gratification_amount_cents'] = amount = reader.value(
            'gratification_amount', parse_money_cents, True
        )
        if amount is not None and amount < 0:
            reader.verdict.error('gratification_amount', _('Le montant ne peut pas être négatif.'))
        columns['new_gratification_unit'] = reader.choice('gratification_unit', GratificationUnit)
        columns['new_gratification_basis'] = reader.choice('gratification_basis', AmountBasis)
        columns['new_gratification_payment'] = reader.choice('gratification_payment', PaymentMethod)
    _read_parties(reader, changes, facts, columns)
    if Change.OTHER in changes:
        columns['other_change'] = reader.text('other_change', required=False, max_length=MAX_MOTIF)
        if not columns['other_change']:
            reader.verdict.error('other_change', _('Décrivez l’autre modification.'))
    if reader.verdict.ok:
        check_law(facts, result)
    return result


def rupture_day(value: date) -> str:
    return value.strftime('%d/%m/%Y')


def _read_dates(reader: Reader, data: dict[str, Any], terms: Terms, result: ReadAmendment) -> None:
    start = reader.date('new_start_date', required=False)
    end = reader.date('new_end_date', required=False)
    periods = reader.value('interruptions', parse_periods, False) or []
    new_start, new_end = start or terms.start_date, end or terms.end_date
    if start == terms.start_date:
        start = None
    if end == terms.end_date:
        end = None
    if start is None and end is None and not periods and 'new_start_date' not in reader.verdict.errors:
        reader.verdict.error(
            'new_end_date',
            _('Indiquez les nouvelles dates, ou une interruption : elles sont identiques aux dates actuelles.'),
        )
    if new_end < new_start:
        reader.verdict.error('new_end_date', limits.check_dates(new_start, new_end).errors['end_date'])
    all_periods = terms.periods + list(periods)
    if periods:
        checked = limits.check_interruptions(new_start, new_end, all_periods)
        for message in checked.errors.values():
            reader.verdict.error('interruptions', message)
    result.columns['new_start_date'], result.columns['new_end_date'] = start, end
    result.interruptions = list(periods)


def _read_parties(reader: Reader, changes: list[Change], facts: AmendmentFacts, columns: dict[str, Any]) -> None:
    terms = facts.terms
    if Change.PLACE in changes:
        service_id = reader.ident('new_service_id', required=False)
        if service_id is None:
            reader.verdict.error('new_service_id', _("Choisissez le nouveau service d'accueil."))
        elif service_id not in facts.services:
            reader.verdict.error('new_service_id', _("Choisissez un service de l'établissement d'accueil."))
        elif service_id == terms.service_id:
            reader.verdict.error('new_service_id', _('C’est déjà le service actuel : choisissez le nouveau lieu.'))
        columns['new_service_id'] = service_id
    if Change.TUTOR in changes or Change.PLACE in changes:
        tutor_id = reader.ident('new_tutor_id', required=False)
        if tutor_id is None:
            reader.verdict.error(
                'new_tutor_id',
                _(
                    'Vous changez de lieu de stage : choisissez aussi le tuteur professionnel '
                    '(s’il n’est pas référencé, créez-le d’abord).'
                )
                if Change.PLACE in changes
                else _('Choisissez le nouveau tuteur professionnel.'),
            )
        elif tutor_id not in facts.contacts:
            reader.verdict.error('new_tutor_id', _("Choisissez un contact de l'établissement d'accueil."))
        elif tutor_id == terms.tutor_id and Change.PLACE not in changes:
            reader.verdict.error('new_tutor_id', _('C’est déjà le tuteur actuel : choisissez le nouveau tuteur.'))
        columns['new_tutor_id'] = tutor_id
    if Change.REFERENT in changes:
        referent_id = reader.ident('new_referent_id', required=False)
        if referent_id is None:
            reader.verdict.error('new_referent_id', _('Choisissez le nouvel enseignant référent.'))
        elif referent_id not in facts.teachers:
            reader.verdict.error('new_referent_id', _('Choisissez un enseignant dans la liste.'))
        elif referent_id == terms.referent_id:
            reader.verdict.error('new_referent_id', _('C’est déjà l’enseignant référent actuel.'))
        columns['new_referent_id'] = referent_id


def check_law(facts: AmendmentFacts, result: ReadAmendment) -> None:
    """924 h per host and academic year, and the gratification minimum, on the convention as amended."""
    convention, terms, columns = facts.convention, facts.terms, result.columns
    in_france = facts.organisation.country_code == 'FR'
    dates_change = any(columns.get(k) is not None for k in ('new_start_date', 'new_end_date', 'rupture_date'))
    duration = Duration.from_hours(terms.effective_hours)
    gratification_change = columns.get('new_gratification_amount_cents') is not None
    if dates_change or result.interruptions:
        start = columns.get('new_start_date') or terms.start_date
        end = columns.get('new_end_date') or terms.end_date
        if columns.get('rupture_date') is not None:
            end = min(end, columns['rupture_date'])

        def computed(first: date, last: date, interruptions: list[tuple[date, date]]) -> Duration:
            return effective_duration(
                first,
                last,
                hours_per_week=convention.hours_per_week,
                days_per_week=convention.days_per_week,
                interruptions=interruptions,
                periods=facts.schedule_periods if convention.irregular_schedule else (),
                in_france=in_france,
                works_public_holidays=convention.public_holiday_work,
            )

        # The change in computed hours is added to the hours in force, so a duration corrected by staff stays so.
        old = computed(terms.start_date, terms.end_date, terms.periods)
        new = computed(start, end, terms.periods + result.interruptions)
        hours = max(0.0, terms.effective_hours + new.hours - old.hours)
        ratio = hours / new.hours if new.hours else 0.0
        duration = Duration.from_hours(hours, {year: value * ratio for year, value in new.hours_by_year.items()})
        result.duration = duration
        columns['new_effective_hours'], columns['new_effective_days'] = duration.hours, duration.days
    verdict = Verdict()
    longer = duration.hours > terms.effective_hours
    if not longer and not gratification_change:
        return  # a shorter or equal stage (rupture, interruption) cannot break a maximum or a minimum
    verdict = limits.check_host_year_hours(
        duration.hours,
        facts.same_host,
        organisation_name=facts.organisation.name,
        academic_year=convention.academic_year,
    )
    if (dates_change or result.interruptions or gratification_change) and facts.rates and duration.hours:
        amount = columns['new_gratification_amount_cents'] if gratification_change else terms.amount_cents
        unit = columns.get('new_gratification_unit') if gratification_change else terms.unit
        verdict.merge(
            gratification.check(
                gratified=bool(amount),
                amount_cents=amount,
                unit=GratificationUnit(unit) if unit else None,
                currency=convention.gratification_currency,
                schedule=gratification.Schedule(
                    convention.hours_per_week,
                    convention.days_per_week,
                    convention.working_time is WorkingTime.FULL_TIME,
                ),
                duration=duration,
                host_year_hours=duration.hours + sum(other.hours for other in facts.same_host),
                rates=facts.rates,
                in_france=in_france,
                organisation_name=facts.organisation.name,
                academic_year=convention.academic_year,
                other_numbers=[other.number for other in facts.same_host],
            )
        )
    for key, message in verdict.errors.items():
        result.verdict.error('law' if key in ('end_date', 'gratified') else 'gratification_amount', message)
    for key, message in verdict.warnings.items():
        result.verdict.warn(key, message)


def interruption_rows(convention_id: int, amendment_id: int, periods: list[tuple[date, date]]) -> list[Interruption]:
    return [
        Interruption(convention_id=convention_id, amendment_id=amendment_id, start_date=start, end_date=end)
        for start, end in periods
    ]
