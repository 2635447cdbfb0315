"""« Rechercher un établissement d'accueil »: the filters, and the ranked ids behind the result list.

The search box goes to the search engine (services/search: typo-tolerant names, SIRET/SIREN prefixes) with
the filters it knows (département, pays, section NAF); the others (commune or address, exact NAF codes, type,
statut juridique) are applied in SQL to its hits, keeping its order. Until the engine's index is built
(start-up) a bounded SQL LIKE + rapidfuzz ranking answers instead, with the same filters.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from rapidfuzz import fuzz, process
from sqlmodel import Session, col, select

from models import NomenclatureKind, Organisation, OrganisationType
from services import search
from services.reference_data import shipped_entries
from services.search.loader import load_records
from services.search.sources import SOURCES, naf_section
from services.text import identifier_digits, normalise, words

log = logging.getLogger(__name__)

HIT_LIMIT = 1000  # hits asked from the engine: the result count says « plus de » beyond
MIN_SCORE = 60.0  # engine score (WRatio plus bonuses, 0–~110): below, a hit shares little with the query
FALLBACK_CANDIDATES = 2000
FALLBACK_SCORE = 70
PREFIX = 3  # fallback candidates share the first letters of a query word
LABEL_WORD_SCORE = 84  # an activity word matches a NAF label word with a small typo
REFRESH_CHUNK = 500


@dataclass(frozen=True)
class OrganisationFilters:
    departement: str | None = None
    place: str = ''  # commune, postal code or words of the address
    activity: str = ''  # NAF code (or its beginning: « 62 », « 62.01 ») or words of its label
    country: str | None = None
    kind: str | None = None  # OrganisationType value
    legal_category: str | None = None
    needs_review: bool | None = None  # staff: only the records « à vérifier »
    include_closed: bool = True

    @property
    def empty(self) -> bool:
        return self == OrganisationFilters()


@cache
def _label_words() -> tuple[dict[str, frozenset[str]], tuple[str, ...]]:
    """NAF code -> folded words of its label, and the vocabulary of every label."""
    by_code = {code: frozenset(words(label)) for code, label in shipped_entries(NomenclatureKind.NAF).items()}
    vocabulary = tuple(sorted(set().union(*by_code.values())))
    return by_code, vocabulary


def _matching_label_words(word: str, vocabulary: tuple[str, ...]) -> set[str]:
    found = {known for known in vocabulary if known.startswith(word)} if len(word) >= 3 else set()
    if word in vocabulary:
        found.add(word)
    if len(word) >= 5:
        similar = process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=LABEL_WORD_SCORE, limit=None)
        found.update(choice for choice, _score, _index in similar)
    return found


def naf_codes_for(activity: str) -> frozenset[str] | None:
    """The NAF codes an « Activité » filter stands for; None when it is empty (no filter).

    « 45.20A » or « 4520a » is one code, « 62 » or « 62.0 » every code starting so, « J » a section, and
    words (« boulangerie », « logiciels informatique ») the codes whose label holds each of them, typos
    tolerated. An empty set means nothing matches.
    """
    typed = activity.strip()
    if not typed:
        return None
    labels = shipped_entries(NomenclatureKind.NAF)
    compact = re.sub(r'[\s.]', '', typed.upper())
    if re.fullmatch(r'\d{1,4}[A-Z]?', compact):
        return frozenset(code for code in labels if code.replace('.', '').startswith(compact))
    if re.fullmatch(r'[A-U]', compact):
        return frozenset(code for code in labels if naf_section(code) == compact)
    by_code, vocabulary = _label_words()
    query = words(typed)
    if not query:
        return frozenset()
    accepted = [_matching_label_words(word, vocabulary) for word in query]
    return frozenset(code for code, label in by_code.items() if all(label & wanted for wanted in accepted))


def _place_condition(place: str) -> sa.ColumnElement[bool] | None:
    typed = ' '.join(place.split())
    if not typed:
        return None
    digits = identifier_digits(typed)
    if digits is not None:  # a postal code or its beginning (« 21 », « 21000 »)
        return col(Organisation.postal_code).startswith(digits, autoescape=True)
    forms = {typed, normalise(typed)}
    return sa.or_(
        *(
            condition
            for form in forms
            for condition in (
                col(Organisation.city).icontains(form, autoescape=True),
                col(Organisation.address).icontains(form, autoescape=True),
            )
        )
    )


def sql_conditions(filters: OrganisationFilters, naf_codes: frozenset[str] | None) -> list[sa.ColumnElement[bool]]:
    """Every filter as SQL (merged records are never listed: their page points to the kept one)."""
    conditions: list[sa.ColumnElement[bool]] = [col(Organisation.merged_into_id).is_(None)]
    if filters.departement:
        conditions.append(col(Organisation.departement_code) == filters.departement)
    if filters.country:
        conditions.append(col(Organisation.country_code) == filters.country)
    if filters.kind:
        try:
            conditions.append(col(Organisation.kind) == OrganisationType(filters.kind))
        except ValueError:
            conditions.append(sa.false())
    if filters.legal_category:
        conditions.append(col(Organisation.legal_category) == filters.legal_category)
    if filters.needs_review is not None:
        conditions.append(col(Organisation.needs_review).is_(filters.needs_review))
    if not filters.include_closed:
        conditions.append(col(Organisation.closed_on).is_(None))
    if naf_codes is not None:
        conditions.append(col(Organisation.naf_code).in_(sorted(naf_codes)) if naf_codes else sa.false())
    place = _place_condition(filters.place)
    if place is not None:
        conditions.append(place)
    return conditions


def _engine_filters(filters: OrganisationFilters, naf_codes: frozenset[str] | None) -> dict[str, str | bool]:
    """The filters the engine applies itself, so its `HIT_LIMIT` best are taken among the right records."""
    wanted: dict[str, str | bool] = {}
    if filters.departement:
        wanted['departement'] = filters.departement
    if filters.country:
        wanted['country'] = filters.country
    if filters.needs_review is not None:
        wanted['needs_review'] = filters.needs_review
    sections = {naf_section(code) for code in naf_codes or ()}
    if len(sections) == 1 and None not in sections:
        wanted['naf_section'] = str(sections.pop())
    return wanted


def engine_ready() -> bool:
    return search.get_engine().ready(search.ESTABLISHMENTS)


def ranked_ids(
    session: Session, text: str, filters: OrganisationFilters, naf_codes: frozenset[str] | None
) -> tuple[list[int], bool]:
    """Ids matching `text` and the filters, best first, and whether the list was cut at HIT_LIMIT."""
    if engine_ready():
        hits = search.get_engine().search(
            search.ESTABLISHMENTS,
            text,
            filters=_engine_filters(filters, naf_codes),
            limit=HIT_LIMIT,
            prefer={'departement': filters.departement} if filters.departement else None,
        )
        order = [hit.id for hit in hits if hit.score >= MIN_SCORE]
        capped = len(hits) >= HIT_LIMIT
    else:
        order, capped = _fallback_ranking(session, text, sql_conditions(filters, naf_codes)), False
        return order, capped
    if not order:
        return [], capped
    kept = set(
        session.exec(
            select(Organisation.id).where(col(Organisation.id).in_(order), *sql_conditions(filters, naf_codes))
        ).all()
    )
    return [record_id for record_id in order if record_id in kept], capped


def _fallback_ranking(session: Session, text: str, conditions: list[sa.ColumnElement[bool]]) -> list[int]:
    """Before the engine is ready: SIRET prefix, or names sharing each word's first letters re-ranked by WRatio."""
    digits = identifier_digits(text)
    if digits is not None and len(digits) >= 3:
        return [
            int(record_id or 0)
            for record_id in session.exec(
                select(Organisation.id)
                .where(*conditions, col(Organisation.siret).startswith(digits, autoescape=True))
                .order_by(col(Organisation.siret))
                .limit(FALLBACK_CANDIDATES)
            ).all()
        ]
    query_words = [word for word in words(text) if len(word) >= 2]
    if not query_words:
        return []
    matches = [
        sa.or_(
            col(Organisation.name).icontains(word[:PREFIX], autoescape=True),
            col(Organisation.trade_name).icontains(word[:PREFIX], autoescape=True),
        )
        for word in query_words
    ]
    columns = select(Organisation.id, Organisation.name, Organisation.trade_name)
    rows = list(session.exec(columns.where(*conditions, *matches).limit(FALLBACK_CANDIDATES)).all())
    if len(matches) > 1 and len(rows) < FALLBACK_CANDIDATES:
        seen = [row[0] for row in rows]
        rows += session.exec(
            columns.where(*conditions, sa.or_(*matches), col(Organisation.id).not_in(seen)).limit(
                FALLBACK_CANDIDATES - len(rows)
            )
        ).all()
    names = [normalise(f'{name} {trade_name or ""}') for _id, name, trade_name in rows]
    ranked = process.extract(' '.join(query_words), names, scorer=fuzz.WRatio, score_cutoff=FALLBACK_SCORE, limit=None)
    # WRatio scores « mairie de valence » and « mairie de talant » alike for « mairie de valance » (the shared
    # word); the closeness of each query word to its best name word tells them apart.
    scored = [(score + _word_coverage(query_words, name), name, index) for name, score, index in ranked]
    scored.sort(key=lambda match: (-match[0], match[1]))  # best score, then alphabetical
    return [int(rows[index][0] or 0) for _score, _name, index in scored]


def _word_coverage(query_words: list[str], name: str) -> float:
    name_words = name.split()
    return sum(max((fuzz.ratio(word, other) for other in name_words), default=0.0) for word in query_words) / len(
        query_words
    )


def index_changed(kind: str, record_ids: Iterable[int]) -> None:
    """After a commit: the records are findable (or gone) at once in this instance's search engine.

    Never raises: the change is committed; other instances' refreshers (and this one's) catch up anyway.
    """
    wanted = sorted({int(record_id) for record_id in record_ids})
    engine = search.get_engine()
    source = SOURCES[kind]
    try:
        for start in range(0, len(wanted), REFRESH_CHUNK):
            chunk = wanted[start : start + REFRESH_CHUNK]
            found = dict(load_records(source, source.table.c.id.in_(chunk)))
            for record_id in chunk:
                record = found.get(record_id)
                if record is None:
                    engine.remove(kind, record_id)
                else:
                    engine.upsert(kind, record_id, record)
    except Exception:  # the change is committed: never fail the caller for the index
        log.exception('search index not refreshed for %s %s…', kind, wanted[:5])
