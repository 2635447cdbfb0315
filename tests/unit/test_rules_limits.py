"""Limits between conventions: coherent dates, no overlap, 924 h per student × host × academic year."""

from datetime import date

from services.rules import limits
from services.rules.limits import OtherConvention


def other(number: str, start: date, end: date, hours: float, organisation_id: int = 1) -> OtherConvention:
    return OtherConvention(number, organisation_id, '2026-2027', start, end, hours)


def test_end_before_start_is_refused() -> None:
    verdict = limits.check_dates(date(2027, 6, 30), date(2027, 6, 1))
    assert verdict.errors == {
        'end_date': 'La date de fin (01/06/2027) est antérieure à la date de début (30/06/2027) : '
        'indiquez une date de fin postérieure ou égale à la date de début.'
    }
    assert limits.check_dates(date(2027, 6, 1), date(2027, 6, 1)).ok


def test_overlapping_conventions_are_refused_unless_the_composante_allows() -> None:
    existing = [other('2026-000001', date(2027, 4, 6), date(2027, 5, 28), 280)]
    refused = limits.check_overlap(date(2027, 5, 28), date(2027, 6, 30), existing)
    assert refused.errors['start_date'] == (
        'Ces dates chevauchent votre convention n° 2026-000001 (du 06/04/2027 au 28/05/2027) : deux stages ne '
        'peuvent pas avoir lieu en même temps. Choisissez des dates qui ne recouvrent pas cette période.'
    )
    allowed = limits.check_overlap(date(2027, 5, 28), date(2027, 6, 30), existing, allowed=True)
    assert allowed.ok
    assert 'autorise' in allowed.warnings['start_date']
    assert limits.check_overlap(date(2027, 5, 29), date(2027, 6, 30), existing).ok


def test_924_hours_pass_925_are_refused_with_the_figures() -> None:
    assert limits.check_host_year_hours(924, [], organisation_name='Garage', academic_year='2026-2027').ok
    refused = limits.check_host_year_hours(925, [], organisation_name='Garage', academic_year='2026-2027')
    assert refused.errors['end_date'] == (
        "Le stage chez Garage durerait 925\u00a0h dans l'année universitaire 2026-2027 (925\u00a0h avec cette "
        'convention) : le maximum légal est de 924\u00a0h (6 mois, soit 132 jours) par organisme et par année. '
        "Réduisez la durée d'au moins 1\u00a0h."
    )


def test_the_924_hours_include_the_other_conventions_with_the_same_host() -> None:
    first = [other('2026-000007', date(2026, 9, 7), date(2026, 12, 18), 420)]
    assert limits.check_host_year_hours(504, first, organisation_name='Garage', academic_year='2026-2027').ok
    refused = limits.check_host_year_hours(505, first, organisation_name='Garage', academic_year='2026-2027')
    assert 'Garage durerait 925\u00a0h' in refused.errors['end_date']
    assert '420\u00a0h déjà prévues par les conventions n° 2026-000007' in refused.errors['end_date']


def test_interruptions_lie_inside_the_stage_and_do_not_overlap() -> None:
    start, end = date(2027, 6, 1), date(2027, 6, 30)
    assert limits.check_interruptions(start, end, [(date(2027, 6, 10), date(2027, 6, 11))]).ok
    outside = limits.check_interruptions(start, end, [(date(2027, 7, 1), date(2027, 7, 2))])
    assert outside.errors['interruptions'] == (
        "L'interruption du 01/07/2027 au 02/07/2027 doit être comprise dans le stage (du 01/06/2027 au 30/06/2027)."
    )
    crossed = [(date(2027, 6, 10), date(2027, 6, 12)), (date(2027, 6, 12), date(2027, 6, 14))]
    assert 'chevauchent' in limits.check_interruptions(start, end, crossed).errors['interruptions']
