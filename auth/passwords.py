"""Password hashing with argon2 (pwdlib's recommended parameters)."""

from pwdlib import PasswordHash

_hasher = PasswordHash.recommended()
# Verifying against this keeps the answer time the same whether or not the login exists.
_DUMMY_HASH = _hasher.hash('pstage-dummy-password')


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if not password_hash:
        _hasher.verify(password, _DUMMY_HASH)
        return False
    return _hasher.verify(password, password_hash)
