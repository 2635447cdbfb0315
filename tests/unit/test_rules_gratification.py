"""Gratification: mandatory beyond 44 days (308 h), at least the yearly minimum, split at 1 January."""

from datetime import date

from models import GratificationUnit
from services.rules import gratification
from services.rules.durations import effective_duration
from services.rules.gratification import Schedule
from services.rules.verdict import Verdict

RATES = {2023: 405, 2024: 435, 2025: 435, 2026: 450}
FULL_TIME = Schedule(hours_per_week=35, days_per_week=5, full_time=True)


def check(
    amount: int | None, unit: GratificationUnit, start: date, end: date, *, host_hours: float | None = None
) -> Verdict:
    duration = effective_duration(start, end, hours_per_week=35, days_per_week=5)
    return gratification.check(
        gratified=amount is not None,
        amount_cents=amount,
        unit=unit,
        currency='EUR',
        schedule=FULL_TIME,
        duration=duration,
        host_year_hours=duration.hours if host_hours is None else host_hours,
        rates=RATES,
        organisation_name='Garage Dupont et Fils',
        academic_year='2025-2026',
    )


def test_mandatory_from_the_309th_hour() -> None:
    assert not gratification.is_mandatory(308)  # 44 days
    assert gratification.is_mandatory(308.5)
    assert gratification.is_mandatory(315)  # 45 days


def test_44_days_without_gratification_pass_45_days_are_refused() -> None:
    # From Monday 2 March 2026: 22 weekdays in March, 21 in April (Easter Monday), 1 May is off.
    duration = effective_duration(date(2026, 3, 2), date(2026, 4, 30), hours_per_week=35, days_per_week=5)
    assert duration.days == 43
    assert check(None, GratificationUnit.HOUR, date(2026, 3, 2), date(2026, 5, 4)).ok  # 44 days, 308 h
    refused = check(None, GratificationUnit.HOUR, date(2026, 3, 2), date(2026, 5, 5))
    assert refused.errors['gratified'] == (
        'Avec cette convention, le stage chez Garage Dupont et Fils durerait 315\u00a0h (45\u00a0jours) dans '
        'l’année universitaire 2025-2026 : au-delà de 44 jours (308\u00a0h), la gratification est obligatoire. '
        'Indiquez une gratification d’au moins 4,50\u00a0€ par heure.'
    )


def test_4_34_an_hour_is_refused_in_2025() -> None:
    start, end = date(2025, 3, 3), date(2025, 6, 27)
    refused = check(434, GratificationUnit.HOUR, start, end)
    assert refused.errors['gratification_amount_cents'] == (
        'Pour les heures de stage effectuées en 2025, la gratification minimale est de 4,35\u00a0€ par heure : '
        '4,34\u00a0€ par heure ne suffit pas. Indiquez au moins 4,35\u00a0€ par heure.'
    )
    assert check(435, GratificationUnit.HOUR, start, end).ok


def test_4_49_an_hour_is_refused_in_2026() -> None:
    start, end = date(2026, 3, 2), date(2026, 6, 26)
    refused = check(449, GratificationUnit.HOUR, start, end)
    assert (
        'en 2026, la gratification minimale est de 4,50\u00a0€ par heure'
        in refused.errors['gratification_amount_cents']
    )
    assert check(450, GratificationUnit.HOUR, start, end).ok


def test_a_stage_spanning_new_year_is_checked_at_both_years_rates() -> None:
    start, end = date(2025, 12, 29), date(2026, 1, 9)
    duration = effective_duration(start, end, hours_per_week=35, days_per_week=5)
    assert duration.hours_by_year == {2025: 21, 2026: 42}  # 1 January is a public holiday
    assert gratification.yearly_minimums(RATES, duration) == {2025: 435, 2026: 450}
    # 4,40 €/h is enough for the hours of 2025, not for those of 2026.
    refused = check(440, GratificationUnit.HOUR, start, end, host_hours=400)
    assert 'en 2026' in refused.errors['gratification_amount_cents']
    refused_2025 = check(434, GratificationUnit.HOUR, start, end, host_hours=400)
    assert 'en 2025' in refused_2025.errors['gratification_amount_cents']
    assert check(450, GratificationUnit.HOUR, start, end, host_hours=400).ok
    # A lump sum must cover 21 h at 4,35 € and 42 h at 4,50 €.
    assert gratification.minimum_total(RATES, duration) == 21 * 435 + 42 * 450
    assert not check(21 * 435 + 42 * 450 - 1, GratificationUnit.TOTAL, start, end, host_hours=400).ok
    assert check(21 * 435 + 42 * 450, GratificationUnit.TOTAL, start, end, host_hours=400).ok


def test_a_monthly_amount_is_converted_at_154_hours_full_time() -> None:
    start, end = date(2026, 3, 2), date(2026, 6, 26)
    assert gratification.minimum_in_unit(450, GratificationUnit.MONTH, FULL_TIME, 0) == 69300
    refused = check(66990, GratificationUnit.MONTH, start, end)
    assert refused.errors['gratification_amount_cents'] == (
        'Pour les heures de stage effectuées en 2026, la gratification minimale est de 4,50\u00a0€ par heure, '
        'soit 693,00\u00a0€ par mois (154\u00a0h par mois) ; le montant saisi correspond à 4,35\u00a0€ par heure : '
        '669,90\u00a0€ par mois ne suffit pas. Indiquez au moins 693,00\u00a0€ par mois.'
    )
    assert check(69300, GratificationUnit.MONTH, start, end).ok
    assert gratification.minimum_in_unit(450, GratificationUnit.DAY, FULL_TIME, 0) == 3150
    assert gratification.minimum_in_unit(450, GratificationUnit.WEEK, FULL_TIME, 0) == 15750


def test_a_part_time_month_uses_the_schedules_hours() -> None:
    part_time = Schedule(hours_per_week=20, days_per_week=4, full_time=False)
    assert part_time.hours_per_month == 88  # 20 h × 4,4 weeks
    assert gratification.minimum_in_unit(450, GratificationUnit.MONTH, part_time, 0) == 39600


def test_abroad_a_too_small_amount_is_only_a_warning() -> None:
    duration = effective_duration(date(2026, 3, 2), date(2026, 6, 26), hours_per_week=35, days_per_week=5)
    verdict = gratification.check(
        gratified=False,
        amount_cents=None,
        unit=None,
        currency='EUR',
        schedule=FULL_TIME,
        duration=duration,
        host_year_hours=duration.hours,
        rates=RATES,
        in_france=False,
    )
    assert verdict.ok
    assert 'obligatoire' in verdict.warnings['gratified']


def test_a_year_missing_from_the_table_uses_the_latest_known_rate() -> None:
    assert gratification.rate_for(RATES, 2027) == 450
    assert gratification.rate_for(RATES, 2020) == 405


def test_total_paid_for_the_attestation() -> None:
    duration = effective_duration(date(2026, 6, 1), date(2026, 6, 30), hours_per_week=35, days_per_week=5)
    assert duration.hours == 154  # 22 weekdays, no public holiday
    assert gratification.total_paid(450, GratificationUnit.HOUR, FULL_TIME, duration) == 154 * 450
    assert gratification.total_paid(69300, GratificationUnit.MONTH, FULL_TIME, duration) == 69300
    assert gratification.total_paid(15750, GratificationUnit.WEEK, FULL_TIME, duration) == 15750 * 154 // 35
    assert gratification.total_paid(100000, GratificationUnit.TOTAL, FULL_TIME, duration) == 100000
