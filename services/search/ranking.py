"""Searching one index: candidates from the inverted index, scored with numpy, the best re-ranked with rapidfuzz.

1. Each query word stands for the vocabulary words it may mean (itself, typo'd, completed, glued).
2. Candidates: the rows holding those words, scored by summed word rarity (IDF × match quality), found
   through the postings of the informative words only; a word held by a large share of the records
   (SARL, France, services…) is checked afterwards on the candidates instead of walked through.
3. The best candidates get a rapidfuzz WRatio against the query plus bonuses for word coverage, the first
   word matching, and preferred attribute values (open establishments, the user's département).
Filters apply to candidates before any ranking, so a filtered search returns `limit` hits when they exist.
"""

import math
import threading
from collections.abc import Mapping

import numpy as np
from rapidfuzz import fuzz, process

from services.search.codes import code_key
from services.search.index import EntityIndex
from services.search.normalise import digits_only, has_digits, is_filler, words
from services.search.query import QueryToken, analyse
from services.search.records import AttributeValue, Hit

RERANKED = 1200  # candidates that get the rapidfuzz re-rank
FREQUENT_SHARE = 0.04  # a word held by more records than this share is checked, not walked through
FREQUENT_MIN_ROWS = 5_000
COVERAGE_BONUS = 12.0  # points of WRatio for matching every query word (by rarity)
COVERAGE_POWER = 6  # steep: near-complete matches gain, names sharing one word stay in WRatio order
FIRST_WORD_BONUS = 1.0
PREFERENCE_BONUS = 2.0  # per preferred attribute value (open; the user's département)
CODE_CANDIDATES = 5_000
CHECKED_BEFORE_CUT = 60_000  # up to this many candidates, common words are scored before keeping the best
FILL_ROWS = 40
FILL_LENGTH_RATIO = 1.5
LENGTH_PRIOR = 0.01
SIMILAR_LENGTH_FROM = 600  # a word held by more rows than this gets its look-alike names checked
SIMILAR_LENGTH_SPAN = 3  # characters around the query's length
SIMILAR_LENGTH_ROWS = 3000
ALIKE_ROWS = 30

_scratch = threading.local()


def _buffers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Two per-thread float32 arrays of at least `size` zeros (kept zero between queries)."""
    accumulated = getattr(_scratch, 'accumulated', None)
    if accumulated is None or len(accumulated) < size:
        capacity = max(size + size // 4, 1024)
        _scratch.accumulated = np.zeros(capacity, dtype=np.float32)
        _scratch.temporary = np.zeros(capacity, dtype=np.float32)
    return _scratch.accumulated, _scratch.temporary


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
    candidates, partial = _candidates(index, tokens, rows, wanted, query)
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


def _token_rows(index: EntityIndex, token: QueryToken, below: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    found, weights = [], []
    for word_id, quality in zip(token.word_ids.tolist(), token.qualities.tolist(), strict=True):
        for postings, factor in ((index.title, 1.0), (index.body, index.options.body_weight)):
            rows = postings.rows(word_id)
            if len(rows) and rows[-1] >= below:  # appended after this search started
                rows = rows[rows < below]
            if len(rows):
                found.append(rows)
                weights.append(np.full(len(rows), token.weight * quality * factor, dtype=np.float32))
    return found, weights


def _candidates(
    index: EntityIndex, tokens: list[QueryToken], rows: int, wanted: dict[str, AttributeValue], query: str
) -> tuple[np.ndarray, np.ndarray]:
    """The best-scoring rows that pass the filters, and their word scores."""
    query_length = len(query)
    frequent = max(FREQUENT_MIN_ROWS, int(FREQUENT_SHARE * rows))
    walked = [t for t in tokens if len(t.word_ids) and t.rows <= frequent]
    if not walked:
        matched = [t for t in tokens if len(t.word_ids)]
        walked = [min(matched, key=lambda t: t.rows)] if matched else []
    checked = [t for t in tokens if len(t.word_ids) and t not in walked]
    touched, scores = _walk(index, walked, rows)
    fill = _fill(index, checked, query_length)
    if len(fill):
        fill = _not_in(fill, touched, rows)
        touched = np.concatenate([touched, fill])
        scores = np.concatenate([scores, np.zeros(len(fill), dtype=np.float32)])
    keep = index.alive.values[touched] & index.attribute_mask(touched, wanted)
    touched, scores = touched[keep], scores[keep]
    scores = scores + _length_prior(index, touched, query_length)
    # Common words: before the cut only by their likeliest reading (cheap on many rows), after it fully.
    early = np.zeros(len(touched), dtype=np.float32)
    if len(touched) <= CHECKED_BEFORE_CUT:
        early = _checked_scores(index, checked, touched, main_only=True)
        scores = scores + early
    if len(touched) > RERANKED:
        best = np.argpartition(-scores, RERANKED)[:RERANKED]
        touched, scores, early = touched[best], scores[best], early[best]
    scores = scores - early + _checked_scores(index, checked, touched)
    common = [t for t in tokens if t.rows > SIMILAR_LENGTH_FROM and not is_filler(t.text)]
    alike = _alike(index, common, query, touched)
    alike = alike[index.alive.values[alike] & index.attribute_mask(alike, wanted)]
    if len(alike):
        touched = np.concatenate([touched, alike])
        scores = np.concatenate([scores, _checked_scores(index, [t for t in tokens if len(t.word_ids)], alike)])
    return touched, scores


def _alike(index: EntityIndex, common: list[QueryToken], query: str, known: np.ndarray) -> np.ndarray:
    """Holders of a common query word whose whole name is closest to the query (plain ratio).

    « boucherie perrin » is also near « boucherie perrier »: a common word plus a look-alike rest, which
    word matching cannot see. Among the holders of about the query's length (rows are sorted by length:
    one slice), the closest few by character similarity join the candidates.
    """
    if not common or len(index.base_lengths) == 0:
        return np.empty(0, np.int32)
    low, high = np.searchsorted(
        index.base_lengths, (len(query) - SIMILAR_LENGTH_SPAN, len(query) + SIMILAR_LENGTH_SPAN + 1)
    )
    parts = []
    for token in common:
        if token.main_id < 0:
            continue
        holders = index.title.rows(token.main_id)
        start, end = np.searchsorted(holders, (low, high)).tolist()
        if end - start > SIMILAR_LENGTH_ROWS:  # keep the middle: names closest to the query's length
            start = (start + end - SIMILAR_LENGTH_ROWS) // 2
            end = start + SIMILAR_LENGTH_ROWS
        window = holders[start:end]
        texts = index.texts
        best = process.extract(query, [texts[row] for row in window.tolist()], scorer=fuzz.ratio, limit=ALIKE_ROWS)
        parts.append(window[[position for _, _, position in best]])
    if not parts:
        return np.empty(0, np.int32)
    return _not_in(np.unique(np.concatenate(parts)), known, index.rows)


def _walk(index: EntityIndex, walked: list[QueryToken], rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows holding the walked words (each once) with their summed word scores."""
    accumulated, temporary = _buffers(rows)
    parts = []
    for token in walked:
        found, weights = _token_rows(index, token, rows)
        if not found:
            continue
        if len(found) == 1:
            accumulated[found[0]] += weights[0]
            parts.append(found[0])
            continue
        merged = np.concatenate(found)
        np.maximum.at(temporary, merged, np.concatenate(weights))  # a word counts once, by its best match
        accumulated[merged] += temporary[merged]  # repeated rows add once: they share one value
        temporary[merged] = 0
        parts.append(merged)
    if not parts:
        return np.empty(0, np.int32), np.empty(0, np.float32)
    touched = np.concatenate(parts) if len(parts) > 1 else parts[0]
    scores = accumulated[touched]
    accumulated[touched] = 0
    positions = np.arange(len(touched), dtype=np.float32)
    temporary[touched] = positions  # keep one copy of each row
    unique = temporary[touched] == positions
    temporary[touched] = 0
    return touched[unique], scores[unique]


def _length_prior(index: EntityIndex, rows: np.ndarray, query_length: int) -> np.ndarray:
    """A tie-break among equal word scores: names WRatio compares by their best-matching part.

    WRatio scores a name sharing a query word highly when one string is 1.5 to 8 times longer than the
    other; among candidates holding the same words, those are the ones worth keeping for the re-rank.
    """
    lengths = index.lengths.values[rows]
    longer = (lengths >= FILL_LENGTH_RATIO * query_length) & (lengths < 8 * query_length)
    shorter = (lengths * FILL_LENGTH_RATIO <= query_length) & (lengths * 8 > query_length)
    return LENGTH_PRIOR * (longer | shorter)


def _fill(index: EntityIndex, checked: list[QueryToken], query_length: int) -> np.ndarray:
    """A few holders of each common query word among names of about the query's length, or 1.5 times it.

    WRatio ranks such names just below the real matches (whole-string similarity, or a shared word in a
    longer name), so they fill the tail of a short result list; rows being sorted by length, they are
    found by bisection instead of a scan.
    """
    if not checked or len(index.base_lengths) == 0:
        return np.empty(0, np.int32)
    windows = (max(query_length - 2, 0), math.ceil(FILL_LENGTH_RATIO * query_length))
    boundaries = np.searchsorted(index.base_lengths, windows)
    parts = []
    for token in checked:
        if token.main_id < 0:
            continue
        holders = index.title.rows(token.main_id)
        for start in np.searchsorted(holders, boundaries).tolist():
            parts.append(holders[start : start + FILL_ROWS])
    return np.unique(np.concatenate(parts)) if parts else np.empty(0, np.int32)


def _not_in(extra: np.ndarray, rows: np.ndarray, size: int) -> np.ndarray:
    """`extra` without the rows already in `rows` (a mark in the scratch buffer, no sorting)."""
    _, marks = _buffers(size)
    marks[rows] = 1
    kept = extra[marks[extra] == 0]
    marks[rows] = 0
    return kept


def _checked_scores(
    index: EntityIndex, checked: list[QueryToken], rows: np.ndarray, *, main_only: bool = False
) -> np.ndarray:
    """Scores of the common words on the given rows, by bisecting each word's rows."""
    total = np.zeros(len(rows), dtype=np.float32)
    for token in checked:
        best_match = np.zeros(len(rows), dtype=np.float32)
        pairs = list(zip(token.word_ids.tolist(), token.qualities.tolist(), strict=True))
        if main_only:
            pairs = [(word_id, quality) for word_id, quality in pairs if word_id == token.main_id]
        for word_id, quality in pairs:
            for postings, factor in ((index.title, 1.0), (index.body, index.options.body_weight)):
                holders = postings.rows(word_id)
                if len(holders):
                    at = np.minimum(np.searchsorted(holders, rows), len(holders) - 1)
                    hit = holders[at] == rows
                    best_match = np.maximum(best_match, hit * np.float32(token.weight * quality * factor))
        total += best_match
    return total


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
