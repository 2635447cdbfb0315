"""Prefix lookup of identifiers (SIRET/SIREN, convention and offer numbers): a sorted byte-string array + bisect.

"552 100 554" finds every establishment whose SIRET starts with that SIREN; separators are ignored.
"""

import re
from collections.abc import Iterable

import numpy as np

_SEPARATORS = re.compile(r'[^0-9a-z]+')


def code_key(text: str) -> str:
    """'552 100-554' -> '552100554', 'CONV-2026/0012' -> 'conv20260012'."""
    return _SEPARATORS.sub('', text.lower())


class CodeIndex:
    def __init__(self) -> None:
        self._keys = np.empty(0, dtype='S1')
        self._rows = np.empty(0, dtype=np.int32)
        self._late: list[tuple[bytes, int]] = []

    def build(self, pairs: Iterable[tuple[str, int]]) -> None:
        collected = [(code_key(code).encode('ascii', 'ignore'), row) for code, row in pairs]
        collected = [(key, row) for key, row in collected if key]
        width = max((len(key) for key, _ in collected), default=1)
        keys = np.array([key for key, _ in collected], dtype=f'S{width}')
        rows = np.array([row for _, row in collected], dtype=np.int32)
        order = np.argsort(keys, kind='stable')
        self._keys, self._rows, self._late = keys[order], rows[order], []

    def add(self, code: str, row: int) -> None:
        key = code_key(code).encode('ascii', 'ignore')
        if key:
            self._late.append((key, row))

    def with_prefix(self, prefix: str, limit: int) -> np.ndarray:
        """Rows whose code starts with `prefix`, in code order, at most `limit` from the bulk part."""
        key = code_key(prefix).encode('ascii', 'ignore')
        if not key:
            return np.empty(0, dtype=np.int32)
        if len(key) > self._keys.dtype.itemsize:  # longer than any bulk code: only a late one can match
            return np.asarray([row for code, row in self._late if code.startswith(key)], dtype=np.int32)
        start = int(np.searchsorted(self._keys, key, 'left'))
        if len(key) < self._keys.dtype.itemsize:
            end = int(np.searchsorted(self._keys, key + b'\xff', 'left'))
        else:  # a key wider than the array would make numpy copy the whole array to compare
            end = int(np.searchsorted(self._keys, key, 'right'))
        found = self._rows[start : min(end, start + limit)]
        late = [row for code, row in self._late if code.startswith(key)]
        if late:
            found = np.concatenate([found, np.asarray(late, dtype=np.int32)])
        return found

    @property
    def nbytes(self) -> int:
        return int(self._keys.nbytes + self._rows.nbytes)
