"""« Rechercher une offre »: the criteria of the guide's section IV as SQL, and keywords through the search engine.

Keywords go to the engine (title first, then host and description; typos tolerated); the other criteria
(thématique, lieu, dates, durée, télétravail, gratification, niveau) filter its hits in SQL, keeping its
order. Until the engine's offers index is built, every keyword must appear (exactly or with a small typo)
in the title, host, description or missions, checked in Python over the published offers (hundreds).
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from rapidfuzz import fuzz, process
from sqlmodel import col

from models import Offer, OfferStatus
from services import search
from services.identifiers import departement_of
from services.text import identifier_digits, normalise

HIT_LIMIT = 2000
TYPO_SCORE = 80  # rapidfuzz ratio of a word against a word: two letters off in ten still match


@dataclass(frozen=True)
class OfferFilters:
    thematique: str | None = None
    place: str = ''  # commune (or postal code start / département number)
    departement: str | None = None
    country: str | None = None
    start_from: date | None = None  # starting on or after
    start_until: date | None = None  # starting on or before
    min_weeks: int | None = None
    max_weeks: int | None = None
    remote: bool | None = None  # True: télétravail possible only
    gratified: bool | None = None  # True: gratifiée only
    study_level: str | None = None

    @property
    def empty(self) -> bool:
        return self == OfferFilters()


def offer_conditions(filters: OfferFilters | None) -> list[sa.ColumnElement[bool]]:
    if filters is None:
        return []
    conditions: list[sa.ColumnElement[bool]] = []
    if filters.thematique:
        conditions.append(col(Offer.thematique_code) == filters.thematique)
    if filters.departement:
        conditions.append(col(Offer.departement_code) == filters.departement)
    if filters.country:
        conditions.append(col(Offer.country_code) == filters.country)
    place = ' '.join(filters.place.split())
    if place:
        digits = identifier_digits(place)
        if digits is not None:  # a département number, or a postal code standing for its département
            departement = departement_of(digits) if len(digits) == 5 else digits
            conditions.append(col(Offer.departement_code) == departement)
        else:
            conditions.append(
                sa.or_(*(col(Offer.city).icontains(form, autoescape=True) for form in {place, normalise(place)}))
            )
    if filters.start_from:
        conditions.append(col(Offer.start_date) >= filters.start_from)
    if filters.start_until:
        conditions.append(col(Offer.start_date) <= filters.start_until)
    if filters.min_weeks:
        conditions.append(col(Offer.duration_weeks) >= filters.min_weeks)
    if filters.max_weeks:
        conditions.append(col(Offer.duration_weeks) <= filters.max_weeks)
    if filters.remote:
        conditions.append(col(Offer.remote_possible).is_(True))
    if filters.gratified:
        conditions.append(col(Offer.gratified).is_(True))
    if filters.study_level:
        conditions.append(col(Offer.study_level) == filters.study_level)
    return conditions


def engine_ready() -> bool:
    return search.get_engine().ready(search.OFFERS)


def engine_hits(text: str, filters: OfferFilters | None) -> list[int]:
    """Published offers matching the keywords, best first (status and place applied inside the engine)."""
    wanted: dict[str, str] = {'status': OfferStatus.PUBLISHED.value}
    if filters is not None and filters.departement:
        wanted['departement'] = filters.departement
    if filters is not None and filters.country:
        wanted['country'] = filters.country
    return [hit.id for hit in search.get_engine().search(search.OFFERS, text, filters=wanted, limit=HIT_LIMIT)]


def keyword_score(query_words: list[str], offer: Offer, organisation_name: str) -> float | None:
    """Without the engine: a relevance score when every word is found (exactly or with a small typo), else None."""
    headline = normalise(f'{offer.title} {organisation_name}')
    haystack = f'{headline} {normalise(offer.description)} {normalise(offer.missions or "")}'
    score = 0.0
    for word in query_words:
        if word in headline:
            score += 2
        elif word in haystack:
            score += 1
        elif len(word) >= 4 and process.extractOne(word, haystack.split(), scorer=fuzz.ratio, score_cutoff=TYPO_SCORE):
            score += 0.5
        else:
            return None
    return score
