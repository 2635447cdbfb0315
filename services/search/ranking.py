"""Searching one index: identifier prefixes, or word candidates (candidates.py) re-ranked with rapidfuzz.

The candidates get a WRatio against the query plus bonuses: word coverage by rarity (steep, so a name holding
every query word beats names merely similar in spelling, while names sharing one word keep WRatio's order),
the first word matching, and preferred attribute values (open establishments, the user's département).
"""

from collections.abc import Mapping

import numpy as np
from rapidfuzz import fuzz, process

from services.search.candidates import candidates as find_candidates
from services.search.codes import code_key
from services.search.index import EntityIndex
from services.search.normalise import digits_only, has_digits, words
from services.search.query import QueryToken, analyse
from services.search.records import AttributeValue, Hit

COVERAGE_BONUS = 12.0  # points of WRatio for matching every query word (by rarity)
COVERAGE_POWER = 6  # steep: near-complete matches gain, names sharing one word stay in WRatio order
FIRST_WORD_BONUS = 1.0
PREFERENCE_BONUS = 2.0  # per preferred attribute value (open; the user's département)
CODE_CANDIDATES = 5_000


def search(
    index: EntityIndex,
    text: str,
    filters: Mapping[str, AttributeValue] | None = None,
    prefer: Mapping[str, AttributeValue] | None = None,
    limit: int = 10,
) -> list[Hit]:
    rows = index.rows  # rows appended while we search are ignored
    wanted = dict(filters or {})
    preferred = {**index.options.preferred, **(prefer or {})}
    hits: list[Hit] = []
    if has_digits(text):
        hits = _code_hits(index, text, rows, wanted, preferred, limit)
        if digits_only(text) is not None:
            return hits
    query_words = words(text)
    if not query_words:
        return hits
    tokens = analyse(query_words, index.vocabulary, _Counts(index), max(rows, 1), typing=not text[-1:].isspace())
    query = ' '.join(query_words)
    candidates, partial = find_candidates(index, tokens, rows, wanted, query)
    if len(candidates) == 0:
        return hits
    scores = _rerank(index, query, tokens, candidates, partial, preferred)
    order = np.argsort(-scores, kind='stable')[: limit + len(hits)]
    seen = {hit.id for hit in hits}
    record_ids = index.record_ids.values
    for position in order.tolist():
        record_id = int(record_ids[candidates[position]])
        if record_id not in seen:
            hits.append(Hit(record_id, round(float(scores[position]), 2)))
    return hits[:limit]


class _Counts:
    def __init__(self, index: EntityIndex) -> None:
        self.title, self.body = index.title, index.body

    def __call__(self, word_id: int) -> int:
        return self.title.count(word_id) + self.body.count(word_id)

    def many(self, word_ids: np.ndarray) -> np.ndarray:
        return self.title.counts(word_ids) + self.body.counts(word_ids)


def _code_hits(
    index: EntityIndex,
    text: str,
    rows: int,
    wanted: dict[str, AttributeValue],
    preferred: dict[str, AttributeValue],
    limit: int,
) -> list[Hit]:
    found = index.codes.with_prefix(code_key(text), CODE_CANDIDATES)
    found = found[found < rows]
    found = found[index.alive.values[found] & index.attribute_mask(found, wanted)]
    if len(found) == 0:
        return []
    bonus = np.zeros(len(found), dtype=np.float32)
    for name, value in preferred.items():
        bonus += index.attribute_mask(found, {name: value})
    order = np.argsort(-bonus, kind='stable')[:limit]  # code order among equals
    record_ids = index.record_ids.values
    return [Hit(int(record_ids[found[i]]), 100.0 + float(bonus[i])) for i in order.tolist()]


def _rerank(
    index: EntityIndex,
    query: str,
    tokens: list[QueryToken],
    candidates: np.ndarray,
    partial: np.ndarray,
    preferred: dict[str, AttributeValue],
) -> np.ndarray:
    texts = index.texts
    similarity = process.cdist([query], [texts[row] for row in candidates.tolist()], scorer=fuzz.WRatio)[0]
    total = sum(token.weight for token in tokens) or 1.0
    coverage = np.minimum(partial / total, 1.0)
    scores = similarity.astype(np.float32) + COVERAGE_BONUS * coverage**COVERAGE_POWER
    if tokens and len(tokens[0].word_ids):
        first = np.isin(index.first_word.values[candidates], tokens[0].word_ids)
        scores += FIRST_WORD_BONUS * first
    for name, value in preferred.items():
        scores += PREFERENCE_BONUS * index.attribute_mask(candidates, {name: value})
    return scores
