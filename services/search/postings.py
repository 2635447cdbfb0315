"""Inverted index: word id -> the rows (records) holding it, as sorted numpy int32 arrays.

The bulk of the postings sits in one compressed-sparse-row pair of arrays built once; rows indexed later
(records created while the application runs) go to small per-word lists, merged at read time.
"""

from array import array

import numpy as np


class GrowableArray:
    """A numpy array that grows by doubling; readers get a view of the filled part."""

    def __init__(self, dtype: type | np.dtype, initial: np.ndarray | None = None) -> None:
        self._data = np.zeros(16, dtype=dtype) if initial is None else np.ascontiguousarray(initial, dtype=dtype)
        self._size = 0 if initial is None else len(initial)

    def __len__(self) -> int:
        return self._size

    @property
    def values(self) -> np.ndarray:
        return self._data[: self._size]

    def append(self, value: object) -> None:
        if self._size == len(self._data):
            bigger = np.zeros(max(16, 2 * len(self._data)), dtype=self._data.dtype)
            bigger[: self._size] = self._data[: self._size]
            self._data = bigger
        self._data[self._size] = value
        self._size += 1

    def __setitem__(self, index: int, value: object) -> None:
        self._data[index] = value


class PostingsBuilder:
    """Collects (word, row) pairs during a bulk load, in compact machine arrays."""

    def __init__(self) -> None:
        self.words = array('i')
        self.rows = array('i')

    def add(self, row: int, word_ids: list[int]) -> None:
        self.words.extend(word_ids)
        self.rows.extend([row] * len(word_ids))

    def build(self, vocabulary_size: int, rank: np.ndarray) -> 'Postings':
        """`rank`: the final row of each collected row (rows are reordered after collection)."""
        words = np.frombuffer(self.words, dtype=np.int32) if self.words else np.empty(0, np.int32)
        rows = rank[np.frombuffer(self.rows, dtype=np.int32)] if self.rows else np.empty(0, np.int32)
        order = np.argsort((words.astype(np.int64) << 32) | rows)  # by word, then ascending row
        counts = np.bincount(words, minlength=vocabulary_size)
        offsets = np.zeros(vocabulary_size + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        return Postings(offsets, rows[order].astype(np.int32))


class Postings:
    def __init__(self, offsets: np.ndarray | None = None, rows: np.ndarray | None = None) -> None:
        self._offsets = np.zeros(1, dtype=np.int64) if offsets is None else offsets
        self._rows = np.empty(0, dtype=np.int32) if rows is None else rows
        self._frozen_words = len(self._offsets) - 1
        self._late: dict[int, list[int]] = {}

    def add(self, row: int, word_ids: list[int]) -> None:
        for word_id in word_ids:
            self._late.setdefault(word_id, []).append(row)

    def count(self, word_id: int) -> int:
        base = int(self._offsets[word_id + 1] - self._offsets[word_id]) if word_id < self._frozen_words else 0
        late = self._late.get(word_id)
        return base + (len(late) if late else 0)

    def counts(self, word_ids: np.ndarray) -> np.ndarray:
        """Vectorised `count` for many words (late rows included)."""
        inside = word_ids < self._frozen_words
        clipped = np.where(inside, word_ids, 0)
        base = np.where(inside, self._offsets[clipped + 1] - self._offsets[clipped], 0)
        if self._late:
            base = base + np.fromiter((len(self._late.get(w, ())) for w in word_ids.tolist()), np.int64, len(word_ids))
        return base

    def rows(self, word_id: int) -> np.ndarray:
        base = (
            self._rows[self._offsets[word_id] : self._offsets[word_id + 1]]
            if word_id < self._frozen_words
            else self._rows[:0]
        )
        late = self._late.get(word_id)
        if not late:
            return base
        return np.concatenate([base, np.asarray(late, dtype=np.int32)])

    @property
    def late_size(self) -> int:
        return sum(len(rows) for rows in self._late.values())

    @property
    def nbytes(self) -> int:
        return int(self._offsets.nbytes + self._rows.nbytes)
