"""Step 5 « Contenu du stage »: fields, effective duration, and the legal checks of durations and gratification."""

import re
from datetime import date
from typing import Any

from models import AmountBasis, GratificationUnit, InternshipType, PaymentMethod, PrintLanguage, WorkingTime
from services.i18n import _
from services.rules import academic_year, gratification, limits
from services.rules.durations import Duration, Period, effective_duration
from services.rules.facts import WizardFacts
from services.rules.fields import (
    FieldError,
    clean_text,
    parse_date,
    parse_money_cents,
    parse_number,
    parse_periods,
    periods_list,
)
from services.rules.legal import DEFAULT_CURRENCY, MAX_DAYS_PER_WEEK, MAX_WEEKLY_HOURS
from services.rules.reader import Reader
from services.rules.verdict import StepCheck

CURRENCY = re.compile(r'^[A-Z]{3}$')
MAX_SPAN_DAYS = 2 * 366  # a convention longer than two years is a typing mistake
LANGUAGE_NAMES = {PrintLanguage.ENGLISH: 'anglais', PrintLanguage.GERMAN: 'allemand', PrintLanguage.SPANISH: 'espagnol'}


def schedule_periods(raw: Any) -> list[Period]:
    periods = []
    for item in periods_list(raw):
        if not isinstance(item, list | tuple) or len(item) < 4:
            raise FieldError(
                _('Chaque période du calendrier a un début, une fin, des heures et des jours par semaine.')
            )
        hours, days = parse_number(item[2]), parse_number(item[3])
        if not (0 < hours <= MAX_WEEKLY_HOURS and 0 < days <= MAX_DAYS_PER_WEEK):
            raise FieldError(
                _(
                    'Chaque période compte au plus {hours} h par semaine et {days} jours par semaine.',
                    hours=MAX_WEEKLY_HOURS,
                    days=MAX_DAYS_PER_WEEK,
                )
            )
        periods.append(Period(parse_date(item[0]), parse_date(item[1]), hours, days))
    return periods


def duration_of(read: Reader, *, in_france: bool) -> Duration | None:
    """Read dates and schedule, and compute the effective duration (None while they are incomplete or wrong)."""
    start, end = read.date('start_date'), read.date('end_date')
    interruptions: list[tuple[date, date]] = read.value('interruptions', parse_periods, False) or []
    irregular = read.boolean('irregular_schedule')
    periods: list[Period] = []
    if irregular:
        periods = read.value('schedule_periods', schedule_periods, True) or []
        hours = read.number('hours_per_week', required=False, minimum=0, maximum=MAX_WEEKLY_HOURS)
        days = read.number('days_per_week', required=False, minimum=0, maximum=MAX_DAYS_PER_WEEK)
    else:
        hours = read.number('hours_per_week', minimum=1, maximum=MAX_WEEKLY_HOURS)
        days = read.number('days_per_week', minimum=0.5, maximum=MAX_DAYS_PER_WEEK)
    works_holidays = read.boolean('public_holiday_work')
    if start is None or end is None:
        return None
    verdict = limits.check_dates(start, end)
    if (end - start).days > MAX_SPAN_DAYS:
        verdict.error('end_date', _('Un stage ne dure pas plus de deux ans : vérifiez les dates.'))
    if interruptions:
        verdict.merge(limits.check_interruptions(start, end, interruptions))
    read.verdict.merge(verdict)
    if not verdict.ok or (not irregular and (hours is None or days is None)) or (irregular and not periods):
        return None
    if irregular and (hours is None or days is None):
        # The convention prints one weekly figure: the average of the calendar, weighted by length.
        total_days = sum((p.end - p.start).days + 1 for p in periods) or 1
        hours = sum(p.hours_per_week * ((p.end - p.start).days + 1) for p in periods) / total_days
        days = sum(p.days_per_week * ((p.end - p.start).days + 1) for p in periods) / total_days
        read.values['hours_per_week'], read.values['days_per_week'] = round(hours, 2), round(days, 2)
    return effective_duration(
        start,
        end,
        hours_per_week=hours or 0.0,
        days_per_week=days or 0.0,
        interruptions=interruptions,
        periods=periods,
        in_france=in_france,
        works_public_holidays=works_holidays,
    )


def _override(read: Reader, duration: Duration, facts: WizardFacts) -> Duration:
    hours = read.number('duration_override_hours', required=False, minimum=1, maximum=MAX_SPAN_DAYS * 24)
    if hours is None:
        read.values['duration_override_reason'] = None
        return duration
    if not facts.is_staff:
        read.verdict.error('duration_override_hours', _('Seul le bureau des stages peut corriger la durée calculée.'))
        return duration
    read.text('duration_override_reason')
    ratio = hours / duration.hours if duration.hours else 0.0
    return Duration.from_hours(hours, {year: h * ratio for year, h in duration.hours_by_year.items()})


def check(data: dict[str, Any], facts: WizardFacts) -> StepCheck:
    read = Reader(data)
    read.choice('internship_type', InternshipType)
    code = read.text('thematique_code', max_length=20)
    if code and facts.thematiques and code not in facts.thematiques:
        read.verdict.error('thematique_code', _('Choisissez une thématique dans la liste.'))
    for key in ('subject', 'activities', 'competences', 'supervision'):
        read.text(key)
    working_time = read.choice('working_time', WorkingTime)
    abroad = bool(facts.abroad)
    duration = duration_of(read, in_france=not abroad)
    for key in ('night_work', 'sunday_work', 'confidential'):
        read.boolean(key)
    read.integer('leave_days', maximum=366, default=0)
    read.number('ects_credits', required=False, minimum=0, maximum=60)
    for key, size in (('benefits_meals', 300), ('benefits_transport', 300), ('benefits_other', 500)):
        read.text(key, required=False, max_length=size)
    found = read.text('found_how', required=False, max_length=100)
    if found and facts.found_how and found not in facts.found_how:
        read.verdict.error('found_how', _('Choisissez dans la liste comment vous avez trouvé ce stage.'))
    read.text('deliverable', required=False, max_length=300)
    read.text('validation_mode', required=False, max_length=300)
    language = read.choice('print_language', PrintLanguage, required=False, default=PrintLanguage.FRENCH)
    if language in LANGUAGE_NAMES and facts.abroad is False:
        read.verdict.error(
            'print_language',
            _(
                'La convention ne peut être imprimée en {language} que pour un stage à l’étranger : '
                'choisissez le français.',
                language=LANGUAGE_NAMES[language],
            ),
        )
    gratified = read.boolean('gratified')
    amount = unit = None
    currency = clean_text(data.get('gratification_currency') or DEFAULT_CURRENCY).upper()
    if not CURRENCY.match(currency):
        read.verdict.error('gratification_currency', _('Indiquez la devise en trois lettres, par exemple EUR ou CHF.'))
        currency = DEFAULT_CURRENCY
    read.values['gratification_currency'] = currency
    if gratified:
        amount = read.value('gratification_amount_cents', parse_money_cents, True)
        if amount is not None and amount < 0:
            read.verdict.error('gratification_amount_cents', _('Le montant ne peut pas être négatif.'))
        unit = read.choice('gratification_unit', GratificationUnit)
        read.choice('gratification_basis', AmountBasis)
        read.choice('gratification_payment', PaymentMethod)
        if currency != DEFAULT_CURRENCY and facts.abroad is False:
            read.verdict.error(
                'gratification_currency', _('Pour un stage en France, la gratification est versée en euros (EUR).')
            )
    else:
        for key in ('gratification_amount_cents', 'gratification_unit', 'gratification_basis', 'gratification_payment'):
            read.values[key] = None

    computed: dict[str, Any] = {}
    if duration is None:
        return StepCheck(read.verdict, computed, read.values)
    duration = _override(read, duration, facts)
    read.values['effective_hours'], read.values['effective_days'] = duration.hours, duration.days
    computed.update(hours=duration.hours, days=duration.days, months=duration.months)
    computed['excluded_holidays'] = [day.isoformat() for day in duration.excluded_holidays]
    start, end = read.values['start_date'], read.values['end_date']
    year = str(data.get('academic_year') or '')
    if academic_year.is_label(year):
        read.verdict.merge(academic_year.check_start_in_year(start, year, facts.switch_month, facts.switch_day))
    read.verdict.merge(limits.check_overlap(start, end, facts.others, allowed=facts.overlap_allowed))
    host = facts.organisation
    same_host = [o for o in facts.others if host and o.organisation_id == host.id and o.academic_year == year]
    host_hours = duration.hours + sum(o.hours for o in same_host)
    computed['host_year_hours'] = round(host_hours, 2)
    if host is not None:
        read.verdict.merge(
            limits.check_host_year_hours(duration.hours, same_host, organisation_name=host.name, academic_year=year)
        )
    computed['gratification_required'] = gratification.is_mandatory(host_hours)
    if facts.rates:
        schedule = gratification.Schedule(
            read.values.get('hours_per_week') or 0.0,
            read.values.get('days_per_week') or 0.0,
            working_time is WorkingTime.FULL_TIME,
        )
        minimums = gratification.yearly_minimums(facts.rates, duration)
        computed['minimum_hourly_cents'] = minimums
        if unit is not None:
            computed['minimum_cents'] = max(
                (gratification.minimum_in_unit(rate, unit, schedule, duration.hours) for rate in minimums.values()),
                default=0,
            )
            if unit is GratificationUnit.TOTAL:
                computed['minimum_cents'] = gratification.minimum_total(facts.rates, duration)
            if amount:
                computed['total_cents'] = gratification.total_paid(amount, unit, schedule, duration)
        read.verdict.merge(
            gratification.check(
                gratified=gratified,
                amount_cents=amount,
                unit=unit,
                currency=currency,
                schedule=schedule,
                duration=duration,
                host_year_hours=host_hours,
                rates=facts.rates,
                in_france=not abroad,
                organisation_name=host.name if host else 'cet organisme',
                academic_year=year,
                other_numbers=[other.number for other in same_host],
            )
        )
    return StepCheck(read.verdict, computed, read.values)
