"""« Rechercher un établissement d'accueil »: the box and every filter, through the engine and its fallback."""

import pytest

from models import OrganisationType
from services.organisation_queries import OrganisationFilters, search_organisations
from services.organisation_search import index_changed, naf_codes_for
from services.search import ESTABLISHMENTS, SearchEngine
from tests.factories import World
from tests.menu_data import actor
from tests.organisation_data import add_host
from tests.search_fixture import search_engine

__all__ = ['search_engine']  # the fixture

ENGINE = [pytest.param(True, id='engine'), pytest.param(False, id='fallback')]


@pytest.fixture(params=ENGINE)
def hosts(request: pytest.FixtureRequest, world: World) -> dict[str, int]:
    created = {
        'bakery': add_host('Boulangerie Les Trois Épis', '55208131766522', naf_code='10.71C'),
        'software': add_host('Informatique Conseil Bourgogne', '44306184100047', naf_code='62.02A'),
        'lyon': add_host(
            'Garage Martin',
            '40483304800022',
            departement_code='69',
            postal_code='69002',
            city='Lyon',
            naf_code='45.20A',
        ),
        'berlin': add_host(
            'Softwarehaus Berlin',
            None,
            departement_code=None,
            postal_code='10115',
            country_code='DE',
            city='Berlin',
            kind=OrganisationType.ASSOCIATION,
            foreign_identifier='HRB 12345',
            naf_code='72.19Z',
        ),
    }
    if request.param:
        request.getfixturevalue('search_engine')
    return created | {'garage': world.organisation_id}


def ids(page) -> list[int]:
    return [item.id for item in page.items]


def test_a_typod_partial_name_within_a_departement(world: World, hosts: dict[str, int]) -> None:
    alice = actor(world, 'alice')
    assert ids(search_organisations(alice, 'garrage dupon', '21')) == [hosts['garage']]
    assert ids(search_organisations(alice, 'boulangrie', '21')) == [hosts['bakery']]
    assert ids(search_organisations(alice, 'garage', '69')) == [hosts['lyon']]


def test_siren_typed_with_spaces(world: World, hosts: dict[str, int]) -> None:
    alice = actor(world, 'alice')
    assert ids(search_organisations(alice, '552 081 317')) == [hosts['bakery']]
    assert ids(search_organisations(alice, '443.061.841.00047')) == [hosts['software']]


def test_activity_filter_by_word_or_code(world: World, hosts: dict[str, int]) -> None:
    alice = actor(world, 'alice')
    by_word = search_organisations(alice, '', filters=OrganisationFilters(activity='boulangerie'))
    assert ids(by_word) == [hosts['bakery']]
    typo = search_organisations(alice, '', filters=OrganisationFilters(activity='informatiqe'))
    assert ids(typo) == [hosts['software']]
    assert ids(search_organisations(alice, '', filters=OrganisationFilters(activity='45.20a'))) == [
        hosts['garage'],
        hosts['lyon'],
    ]
    assert ids(
        search_organisations(alice, 'garage', filters=OrganisationFilters(activity='4520A', departement='69'))
    ) == [hosts['lyon']]
    assert search_organisations(alice, '', filters=OrganisationFilters(activity='zzzzzz')).total == 0


def test_place_country_type_and_legal_status_filters(world: World, hosts: dict[str, int]) -> None:
    alice = actor(world, 'alice')
    assert ids(search_organisations(alice, 'garage', filters=OrganisationFilters(place='lyon'))) == [hosts['lyon']]
    assert ids(search_organisations(alice, '', filters=OrganisationFilters(place='Tanneries'))) == [hosts['garage']]
    assert ids(search_organisations(alice, '', filters=OrganisationFilters(country='DE'))) == [hosts['berlin']]
    assert ids(search_organisations(alice, 'softwarehaus', filters=OrganisationFilters(kind='association'))) == [
        hosts['berlin']
    ]
    assert ids(search_organisations(alice, '', filters=OrganisationFilters(legal_category='5710'))) == [hosts['garage']]


def test_naf_codes_for_words_codes_and_sections() -> None:
    assert naf_codes_for('') is None
    assert naf_codes_for('45.20A') == {'45.20A'}
    assert {'62.01Z', '62.02A'} <= (naf_codes_for('62') or set())
    assert '10.71C' in (naf_codes_for('boulangerie') or set())
    assert naf_codes_for('J')
    assert all(code[:2] in {'58', '59', '60', '61', '62', '63'} for code in naf_codes_for('J') or ())


def test_the_engine_sees_a_creation_at_once(world: World, search_engine: SearchEngine) -> None:
    created = add_host('Menuiserie Lambert', '38012986600013')
    alice = actor(world, 'alice')
    assert search_organisations(alice, 'menuiserie').total == 0  # written behind the engine's back
    index_changed(ESTABLISHMENTS, [created])
    assert ids(search_organisations(alice, 'menuiseri lambrt')) == [created]


@pytest.mark.parametrize('engine', [True, False], ids=['engine', 'fallback'])
def test_the_closest_name_comes_first(world: World, engine: bool, request: pytest.FixtureRequest) -> None:
    for town in ('Chalon-sur-Saône', 'Talant', 'Montbéliard', 'Saint-Nazaire'):
        add_host(f'Mairie de {town}', None, country_code='BE', departement_code=None, city=town)
    valence = add_host('Mairie de Valence', None, country_code='BE', departement_code=None, city='Valence')
    if engine:
        request.getfixturevalue('search_engine')
    assert ids(search_organisations(actor(world, 'alice'), 'mairie de valance'))[0] == valence
