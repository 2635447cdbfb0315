"""The form's drop-down list builds its options once per list, not at every change of the element."""

from collections.abc import Iterator

import pycountry
import pytest
from nicegui import Client
from nicegui.page import page

from components.choice import Select

COUNTRIES = {country.alpha_2: country.name for country in pycountry.countries}


@pytest.fixture
def page_client() -> Iterator[Client]:
    client = Client(page('/'), request=None)
    with client:
        yield client
    client.delete()


def built(select: Select) -> list[dict[str, object]]:
    return list(select.props['options'])


def test_a_choice_or_a_prop_leaves_the_option_list_as_it_was_built(page_client: Client) -> None:
    pays = Select(COUNTRIES, value='FR', label='Pays', with_input=True)
    options = pays.props['options']
    assert len(options) == len(COUNTRIES)

    pays.set_value('DE')
    pays.props('outlined')
    pays.update()

    assert pays.props['options'] is options  # not rebuilt: 249 observable dicts each time with NiceGUI's select
    assert pays.props['model-value'] == {'value': list(COUNTRIES).index('DE'), 'label': COUNTRIES['DE']}
    assert pays.value == 'DE'


def test_a_new_list_or_a_list_grown_in_place_is_shown(page_client: Client) -> None:
    civility = Select({'Mme': 'Madame', 'M.': 'Monsieur'}, label='Civilité')
    civility.set_options({'Mme': 'Madame', 'M.': 'Monsieur', 'Mx': 'Mix'}, value='Mx')
    assert [option['label'] for option in built(civility)] == ['Madame', 'Monsieur', 'Mix']
    assert civility.value == 'Mx'

    levels = ['Licence', 'Master']
    level = Select(levels, label="Niveau d'études")
    levels.append('Doctorat')
    level.update()  # NiceGUI's rule for a list changed in place
    assert [option['label'] for option in built(level)] == ['Licence', 'Master', 'Doctorat']
