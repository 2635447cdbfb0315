"""Password hashing with argon2id, at the cost the settings name (OWASP's first configuration by default).

A hash records the parameters it was made with, so a change of cost reaches each account at its next login:
the password, then known, is hashed again with the current parameters.
"""

from functools import lru_cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from settings import get_settings


@lru_cache(maxsize=4)
def _hasher(memory_kib: int, iterations: int, parallelism: int) -> tuple[PasswordHash, str]:
    hasher = PasswordHash((Argon2Hasher(time_cost=iterations, memory_cost=memory_kib, parallelism=parallelism),))
    # Verifying against this keeps the answer time the same whether or not the login exists.
    return hasher, hasher.hash('pstage-dummy-password')


def _current() -> tuple[PasswordHash, str]:
    settings = get_settings()
    return _hasher(
        settings.password_hash_memory_kib, settings.password_hash_iterations, settings.password_hash_parallelism
    )


def hash_password(password: str) -> str:
    return _current()[0].hash(password)


def verify_password(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    """Whether the password matches, and its new hash when the stored one was made with other parameters."""
    hasher, dummy_hash = _current()
    if not password_hash:
        hasher.verify(password, dummy_hash)
        return False, None
    return hasher.verify_and_update(password, password_hash)
