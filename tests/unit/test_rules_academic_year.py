"""Années universitaires and the composante's switch date."""

from datetime import date

from services.rules import academic_year


def test_the_year_switches_on_1_september_by_default() -> None:
    assert academic_year.academic_year_of(date(2026, 8, 31)) == '2025-2026'
    assert academic_year.academic_year_of(date(2026, 9, 1)) == '2026-2027'
    assert academic_year.bounds('2026-2027') == (date(2026, 9, 1), date(2027, 8, 31))


def test_a_composante_may_switch_on_another_date() -> None:
    assert academic_year.academic_year_of(date(2026, 9, 10), 9, 15) == '2025-2026'
    assert academic_year.bounds('2026-2027', 9, 15) == (date(2026, 9, 15), date(2027, 9, 14))


def test_the_start_must_lie_in_the_conventions_academic_year() -> None:
    assert academic_year.check_start_in_year(date(2027, 8, 31), '2026-2027').ok
    refused = academic_year.check_start_in_year(date(2027, 9, 1), '2026-2027')
    assert refused.errors['start_date'] == (
        "La date de début (01/09/2027) doit être comprise dans l'année universitaire 2026-2027 "
        '(du 01/09/2026 au 31/08/2027). Corrigez la date de début ou choisissez la bonne année universitaire.'
    )


def test_labels() -> None:
    assert academic_year.first_year('2026-2027') == 2026
    assert not academic_year.is_label('2026-2028')
    assert not academic_year.is_label('2026')
