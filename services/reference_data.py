"""Reference data shipped with PStage: official code lists, countries and yearly gratification rates.

Loaded at start-up, adding only what is missing: entries an administrator deactivated or rates he
edited stay as he left them.
"""

import gettext
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pycountry
from sqlmodel import Session, select

from models import GratificationRate, NomenclatureEntry, NomenclatureKind

DATA_DIR = Path(__file__).resolve().parent.parent / 'models' / 'data'

FILES = {
    NomenclatureKind.NAF: 'codes-NAF.json',
    NomenclatureKind.NAF_SECTION: 'sections-codes-NAF.json',
    NomenclatureKind.LEGAL_CATEGORY: 'natures-juridiques.json',
    NomenclatureKind.HEADCOUNT_RANGE: 'tranches-effectifs.json',
    NomenclatureKind.DEPARTEMENT: 'departements.json',
    NomenclatureKind.REGION: 'regions.json',
    NomenclatureKind.THEMATIQUE: 'thematiques.json',
    NomenclatureKind.FOUND_HOW: 'modes-recherche.json',
    NomenclatureKind.STUDY_LEVEL: 'niveaux-etudes.json',
}


@cache
def shipped_entries(kind: str) -> dict[str, str]:
    """The list as shipped: `code -> libellé` (countries: ISO alpha-2 -> French name)."""
    if kind == NomenclatureKind.COUNTRY:
        french = _french_country_names()
        return {country.alpha_2: french(country.name) for country in pycountry.countries}
    data: dict[str, str] = json.loads((DATA_DIR / FILES[kind]).read_text(encoding='utf-8'))
    return {code: ' '.join(label.split()) for code, label in data.items()}


def _french_country_names() -> Callable[[str], str]:
    try:
        return gettext.translation('iso3166-1', pycountry.LOCALES_DIR, languages=['fr']).gettext
    except OSError:  # translations not shipped: English names are better than nothing
        return lambda name: name


def gratification_rates() -> dict[int, int]:
    data = json.loads((DATA_DIR / 'gratification-rates.json').read_text())
    return {int(year): int(cents) for year, cents in data.items()}


def ensure_reference_data(session: Session) -> int:
    """Insert the shipped entries and rates that are missing; returns how many rows were added."""
    added = 0
    for kind in (*FILES, NomenclatureKind.COUNTRY):
        existing = set(session.exec(select(NomenclatureEntry.code).where(NomenclatureEntry.kind == kind)).all())
        for position, (code, label) in enumerate(shipped_entries(kind).items()):
            if code not in existing:
                session.add(NomenclatureEntry(kind=kind, code=code, label=label, position=position))
                added += 1
    known_years = set(session.exec(select(GratificationRate.year)).all())
    for year, cents in gratification_rates().items():
        if year not in known_years:
            session.add(GratificationRate(year=year, hourly_minimum_cents=cents))
            added += 1
    return added
