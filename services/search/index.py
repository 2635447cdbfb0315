"""The index of one kind of record: rows of words, codes and filter attributes, built in bulk or one by one.

A record lives in one row; editing it retires the old row and appends a new one (rows never move, so
readers need no lock). Rows appended after the bulk build live in small late structures until the next
rebuild; `late_rows` tells the engine when rebuilding is worth it.
"""

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from services.search.codes import CodeIndex
from services.search.normalise import words
from services.search.postings import GrowableArray, Postings, PostingsBuilder
from services.search.records import AttributeValue, SearchRecord
from services.search.vocabulary import Vocabulary

NO_VALUE = 0  # attribute code of a missing value


class AttributeColumn:
    """One filterable attribute: small integer codes per row, 0 for no value."""

    def __init__(self, codes: np.ndarray | None = None, table: dict[AttributeValue, int] | None = None) -> None:
        self.table: dict[AttributeValue, int] = table or {}
        self.codes = GrowableArray(np.int32, codes)

    def code_of(self, value: AttributeValue, *, create: bool = False) -> int:
        if value is None:
            return NO_VALUE
        code = self.table.get(value)
        if code is None:
            if not create:
                return -1  # a value no row has: matches nothing
            code = self.table[value] = len(self.table) + 1
        return code


@dataclass
class IndexOptions:
    preferred: Mapping[str, AttributeValue]  # attribute values ranked first (open establishments)
    body_weight: float = 0.35


class EntityIndex:
    def __init__(self, options: IndexOptions | None = None) -> None:
        self.options = options or IndexOptions(preferred={})
        self.vocabulary = Vocabulary()
        self.title = Postings()
        self.body = Postings()
        self.codes = CodeIndex()
        self.record_ids = GrowableArray(np.int64)
        self.alive = GrowableArray(np.bool_)
        self.first_word = GrowableArray(np.int32)
        self.texts: list[str] = []
        self.attributes: dict[str, AttributeColumn] = {}
        # Record id -> row: sorted arrays for the bulk rows (a dict of a million ints costs ~100 MB),
        # a dict for rows added later.
        self._base_ids = np.empty(0, dtype=np.int64)
        self._base_rows = np.empty(0, dtype=np.int32)
        self._late_row_of: dict[int, int] = {}
        self._live = 0
        self.lengths = GrowableArray(np.int32)  # title length of every row
        self.base_lengths = np.empty(0, dtype=np.int32)  # the bulk rows' part of it (ascending)
        self.late_rows = 0
        self.lock = threading.RLock()  # writers only

    @property
    def rows(self) -> int:
        return len(self.texts)

    @property
    def size(self) -> int:
        return self._live

    def row_of(self, record_id: int) -> int | None:
        """The live row of a record, None when it is not indexed (or was removed)."""
        row = self._late_row_of.get(record_id)
        if row is not None:
            return row
        at = int(np.searchsorted(self._base_ids, record_id))
        if at < len(self._base_ids) and self._base_ids[at] == record_id:
            row = int(self._base_rows[at])
            return row if self.alive.values[row] else None
        return None

    @classmethod
    def build(cls, records: Iterable[tuple[int, SearchRecord]], options: IndexOptions | None = None) -> 'EntityIndex':
        """Index many records at once (the start-up build): one pass, then compact numpy structures."""
        index = cls(options)
        vocabulary = Vocabulary(bulk=True)
        known, add_word = vocabulary.ids, vocabulary.add
        title, body = PostingsBuilder(), PostingsBuilder()
        record_ids: list[int] = []
        first_words: list[int] = []
        attribute_values: dict[str, list[AttributeValue]] = {}
        code_pairs: list[tuple[str, int]] = []
        for row, (record_id, record) in enumerate(records):
            title_words = words(record.title)
            word_ids = [known[w] if w in known else add_word(w) for w in title_words]
            record_ids.append(record_id)
            index.texts.append(' '.join(title_words))
            first_words.append(word_ids[0] if word_ids else -1)
            title.add(row, list(dict.fromkeys(word_ids)))
            if record.body:
                body.add(row, list(dict.fromkeys(add_word(w) for w in words(record.body))))
            code_pairs.extend((code, row) for code in record.codes)
            for name, value in record.attributes.items():
                column = attribute_values.get(name)
                if column is None:
                    column = attribute_values[name] = [None] * row
                elif len(column) < row:  # records before this one had no value
                    column.extend([None] * (row - len(column)))
                column.append(value)
        vocabulary.freeze()
        rows = len(record_ids)
        # Rows in order of title length: each word's rows then run from short to long names, so the
        # re-rank can pick names of a given length among a common word's holders without scanning them.
        lengths = np.fromiter((len(text) for text in index.texts), np.int32, rows)
        order = np.argsort(lengths, kind='stable')
        rank = np.empty(rows, dtype=np.int32)
        rank[order] = np.arange(rows, dtype=np.int32)
        index.texts = [index.texts[i] for i in order.tolist()]
        index.base_lengths = lengths[order]
        index.lengths = GrowableArray(np.int32, index.base_lengths)
        index.vocabulary = vocabulary
        index.title = title.build(len(vocabulary), rank)
        index.body = body.build(len(vocabulary), rank)
        index.codes.build((code, int(rank[row])) for code, row in code_pairs)
        ids = np.asarray(record_ids, dtype=np.int64)
        index.record_ids = GrowableArray(np.int64, ids[order])
        index.alive = GrowableArray(np.bool_, np.ones(rows, dtype=np.bool_))
        index.first_word = GrowableArray(np.int32, np.asarray(first_words, dtype=np.int32)[order])
        for name, values in attribute_values.items():
            values.extend([None] * (rows - len(values)))
            coder = AttributeColumn()
            codes = np.fromiter((coder.code_of(v, create=True) for v in values), np.int32, rows)
            index.attributes[name] = AttributeColumn(codes[order], coder.table)
        by_id = np.argsort(ids[order], kind='stable')
        sorted_ids = ids[order][by_id]
        last = np.ones(rows, dtype=np.bool_)  # the same id twice: the last row lives
        last[:-1] = sorted_ids[1:] != sorted_ids[:-1]
        index.alive.values[by_id[~last]] = False
        index._base_ids, index._base_rows = sorted_ids[last], by_id[last].astype(np.int32)
        index._live = len(index._base_ids)
        return index

    def upsert(self, record_id: int, record: SearchRecord) -> None:
        """Index a new or edited record; findable as soon as this returns."""
        with self.lock:
            row = self.rows
            title_words = words(record.title)
            word_ids = [self.vocabulary.add(w) for w in title_words]
            self.title.add(row, list(dict.fromkeys(word_ids)))
            if record.body:
                self.body.add(row, list(dict.fromkeys(self.vocabulary.add(w) for w in words(record.body))))
            for code in record.codes:
                self.codes.add(code, row)
            for name in record.attributes.keys() - self.attributes.keys():
                self.attributes[name] = AttributeColumn(np.zeros(row, dtype=np.int32))
            for name, column in self.attributes.items():
                column.codes.append(column.code_of(record.attributes.get(name), create=True))
            self.record_ids.append(record_id)
            self.first_word.append(word_ids[0] if word_ids else -1)
            self.alive.append(True)
            text = ' '.join(title_words)
            self.lengths.append(len(text))
            self.texts.append(text)  # last: publishes the row to readers
            previous = self.row_of(record_id)
            self._late_row_of[record_id] = row
            if previous is None:
                self._live += 1
            else:
                self.alive[previous] = False
            self.late_rows += 1

    def remove(self, record_id: int) -> None:
        with self.lock:
            row = self.row_of(record_id)
            self._late_row_of.pop(record_id, None)
            if row is not None:
                self.alive[row] = False
                self._live -= 1

    def attribute_mask(self, rows: np.ndarray, wanted: Mapping[str, AttributeValue]) -> np.ndarray:
        """Which of `rows` have every wanted attribute value (an unknown attribute matches nothing)."""
        mask = np.ones(len(rows), dtype=np.bool_)
        for name, value in wanted.items():
            column = self.attributes.get(name)
            if column is None:
                return np.zeros(len(rows), dtype=np.bool_)
            mask &= column.codes.values[rows] == column.code_of(value)
        return mask

    @property
    def nbytes(self) -> int:
        """Approximate memory of the index structures (the word list and row texts excluded)."""
        vocabulary = self.vocabulary
        arrays = vocabulary._keys.nbytes + vocabulary._owners.nbytes + vocabulary._sorted_ids.nbytes
        columns = sum(column.codes.values.nbytes for column in self.attributes.values())
        return int(arrays + self.title.nbytes + self.body.nbytes + self.codes.nbytes + columns)
