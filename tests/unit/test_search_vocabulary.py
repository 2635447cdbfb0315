"""The typo-tolerant word lookup: any single slip finds the word, whether bulk-built or added later."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from services.search.normalise import fold, normalised, words
from services.search.sources import naf_section
from services.search.vocabulary import Vocabulary

LETTERS = 'abcdefghijklmnopqrstuvwxyz'


def noise(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [''.join(rng.choice(LETTERS) for _ in range(rng.randint(3, 12))) for _ in range(count)]


BULK = Vocabulary(bulk=True)
BULK.add_all(noise(20_000))
BULK.add('boulangerie')
BULK.add('martin')
BULK.freeze()


def slip(word: str, kind: int, position: int, letter: str) -> str:
    position %= len(word)
    if kind == 0:
        return word[:position] + letter + word[position + 1 :]
    if kind == 1:
        return word[:position] + word[position + 1 :]
    if kind == 2:
        return word[:position] + letter + word[position:]
    position = min(position, len(word) - 2)
    return word[:position] + word[position + 1] + word[position] + word[position + 2 :]


@settings(max_examples=300, deadline=None)
@given(
    word=st.text(LETTERS, min_size=4, max_size=14),
    kind=st.integers(0, 3),
    position=st.integers(0, 20),
    letter=st.sampled_from(LETTERS),
)
def test_one_slip_finds_the_word(word: str, kind: int, position: int, letter: str) -> None:
    vocabulary = Vocabulary()  # built one word at a time, as records created at run time
    word_id = vocabulary.add(word)
    vocabulary.add_all(noise(50, seed=len(word)))
    typed = slip(word, kind, position, letter)
    if len(typed) >= 4:
        assert word_id in {found for found, _ in vocabulary.similar(typed)}


def test_a_large_frozen_vocabulary_finds_typos_and_completions() -> None:
    martin = BULK.get('martin')
    assert (martin, 1) in BULK.similar('matrin')
    assert (martin, 1) in BULK.similar('martn')
    assert (BULK.get('boulangerie'), 2) in BULK.similar('boullangeriie')  # two slips in a long word
    assert (BULK.get('boulangerie'), 2) in BULK.similar('boulangetei')  # a wrong letter and two swapped
    assert martin in BULK.with_prefix('mart').tolist()
    late = BULK.add('martinique')
    assert (late, 1) in BULK.similar('martiniqe')
    assert late in BULK.with_prefix('martini').tolist()


def test_short_words_must_match_exactly() -> None:
    vocabulary = Vocabulary()
    sas = vocabulary.add('sas')
    vocabulary.add('sa')
    assert vocabulary.similar('sas') == [(sas, 0)]
    assert vocabulary.similar('sax') == []


def test_folding_and_abbreviations() -> None:
    assert fold('SOCIÉTÉ  Générale — Œuvres') == 'societe generale oeuvres'
    assert words("St-Étienne Ets L'Oréal & Cie") == ['saint', 'etienne', 'etablissements', 'l', 'oreal', 'compagnie']
    assert normalised('Ste  Marie') == 'sainte marie'


def test_naf_sections_come_from_the_division() -> None:
    assert naf_section('62.01Z') == 'J'
    assert naf_section('45.20A') == 'G'
    assert naf_section('01.11Z') == 'A'
    assert naf_section(None) is None
    assert naf_section('xx') is None
