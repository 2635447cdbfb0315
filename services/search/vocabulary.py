"""The distinct words of an index, with a typo-tolerant lookup that stays fast at hundreds of thousands of words.

Typo tolerance uses a deletion neighbourhood (the idea behind SymSpell): every word of four letters or more is
stored together with each spelling that drops one of its letters, as 64-bit hashes in one sorted numpy array.
A query word and its own one- or two-letter deletions are looked up with `searchsorted`; two words meet when
deleting at most one letter from the indexed word and at most two from the query makes them equal, which
covers a wrong, missing, extra or swapped letter (and most double typos in long words). Candidates are then
checked with the real edit distance. A lookup costs tens of microseconds whatever the vocabulary size,
where a rapidfuzz scan of 300k words costs ~100 ms.

Words added after `freeze()` (records created while the application runs) go to small dictionaries that are
checked the same way, so a new word is found at once without rebuilding anything.
"""

import bisect
from collections.abc import Iterable, Iterator

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

FUZZY_MIN_LENGTH = 4  # shorter words must match exactly (or as a prefix): one typo changes them too much
TWO_TYPOS_MIN_LENGTH = 8


def max_typos(word: str) -> int:
    if len(word) >= TWO_TYPOS_MIN_LENGTH:
        return 2
    return 1 if len(word) >= FUZZY_MIN_LENGTH else 0


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _variants(word: str) -> set[str]:
    """What the index stores for a word: itself and, when long enough, its one-letter deletions."""
    if len(word) < FUZZY_MIN_LENGTH:
        return {word}
    return _deletions(word) | {word}


def _query_variants(word: str, typos: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(typos):
        frontier = {shorter for candidate in frontier if len(candidate) > 2 for shorter in _deletions(candidate)}
        found |= frontier
    return found


class Vocabulary:
    def __init__(self, *, bulk: bool = False) -> None:
        """`bulk`: words are being loaded in bulk and `freeze()` will follow (skips the per-word structures)."""
        self._bulk = bulk
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        self._keys = np.empty(0, dtype=np.int64)  # sorted hashes of the variants of the frozen words
        self._owners = np.empty(0, dtype=np.int32)  # word id of each hash
        self._sorted_words: list[str] = []  # frozen words in alphabetical order, for prefixes
        self._sorted_ids = np.empty(0, dtype=np.int32)
        self._sorted_lengths = np.empty(0, dtype=np.int16)
        self._frozen_count = 0
        self._late_variants: dict[int, list[int]] = {}  # hash -> word ids, for words added after freeze()

    def __len__(self) -> int:
        return len(self.words)

    def get(self, word: str) -> int | None:
        return self.ids.get(word)

    def add(self, word: str) -> int:
        word_id = self.ids.get(word)
        if word_id is not None:
            return word_id
        word_id = len(self.words)
        self.words.append(word)
        self.ids[word] = word_id
        if not self._bulk:
            for variant in _variants(word):
                self._late_variants.setdefault(hash(variant), []).append(word_id)
        return word_id

    def add_all(self, words: Iterable[str]) -> list[int]:
        return [self.add(word) for word in words]

    def freeze(self) -> None:
        """Build the lookup structures over every word known so far (once, after a bulk load)."""
        keys: list[int] = []
        owners: list[int] = []
        for word_id, word in enumerate(self.words):
            variants = _variants(word)
            keys.extend(hash(variant) for variant in variants)
            owners.extend([word_id] * len(variants))
        key_array = np.fromiter(keys, dtype=np.int64, count=len(keys))
        order = np.argsort(key_array, kind='stable')
        self._keys = key_array[order]
        self._owners = np.asarray(owners, dtype=np.int32)[order]
        alphabetical = sorted(range(len(self.words)), key=self.words.__getitem__)
        self._sorted_words = [self.words[i] for i in alphabetical]
        self._sorted_ids = np.asarray(alphabetical, dtype=np.int32)
        self._sorted_lengths = np.fromiter((len(w) for w in self._sorted_words), np.int16, len(self._sorted_words))
        self._frozen_count = len(self.words)
        self._late_variants = {}
        self._bulk = False

    def similar(self, word: str, typos: int | None = None) -> list[tuple[int, int]]:
        """(word id, edit distance) of the known words within `typos` edits of `word` (itself included)."""
        allowed = max_typos(word) if typos is None else typos
        variants = _query_variants(word, allowed)
        hashes = np.fromiter((hash(v) for v in variants), dtype=np.int64, count=len(variants))
        starts = np.searchsorted(self._keys, hashes, 'left')
        ends = np.searchsorted(self._keys, hashes, 'right')
        candidates: set[int] = set()
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            if end > start:
                candidates.update(self._owners[start:end].tolist())
        if self._late_variants:
            for value in hashes.tolist():
                candidates.update(self._late_variants.get(value, ()))
        found = []
        for word_id in candidates:
            distance = OSA.distance(word, self.words[word_id], score_cutoff=allowed)
            if distance <= allowed:
                found.append((word_id, distance))
        if not found and allowed >= 2:
            found = self._near_in_slice(word, allowed)
        return found

    def _near_in_slice(self, word: str, allowed: int) -> list[tuple[int, int]]:
        """Fallback for a long word the deletion neighbourhood misses (e.g. a wrong and two swapped letters):
        the frozen words with the same first letter and a close length, compared directly (a few ms)."""
        start = bisect.bisect_left(self._sorted_words, word[0])
        end = bisect.bisect_left(self._sorted_words, word[0] + '\x7f', lo=start)
        lengths = self._sorted_lengths[start:end]
        nearby = np.flatnonzero(np.abs(lengths - len(word)) <= allowed) + start
        choices = [self._sorted_words[i] for i in nearby.tolist()]
        best = process.extract(word, choices, scorer=OSA.distance, score_cutoff=allowed, limit=None)
        return [(int(self._sorted_ids[nearby[position]]), int(distance)) for _, distance, position in best]

    def with_prefix(self, prefix: str) -> np.ndarray:
        """Ids of the words that start with `prefix` (the word itself included)."""
        start = bisect.bisect_left(self._sorted_words, prefix)
        end = bisect.bisect_left(self._sorted_words, prefix + '\x7f', lo=start)
        frozen = self._sorted_ids[start:end]
        late = [i for i in range(self._frozen_count, len(self.words)) if self.words[i].startswith(prefix)]
        if not late:
            return frozen
        return np.concatenate([frozen, np.asarray(late, dtype=np.int32)])

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)
