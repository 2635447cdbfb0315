"""Normalising what people type before matching it: accents, case, spaces, digits of identifiers."""

import re
import unicodedata

# Words too common in names to select candidates on their own.
STOP_WORDS = frozenset({'de', 'des', 'du', 'la', 'le', 'les', 'et', 'en', 'au', 'aux', 'l', 'd', 'sa', 'sas', 'sarl'})


def normalise(text: str) -> str:
    """Lower case, without accents or punctuation, single-spaced: « L'École  Ségur » -> 'l ecole segur'."""
    decomposed = unicodedata.normalize('NFKD', text)
    stripped = ''.join(char for char in decomposed if not unicodedata.combining(char))
    return ' '.join(re.sub(r'[^\w]+', ' ', stripped.casefold()).split())


def words(text: str) -> list[str]:
    """The significant words of a query, normalised."""
    return [word for word in normalise(text).split() if word not in STOP_WORDS]


def identifier_digits(text: str) -> str | None:
    """The digits of a SIRET/SIREN typed with spaces, dots or dashes; None when the text is not one."""
    compact = re.sub(r'[\s.\-]', '', text)
    return compact if compact.isdigit() else None
