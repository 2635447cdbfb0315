"""« Statistiques »: each chart can be saved as an image (its toolbox) and its data downloaded as CSV; the
filters narrow the charts."""

import csv
import io

from nicegui import ui
from nicegui.testing import User

from tests.factories import World
from tests.menu_data import add_convention
from tests.ui.helpers import log_in, pick


async def test_a_chart_is_saved_as_an_image_and_its_data_as_csv(user: User, world: World) -> None:
    add_convention(world, '2026-000011', 'chloe', other_composante=True)
    await log_in(user, 'admin')
    await user.open('/statistiques')
    await user.should_see('4 convention(s) dans votre périmètre')
    (chart,) = user.find(kind=ui.echart, marker='chart-status').elements
    assert 'saveAsImage' in chart.options['toolbox']['feature']
    assert {item['name']: item['value'] for item in chart.options['series'][0]['data']} == {'créée': 3, 'validée': 1}
    user.find(marker='chart-csv-naf').click()
    response = await user.download.next()
    rows = list(csv.reader(io.StringIO(response.content.decode('utf-8-sig')), delimiter=';'))
    assert rows == [
        ['Code', 'Section NAF', 'Conventions'],
        ['G', "Commerce; réparation d'automobiles et de motocycles", '4'],
    ]
    pick(user, 'stats-composante', world.other_composante_id)
    user.find(marker='stats-apply').click()
    await user.should_see('1 convention(s) dans votre périmètre', retries=30)
