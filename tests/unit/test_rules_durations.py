"""Effective duration: hours of presence from dates, schedule, interruptions and French public holidays."""

from datetime import date

from services.drafts import preview_duration
from services.rules.durations import Period, effective_duration


def test_a_full_month_is_154_hours_22_days_1_month() -> None:
    june = effective_duration(date(2027, 6, 1), date(2027, 6, 30), hours_per_week=35, days_per_week=5)
    assert (june.hours, june.days, june.months, june.worked_days) == (154, 22, 1, 22)


def test_public_holidays_are_excluded_in_france_and_not_abroad() -> None:
    week = (date(2027, 7, 12), date(2027, 7, 16))  # 14 July is a Wednesday
    in_france = effective_duration(*week, hours_per_week=35, days_per_week=5)
    abroad = effective_duration(*week, hours_per_week=35, days_per_week=5, in_france=False)
    assert in_france.hours == 28
    assert in_france.excluded_holidays == (date(2027, 7, 14),)
    assert abroad.hours == 35
    assert abroad.excluded_holidays == ()


def test_a_student_working_on_public_holidays_counts_them() -> None:
    week = (date(2027, 7, 12), date(2027, 7, 16))
    assert effective_duration(*week, hours_per_week=35, days_per_week=5, works_public_holidays=True).hours == 35


def test_interruptions_count_no_hours() -> None:
    june = effective_duration(
        date(2027, 6, 1),
        date(2027, 6, 30),
        hours_per_week=35,
        days_per_week=5,
        interruptions=[(date(2027, 6, 14), date(2027, 6, 18))],
    )
    assert june.hours == 154 - 35


def test_half_days_and_part_time() -> None:
    week = (date(2027, 6, 7), date(2027, 6, 13))  # Monday to Sunday
    assert effective_duration(*week, hours_per_week=36, days_per_week=4.5).hours == 36
    friday = effective_duration(date(2027, 6, 11), date(2027, 6, 11), hours_per_week=36, days_per_week=4.5)
    assert friday.hours == 4  # the half day
    assert effective_duration(*week, hours_per_week=20, days_per_week=4).hours == 20
    assert (
        effective_duration(date(2027, 6, 12), date(2027, 6, 13), hours_per_week=35, days_per_week=5).hours == 0
    )  # a weekend


def test_an_irregular_calendar_gives_each_period_its_schedule() -> None:
    periods = [
        Period(date(2027, 6, 7), date(2027, 6, 13), hours_per_week=35, days_per_week=5),
        Period(date(2027, 6, 14), date(2027, 6, 20), hours_per_week=14, days_per_week=2),
    ]
    assert effective_duration(date(2027, 6, 7), date(2027, 6, 20), periods=periods).hours == 49


def test_hours_are_split_by_calendar_year() -> None:
    span = effective_duration(date(2025, 12, 29), date(2026, 1, 9), hours_per_week=35, days_per_week=5)
    assert span.hours_by_year == {2025: 21, 2026: 42}
    assert span.excluded_holidays == (date(2026, 1, 1),)


def test_end_before_start_has_no_duration() -> None:
    assert effective_duration(date(2027, 6, 30), date(2027, 6, 1), hours_per_week=35, days_per_week=5).hours == 0


def test_the_live_preview_reads_what_is_typed() -> None:
    typed = {'start_date': '01/06/2027', 'end_date': '2027-06-30', 'hours_per_week': '35', 'days_per_week': '5'}
    assert preview_duration(typed).hours == 154
    assert (
        preview_duration({**typed, 'end_date': '2027-07-16'}).hours == 154 + 12 * 7 - 7
    )  # 12 weekdays in July, the 14th off
    assert preview_duration({**typed, 'end_date': '2027-07-16'}, abroad=True).hours == 154 + 12 * 7
    assert preview_duration({**typed, 'hours_per_week': ''}).hours == 0  # incomplete: nothing yet
