"""Limits between conventions: 924 h per student × host × academic year, no overlap, coherent dates."""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from services.i18n import _
from services.rules import fmt
from services.rules.legal import HOURS_PER_DAY, MAX_HOURS_PER_HOST_YEAR, MAX_MONTHS_PER_HOST_YEAR
from services.rules.verdict import Verdict


@dataclass(frozen=True)
class OtherConvention:
    """Another convention of the same student, with its avenants applied (the current dates and hours)."""

    number: str
    organisation_id: int
    academic_year: str
    start: date
    end: date
    hours: float


def check_dates(start: date, end: date) -> Verdict:
    verdict = Verdict()
    if end < start:
        verdict.error(
            'end_date',
            _(
                'La date de fin ({end}) est antérieure à la date de début ({start}) : '
                'indiquez une date de fin postérieure ou égale à la date de début.',
                end=fmt.day(end),
                start=fmt.day(start),
            ),
        )
    return verdict


def check_interruptions(start: date, end: date, interruptions: Sequence[tuple[date, date]]) -> Verdict:
    verdict = Verdict()
    for first, last in interruptions:
        if last < first:
            verdict.error(
                'interruptions',
                _(
                    "L'interruption du {first} au {last} se termine avant de commencer : corrigez ses dates.",
                    first=fmt.day(first),
                    last=fmt.day(last),
                ),
            )
        elif first < start or last > end:
            verdict.error(
                'interruptions',
                _(
                    "L'interruption du {first} au {last} doit être comprise dans le stage (du {start} au {end}).",
                    first=fmt.day(first),
                    last=fmt.day(last),
                    start=fmt.day(start),
                    end=fmt.day(end),
                ),
            )
    ordered = sorted(interruptions)
    for (_first, last), (next_first, _next_last) in itertools.pairwise(ordered):
        if next_first <= last:
            verdict.error('interruptions', _('Deux interruptions se chevauchent : corrigez leurs dates.'))
    return verdict


def check_host_year_hours(
    hours: float, others: Sequence[OtherConvention], *, organisation_name: str, academic_year: str
) -> Verdict:
    """At most 924 h with the same host in the same academic year, all conventions and avenants included."""
    verdict = Verdict()
    already = sum(other.hours for other in others)
    total = round(hours + already, 2)
    if total <= MAX_HOURS_PER_HOST_YEAR:
        return verdict
    if others:
        detail = _(
            '{hours} avec cette convention et {already} déjà prévues par les conventions n° {numbers}',
            hours=fmt.hours(hours),
            already=fmt.hours(already),
            numbers=', '.join(other.number for other in others),
        )
    else:
        detail = _('{hours} avec cette convention', hours=fmt.hours(hours))
    verdict.error(
        'end_date',
        _(
            "Le stage chez {organisation} durerait {total} dans l'année universitaire {year} ({detail}) : "
            'le maximum légal est de {maximum} ({months} mois, soit {max_days} jours) par organisme et par année. '
            "Réduisez la durée d'au moins {excess}.",
            organisation=organisation_name,
            total=fmt.hours(total),
            year=academic_year,
            detail=detail,
            maximum=fmt.hours(MAX_HOURS_PER_HOST_YEAR),
            months=MAX_MONTHS_PER_HOST_YEAR,
            max_days=MAX_HOURS_PER_HOST_YEAR // HOURS_PER_DAY,
            excess=fmt.hours(total - MAX_HOURS_PER_HOST_YEAR),
        ),
    )
    return verdict


def overlapping(start: date, end: date, others: Sequence[OtherConvention]) -> list[OtherConvention]:
    return [other for other in others if other.start <= end and start <= other.end]


def check_overlap(start: date, end: date, others: Sequence[OtherConvention], *, allowed: bool = False) -> Verdict:
    """A student's conventions must not overlap, unless the composante allows it (then only a warning)."""
    verdict = Verdict()
    clashes = overlapping(start, end, others)
    if not clashes:
        return verdict
    first = clashes[0]
    if allowed:
        verdict.warn(
            'start_date',
            _(
                'Ces dates chevauchent la convention n° {number} (du {first} au {last}) ; '
                'votre composante autorise les stages simultanés.',
                number=first.number,
                first=fmt.day(first.start),
                last=fmt.day(first.end),
            ),
        )
    else:
        verdict.error(
            'start_date',
            _(
                'Ces dates chevauchent votre convention n° {number} (du {first} au {last}) : deux stages ne peuvent '
                'pas avoir lieu en même temps. Choisissez des dates qui ne recouvrent pas cette période.',
                number=first.number,
                first=fmt.day(first.start),
                last=fmt.day(first.end),
            ),
        )
    return verdict
