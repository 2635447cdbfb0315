"""The NIR (numéro de sécurité sociale): validated with python-stdnum, encrypted at rest, shown masked."""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from stdnum.exceptions import ValidationError
from stdnum.fr import nir as stdnum_nir

from services.i18n import _

MASK = '•'


def compact(value: str) -> str:
    return stdnum_nir.compact(value or '')


def nir_error(value: str) -> str | None:
    """None when `value` is a valid NIR, else what to fix, in French."""
    text = compact(value)
    if not text:
        return _('Indiquez votre numéro de sécurité sociale (15 caractères, clé comprise).')
    try:
        stdnum_nir.validate(text)
    except ValidationError as error:
        if isinstance(error, stdnum_nir.InvalidLength):
            return _(
                'Le numéro de sécurité sociale compte 15 caractères, clé comprise : vous en avez saisi {count}.',
                count=len(text),
            )
        if isinstance(error, stdnum_nir.InvalidChecksum):
            return _(
                'La clé du numéro de sécurité sociale ne correspond pas (2 derniers chiffres) : '
                'vérifiez le numéro sur votre carte Vitale.'
            )
        return _(
            'Numéro de sécurité sociale invalide : 15 chiffres (2A ou 2B pour la Corse), '
            'tel qu’il figure sur votre carte Vitale.'
        )
    return None


_cached: tuple[object, Fernet] | None = None  # (settings object, its Fernet): reading the key file costs


@lru_cache(maxsize=8)
def _fernet_for(key: str) -> Fernet:
    return Fernet(key.encode())


def _fernet(key: str | None) -> Fernet:
    global _cached
    if key is not None:
        return _fernet_for(key)
    from settings import get_settings

    settings = get_settings()
    if _cached is None or _cached[0] is not settings:
        _cached = (settings, _fernet_for(settings.effective_encryption_key))
    return _cached[1]


def encrypt(value: str, key: str | None = None) -> str:
    return _fernet(key).encrypt(value.encode()).decode()


def decrypt(token: str, key: str | None = None) -> str:
    try:
        return _fernet(key).decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError('NIR token cannot be decrypted with this key') from error


def mask(value: str) -> str:
    """`185057800608436` → `1 85 05 •• ••• ••• 36`: sex, birth year and month, and the key stay visible."""
    text = compact(value)
    if len(text) != 15:
        return MASK * len(text)
    return f'{text[0]} {text[1:3]} {text[3:5]} {MASK * 2} {MASK * 3} {MASK * 3} {text[13:15]}'


def formatted(value: str) -> str:
    return stdnum_nir.format(compact(value))
