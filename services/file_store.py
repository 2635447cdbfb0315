"""Files kept by the application (signed scans of conventions…), under one directory every instance shares.

The directory is `PSTAGE_FILE_STORE` (default `data/files` under PSTAGE_DATA_DIR): on several machines, put it
on shared storage (NFS…). Files are addressed by a key such as `conventions/42/3f9c…e1.pdf`: segments of
letters, digits, `.`, `_` and `-` only, never `..`, never absolute; the resolved path is checked to stay
inside the directory (symbolic links included). Writes are atomic (temporary file, fsync, rename), so another
instance never reads a half-written file. Callers (services) check permissions and keep the key and the
original file name in the database; this module knows nothing about users.

    key = file_store.new_key('conventions/42', 'scan signé.pdf')   # conventions/42/<random>.pdf
    file_store.save(key, content)
    with file_store.open_file(key) as stream: ...
"""

import os
import re
import tempfile
import uuid
from pathlib import Path
from typing import BinaryIO

from settings import get_settings

SEGMENT = re.compile(r'[A-Za-z0-9][A-Za-z0-9._-]{0,119}')
MAX_DEPTH = 8


class InvalidKey(ValueError):
    """A key that could escape the store or is not in the expected form."""


def root() -> Path:
    return get_settings().effective_file_store


def _segments(key: str) -> list[str]:
    if not isinstance(key, str) or not key or key.startswith('/') or '\\' in key or '\x00' in key:
        raise InvalidKey(f'invalid file key: {key!r}')
    parts = key.split('/')
    if len(parts) > MAX_DEPTH or any(not SEGMENT.fullmatch(part) or '..' in part for part in parts):
        raise InvalidKey(f'invalid file key: {key!r}')
    return parts


def path_for(key: str) -> Path:
    """Where `key` lives; InvalidKey when the key is malformed or would lead outside the store."""
    base = root().resolve()
    path = base.joinpath(*_segments(key))
    if not path.resolve().is_relative_to(base):  # a symbolic link inside the store pointing elsewhere
        raise InvalidKey(f'file key leads outside the store: {key!r}')
    return path


def new_key(prefix: str, filename: str = '') -> str:
    """A fresh, unguessable key under `prefix`, keeping the extension of `filename` (lower case) if simple."""
    _segments(prefix)
    extension = Path(filename).suffix.lower()
    if not re.fullmatch(r'\.[a-z0-9]{1,10}', extension):
        extension = ''
    return f'{prefix}/{uuid.uuid4().hex}{extension}'


def save(key: str, content: bytes) -> Path:
    """Write `content` under `key` atomically (replacing an existing file); returns its path."""
    path = path_for(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix='.tmp-')
    try:
        with os.fdopen(descriptor, 'wb') as output:
            output.write(content)
            output.flush()
            os.fsync(output.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def open_file(key: str) -> BinaryIO:
    """The stored file, opened for reading (FileNotFoundError if absent)."""
    return path_for(key).open('rb')


def read(key: str) -> bytes:
    return path_for(key).read_bytes()


def exists(key: str) -> bool:
    return path_for(key).is_file()


def delete(key: str) -> bool:
    """Remove the file; False if it did not exist."""
    try:
        path_for(key).unlink()
    except FileNotFoundError:
        return False
    return True
