"""A query's words turned into vocabulary matches: exact, typo'd, prefix (the word being typed), glued."""

import itertools
import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from services.search.normalise import FILLER_WEIGHT, is_filler
from services.search.vocabulary import Vocabulary

EXACT, ONE_TYPO, TWO_TYPOS, JOINED = 1.0, 0.7, 0.5, 0.9
PREFIX_EXPANSIONS = 40  # the word being typed stands for at most this many (most frequent) completions
GLUED_PART_MIN = 3


@dataclass
class QueryToken:
    text: str
    weight: float  # what matching this word is worth: its rarity, a tenth for filler words
    word_ids: np.ndarray  # int32: vocabulary words that count as this word
    qualities: np.ndarray  # float32: 1 for the word itself, less for a typo or a completion
    exact_id: int
    rows: int = 0  # how many records hold one of the words: large means slow and uninformative
    main_id: int = -1  # the likeliest reading: the word itself, else its best (then most common) match


class WordCounts(Protocol):
    """How many records hold a word (one, or many at once)."""

    def __call__(self, word_id: int) -> int: ...

    def many(self, word_ids: np.ndarray) -> np.ndarray: ...


def idf(count: int, total: int) -> float:
    return math.log(1.0 + (total - count + 0.5) / (count + 0.5))


def _split_glued(word: str, vocabulary: Vocabulary, count: WordCounts) -> list[str] | None:
    """'garagedupont' -> ['garage', 'dupont'] when both halves are known words (the likeliest split wins)."""
    best: tuple[int, list[str]] | None = None
    for cut in range(GLUED_PART_MIN, len(word) - GLUED_PART_MIN + 1):
        left, right = vocabulary.get(word[:cut]), vocabulary.get(word[cut:])
        if left is None or right is None:
            continue
        likelihood = min(count(left), count(right))
        if best is None or likelihood > best[0]:
            best = (likelihood, [word[:cut], word[cut:]])
    return best[1] if best else None


def _expand_glued(words: list[str], vocabulary: Vocabulary, count: WordCounts) -> list[str]:
    expanded: list[str] = []
    for word in words:
        if len(word) >= 2 * GLUED_PART_MIN and vocabulary.get(word) is None and not vocabulary.similar(word):
            expanded.extend(_split_glued(word, vocabulary, count) or [word])
        else:
            expanded.append(word)
    return expanded


def analyse(
    words: list[str], vocabulary: Vocabulary, count: WordCounts, total: int, *, typing: bool
) -> list[QueryToken]:
    """`typing`: the last word may be incomplete (no space typed after it yet)."""
    words = _expand_glued(words, vocabulary, count)
    joined = [vocabulary.get(a + b) for a, b in itertools.pairwise(words)]
    tokens = []
    for position, word in enumerate(words):
        matches: dict[int, float] = {}
        exact = vocabulary.get(word)
        for word_id, distance in vocabulary.similar(word):
            matches[word_id] = EXACT if distance == 0 else ONE_TYPO if distance == 1 else TWO_TYPOS
        if typing and position == len(words) - 1:
            completions = vocabulary.with_prefix(word)
            if len(completions) > PREFIX_EXPANSIONS:
                counts = count.many(completions)
                completions = completions[np.argpartition(-counts, PREFIX_EXPANSIONS)[:PREFIX_EXPANSIONS]]
            for word_id in completions.tolist():
                quality = 0.6 + 0.3 * len(word) / len(vocabulary.words[word_id])
                matches[word_id] = max(matches.get(word_id, 0.0), quality)
        for neighbour in (position - 1, position):
            joined_id = joined[neighbour] if 0 <= neighbour < len(joined) else None
            if joined_id is not None:
                matches[joined_id] = max(matches.get(joined_id, 0.0), JOINED)
        counts_by_word = {word_id: count(word_id) for word_id in matches}
        rows = sum(counts_by_word.values())
        main_id = max(matches, key=lambda w: (matches[w], counts_by_word[w]), default=-1)
        if exact is not None:
            weight = idf(counts_by_word[exact], total)
        elif matches:
            weight = idf(max(counts_by_word.values()), total)  # its likeliest reading: the most common match
        else:
            weight = idf(0, total)
        if is_filler(word):
            weight *= FILLER_WEIGHT
        tokens.append(
            QueryToken(
                text=word,
                weight=weight,
                word_ids=np.fromiter(matches.keys(), np.int32, len(matches)),
                qualities=np.fromiter(matches.values(), np.float32, len(matches)),
                exact_id=-1 if exact is None else exact,
                rows=rows,
                main_id=main_id,
            )
        )
    return tokens
