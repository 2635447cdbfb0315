"""Candidate rows for a query: the inverted index walked with numpy, never a scan of every record.

Rows holding the informative query words are scored by summed word rarity (IDF × match quality); a word held
by a large share of the records (SARL, France, services…) is checked on the candidates instead of walked.
Filters apply here, before any ranking. A few extra rows keep the re-rank comparable to an exhaustive WRatio
scan: holders of a common query word among names of a telling length, and look-alike names (a common word
plus a rest that differs by a few letters), found by bisection because rows are sorted by name length.
"""

import math
import threading

import numpy as np
from rapidfuzz import fuzz, process

from services.search.index import EntityIndex
from services.search.normalise import STOP_WORDS
from services.search.query import QueryToken
from services.search.records import AttributeValue

RERANKED = 1200  # candidates that get the rapidfuzz re-rank
FREQUENT_SHARE = 0.04  # a word held by more records than this share is checked, not walked through
FREQUENT_MIN_ROWS = 5_000
CHECKED_BEFORE_CUT = 60_000  # up to this many candidates, common words are scored before keeping the best
FILL_ROWS = 40
FILL_LENGTH_RATIO = 1.5
LENGTH_PRIOR = 0.01
SIMILAR_LENGTH_FROM = 600  # a word held by more rows than this gets its look-alike names checked
SIMILAR_LENGTH_SPAN = 3  # characters around the query's length
SIMILAR_LENGTH_ROWS = 3000
ALIKE_ROWS = 30

_scratch = threading.local()


def buffers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Two per-thread float32 arrays of at least `size` zeros (kept zero between queries)."""
    accumulated = getattr(_scratch, 'accumulated', None)
    if accumulated is None or len(accumulated) < size:
        capacity = max(size + size // 4, 1024)
        _scratch.accumulated = np.zeros(capacity, dtype=np.float32)
        _scratch.temporary = np.zeros(capacity, dtype=np.float32)
    return _scratch.accumulated, _scratch.temporary


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


def candidates(
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
        early = checked_scores(index, checked, touched, main_only=True)
        scores = scores + early
    if len(touched) > RERANKED:
        best = np.argpartition(-scores, RERANKED)[:RERANKED]
        touched, scores, early = touched[best], scores[best], early[best]
    scores = scores - early + checked_scores(index, checked, touched)
    common = [t for t in tokens if t.rows > SIMILAR_LENGTH_FROM and t.text not in STOP_WORDS]  # not « de »
    alike = _alike(index, common, query, touched)
    alike = alike[index.alive.values[alike] & index.attribute_mask(alike, wanted)]
    if len(alike):
        touched = np.concatenate([touched, alike])
        scores = np.concatenate([scores, checked_scores(index, [t for t in tokens if len(t.word_ids)], alike)])
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
    accumulated, temporary = buffers(rows)
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
    _, marks = buffers(size)
    marks[rows] = 1
    kept = extra[marks[extra] == 0]
    marks[rows] = 0
    return kept


def checked_scores(
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
