"""Stories with several users (tests/ui/conftest.py): what a page does reaches the user showing that page, even when
the test — or another user's page loading in the background — touched another user last."""

from collections.abc import Callable

from nicegui import ui
from nicegui.testing import User

from tests.factories import World
from tests.ui.helpers import log_in


async def test_a_page_navigates_and_notifies_its_own_user(create_user: Callable[[], User], world: World) -> None:
    first, second = create_user(), create_user()
    await log_in(first, 'gestion')
    await log_in(second, 'admin')
    page_of_second = second.client
    assert first.back_history  # `first` touched last, as when its page loads while the second one's handler runs
    assert page_of_second is not None
    with page_of_second:
        ui.notify('Pour le second')
        ui.navigate.to('/aide')
    await second.should_see(marker='help-steps', retries=50)
    await second.should_see('Pour le second')
    await first.should_not_see(marker='help-steps')
    await first.should_not_see('Pour le second')
