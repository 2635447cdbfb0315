"""Ranking quality on a small fixed register: what a user types finds the establishment they mean, first."""

import pytest

from services.search import ESTABLISHMENTS, SearchEngine, SearchRecord

REGISTER = {
    1: ('SOCIÉTÉ GÉNÉRALE', '55212022200013', '75'),
    2: ('Société Générale de Transports Martin', '40212345600017', '69'),
    3: ('GENERALI ASSURANCES', '35213456700019', '75'),
    4: ('Garage Dupont et Fils', '73282932000074', '21'),
    5: ('DUPONT IMMOBILIER SARL', '48123456700012', '21'),
    6: ('Boulangerie Saint-Étienne', '51234567800014', '42'),
    7: ('Saint-Gobain Vitrage', '54208106500010', '92'),
    8: ('Pharmacie du Centre Lyon SAS', '44112233400015', '69'),
    9: ('SARL MARTIN PLOMBERIE', '39988877700011', '13'),
    10: ('Plomberie Martinez', '39988877700029', '13'),
    11: ('Cabinet Lefèvre & Associés', '82345678900016', '33'),
    12: ('Établissements Bénard Frères', '31234512300018', '59'),
    13: ('AUTOGLASS FRANCE', '38123123100015', '78'),
    14: ('Crêperie de la Mer', '80011122200013', '29'),
    15: ('Transports Martin Express', '40212345600025', '69'),
}


@pytest.fixture(scope='module')
def engine() -> SearchEngine:
    engine = SearchEngine()
    engine.replace(
        ESTABLISHMENTS,
        (
            (record_id, SearchRecord(title=name, codes=(siret,), attributes={'departement': dept, 'open': True}))
            for record_id, (name, siret, dept) in REGISTER.items()
        ),
    )
    return engine


def first(engine: SearchEngine, text: str) -> int:
    hits = engine.search(ESTABLISHMENTS, text)
    assert hits, f'nothing found for {text!r}'
    return hits[0].id


def ids(engine: SearchEngine, text: str) -> list[int]:
    return [hit.id for hit in engine.search(ESTABLISHMENTS, text)]


@pytest.mark.parametrize(
    ('typed', 'meant'),
    [
        ('societe generale', 1),  # accents and case do not matter
        ('Société-Générale', 1),  # nor punctuation
        ('generale societe', 1),  # nor word order
        ('socete generale', 1),  # a missing letter
        ('societe generael', 1),  # two swapped letters
        ('garage dupnot', 4),
        ('grage dupont fils', 4),
        ('dupont garage', 4),
        ('garagedupont', 4),  # glued words are split
        ('boulangerie st etienne', 6),  # st ~ saint
        ('st gobain', 7),
        ('pharmacie centre lyon', 8),
        ('plomberie martin', 9),  # the exact surname before a longer one
        ('plomberie martinez', 10),
        ('cabinet lefevre associes', 11),
        ('ets benard freres', 12),  # « Ets » is Établissements
        ('auto glass', 13),  # a word the register glues, typed apart
        ('creperie mer', 14),
    ],
)
def test_a_typed_name_finds_the_establishment_first(engine: SearchEngine, typed: str, meant: int) -> None:
    assert first(engine, typed) == meant


def test_the_word_being_typed_is_completed(engine: SearchEngine) -> None:
    assert first(engine, 'saint gob') == 7
    assert first(engine, 'boulang') == 6


def test_legal_forms_weigh_little(engine: SearchEngine) -> None:
    # « SARL » in the query does not pull the one Dupont that is a SARL above the garage that was meant.
    assert first(engine, 'garage dupont sarl') == 4
    assert first(engine, 'sarl dupont') == 5


def test_a_rare_word_outweighs_a_common_one(engine: SearchEngine) -> None:
    assert first(engine, 'transports martin express') == 15
    assert ids(engine, 'martin')[0] in {9, 15}


@pytest.mark.parametrize(
    ('typed', 'meant'),
    [
        ('73282932000074', 4),  # a full SIRET
        ('732 829 320 00074', 4),  # with spaces
        ('732 829 320', 4),  # the SIREN
        ('7328', 4),  # a prefix
    ],
)
def test_siret_prefixes_with_spaces(engine: SearchEngine, typed: str, meant: int) -> None:
    assert ids(engine, typed) == [meant]


def test_a_siren_finds_every_establishment_of_the_company(engine: SearchEngine) -> None:
    assert set(ids(engine, '402 123 456')) == {2, 15}


def test_nothing_matching_returns_nothing(engine: SearchEngine) -> None:
    assert ids(engine, 'zzqxw') == []
    assert ids(engine, '   ') == []
    assert ids(engine, '999 999') == []
