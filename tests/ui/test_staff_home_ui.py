"""The staff home: « À faire » counts what waits on the gestionnaire, and each counter opens the list it counts."""

from datetime import date, timedelta

from nicegui import ui
from nicegui.testing import User

from tests.factories import World
from tests.menu_data import add_convention
from tests.ui.helpers import log_in


def target(user: User, marker: str) -> str:
    (link,) = user.find(kind=ui.link, marker=marker).elements
    return str(link.props['href'])


async def test_each_counter_opens_the_search_of_what_it_counts(user: User, world: World) -> None:
    soon = date.today() + timedelta(days=5)
    add_convention(world, '2026-000011', 'bob', start=soon, end=soon + timedelta(days=60))
    await log_in(user, 'gestion')
    await user.open('/')
    await user.should_see(marker='to-do')
    (to_validate,) = user.find(kind=ui.label, marker='to-do-count-to-validate').elements
    assert to_validate.text == '3'
    (starting,) = user.find(kind=ui.label, marker='to-do-count-starting-soon').elements
    assert starting.text == '1'
    await user.open(target(user, 'to-do-link-to-validate'))
    await user.should_see('3 convention(s) au statut « créée »')
    await user.open('/')
    await user.open(target(user, 'to-do-link-starting-soon'))
    await user.should_see('1 convention(s) trouvée(s)', retries=30)
    await user.open('/')
    await user.open(target(user, 'to-do-link-evaluations'))
    await user.should_see(marker='followup-count')


async def test_a_student_has_no_staff_counters(user: User) -> None:
    await log_in(user, 'alice')
    await user.open('/')
    await user.should_see(marker='greeting')
    await user.should_not_see(marker='to-do')
