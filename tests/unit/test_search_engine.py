"""Filters inside the engine, preferences, and records indexed while the application runs."""

from collections.abc import Iterator

import pytest

from services.search import ESTABLISHMENTS, SearchEngine, SearchRecord


def bakery(number: int, departement: str, *, open_: bool = True, naf: str = 'C') -> SearchRecord:
    return SearchRecord(
        title=f'Boulangerie Artisanale {number}',
        codes=(f'{100000000 + number:09d}00010',),
        attributes={'departement': departement, 'open': open_, 'naf_section': naf, 'country': 'FR'},
    )


@pytest.fixture
def engine() -> SearchEngine:
    engine = SearchEngine()
    records = [(n, bakery(n, '69' if n <= 40 else '75', open_=n % 10 != 0)) for n in range(1, 81)]
    engine.replace(ESTABLISHMENTS, records)
    return engine


def found(engine: SearchEngine, text: str, limit: int = 10, **filters: object) -> list[int]:
    return [hit.id for hit in engine.search(ESTABLISHMENTS, text, filters or None, limit=limit)]  # type: ignore[arg-type]


def test_a_departement_filter_still_fills_the_page(engine: SearchEngine) -> None:
    hits = found(engine, 'boulangerie artisanale', departement='75')
    assert len(hits) == 10
    assert all(n > 40 for n in hits)


def test_open_closed_filters(engine: SearchEngine) -> None:
    closed = found(engine, 'boulangerie', limit=50, open=False)
    assert sorted(closed) == [10, 20, 30, 40, 50, 60, 70, 80]
    assert not set(found(engine, 'boulangerie', limit=80, open=True)) & set(closed)


def test_open_establishments_rank_before_closed_ones(engine: SearchEngine) -> None:
    hits = found(engine, 'boulangerie artisanale', limit=80)
    assert set(hits[:72]) == {n for n in range(1, 81) if n % 10}


def test_filters_combine_and_unknown_values_match_nothing(engine: SearchEngine) -> None:
    assert found(engine, 'boulangerie', departement='69', naf_section='C', open=False) == [10, 20, 30, 40]
    assert found(engine, 'boulangerie', naf_section='Z') == []
    assert found(engine, 'boulangerie', unknown_attribute='x') == []


def test_siret_search_honours_filters(engine: SearchEngine) -> None:
    assert found(engine, '100 000 050', open=False) == [50]
    assert found(engine, '100 000 050', open=True) == []


def test_the_users_departement_is_preferred_not_required(engine: SearchEngine) -> None:
    hits = engine.search(ESTABLISHMENTS, 'boulangerie artisanale', prefer={'departement': '75'}, limit=5)
    assert all(hit.id > 40 for hit in hits)
    assert found(engine, 'boulangerie artisanale 3')[0] == 3  # the exact name still wins


def test_a_new_record_is_found_at_once(engine: SearchEngine) -> None:
    assert found(engine, 'patisserie bellecour') == []
    engine.upsert(ESTABLISHMENTS, 500, SearchRecord(title='Pâtisserie Bellecour', attributes={'open': True}))
    assert found(engine, 'patisserie belecour')[0] == 500
    assert found(engine, 'belle')[0] == 500  # a new word is known to completions too
    assert found(engine, 'patisserie', open=True) == [500]


def test_an_edited_record_is_found_by_its_new_name_only(engine: SearchEngine) -> None:
    engine.upsert(ESTABLISHMENTS, 7, SearchRecord(title='Fromagerie Vercors', attributes={'open': True}))
    assert found(engine, 'fromagerie vercors') == [7]
    assert 7 not in found(engine, 'boulangerie artisanale 7')


def test_a_removed_record_is_no_longer_found(engine: SearchEngine) -> None:
    engine.remove(ESTABLISHMENTS, 3)
    assert 3 not in found(engine, 'boulangerie artisanale 3')
    assert found(engine, '100 000 003') == []


def test_changes_made_during_a_rebuild_are_kept(engine: SearchEngine) -> None:
    def slow_load() -> Iterator[tuple[int, SearchRecord]]:
        yield 1, bakery(1, '69')
        # Another request creates a record while the rebuild is still reading the database.
        engine.upsert(ESTABLISHMENTS, 900, SearchRecord(title='Chocolaterie Pralines', attributes={'open': True}))
        yield 2, bakery(2, '69')

    engine.replace(ESTABLISHMENTS, slow_load())
    assert found(engine, 'chocolaterie') == [900]
    assert set(found(engine, 'boulangerie')) == {1, 2}


def test_an_empty_engine_answers_and_learns() -> None:
    engine = SearchEngine()
    assert not engine.ready(ESTABLISHMENTS)
    assert found(engine, 'garage') == []
    engine.upsert(ESTABLISHMENTS, 1, SearchRecord(title='Garage du Port', codes=('12345678900011',)))
    assert found(engine, 'grage port') == [1]
    assert found(engine, '123 456') == [1]
