"""Text as the search engine sees it: folded words, abbreviations expanded, filler words marked.

Both the indexed records and the queries go through `words()`, so "Sté Générale", "STE GENERALE" and
"ste generale" meet on the same words, and "St-Étienne" on "saint etienne".
"""

import re
import unicodedata

_NOT_WORD = re.compile(r'[^0-9a-z]+')
_DIGITS = re.compile(r'\d')

# Common written abbreviations, expanded on both sides so either spelling finds the other.
ABBREVIATIONS = {
    'st': 'saint',
    'ste': 'sainte',
    'sts': 'saints',
    'stes': 'saintes',
    'cie': 'compagnie',
    'ets': 'etablissements',
    'etab': 'etablissements',
    'etabl': 'etablissements',
    'sce': 'service',
    'svc': 'services',
    'assoc': 'association',
    'asso': 'association',
    'grpt': 'groupement',
    'univ': 'universite',
    'intl': 'international',
    'natl': 'national',
    'dept': 'departement',
    'bd': 'boulevard',
    'av': 'avenue',
    'gd': 'grand',
    'gde': 'grande',
    'pdts': 'produits',
    'mr': 'monsieur',
    'mme': 'madame',
    'dr': 'docteur',
    'fr': 'france',
}

# Legal forms and grammatical words: kept (they still help the re-rank) but worth little.
LEGAL_FORMS = frozenset(
    str.split(
        'sa sas sasu sarl eurl sci snc scop scp scm scea sca scs scic selarl selas selafa selca sel gie eirl ei earl '
        'gaec sem spl sep sprl gmbh ltd llc inc plc bv nv spa srl ag'
    )
)
STOP_WORDS = frozenset(str.split('a au aux d de des du en et l la le les par pour sur sous chez the of and y un une'))
FILLER_WORDS = LEGAL_FORMS | STOP_WORDS
FILLER_WEIGHT = 0.1  # a filler word counts for a tenth of its rarity


def fold(text: str) -> str:
    """'Société  Générale-Île' -> 'societe generale ile': no accents, lower case, punctuation as spaces."""
    if not text.isascii():
        text = text.replace('œ', 'oe').replace('Œ', 'OE').replace('æ', 'ae').replace('Æ', 'AE').replace('ß', 'ss')
        text = unicodedata.normalize('NFKD', text).encode('ascii', 'ignore').decode('ascii')
    return _NOT_WORD.sub(' ', text.lower()).strip()


def words(text: str) -> list[str]:
    """The searchable words of a text, in order: folded, abbreviations expanded."""
    return [ABBREVIATIONS.get(word, word) for word in fold(text).split()]


def normalised(text: str) -> str:
    """The words joined by single spaces: the string the fuzzy re-rank compares."""
    return ' '.join(words(text))


def digits_only(text: str) -> str | None:
    """'552 100 554 00012' -> '55210055400012'; None when the text holds anything but digits and separators."""
    stripped = re.sub(r'[\s.\-/]+', '', text)
    return stripped if stripped.isdigit() else None


def has_digits(text: str) -> bool:
    return bool(_DIGITS.search(text))


def is_filler(word: str) -> bool:
    return word in FILLER_WORDS
