"""A page its browser tab left for another is deleted at once (not 20 s later); a page whose tab may come back to
it is kept; and what a student typed just before leaving the wizard is saved all the same."""

import asyncio
from collections.abc import Callable

from nicegui import Client
from nicegui.testing import User
from sqlmodel import select

from models import ConventionDraft
from services.database import session_scope
from tests.factories import World
from tests.ui.helpers import log_in
from tests.ui.wizard_steps import start_wizard


def browser_lets_go(page: Client) -> None:
    """The page's socket closes, as when its tab unloads it (or loses the network)."""
    for socket_id in list(page._socket_to_document_id):
        page.handle_disconnect(socket_id)


def leave_earlier_pages(user: User) -> None:
    """A browser tab shows one page; the simulation keeps every page it opened connected: let them go."""
    for page in list(Client.instances.values()):
        if page._pinned_tab_id == user.tab_id:
            browser_lets_go(page)


async def settle() -> None:
    await asyncio.sleep(0.05)


async def test_a_page_left_for_the_next_one_in_the_same_tab_is_deleted_once_that_one_is_connected(user: User) -> None:
    await log_in(user, 'alice')
    leave_earlier_pages(user)
    left = await user.open('/conventions')
    browser_lets_go(left)
    await settle()
    assert not left.is_deleted  # nothing else in the tab yet: it may come back (a phone changing network)

    await user.open('/offres')

    await settle()
    assert left.is_deleted


async def test_a_page_whose_socket_closes_after_the_next_page_connected_is_deleted_too(user: User) -> None:
    await log_in(user, 'alice')
    leave_earlier_pages(user)
    left = await user.open('/conventions')
    await user.open('/offres')
    browser_lets_go(left)
    await settle()
    assert left.is_deleted


async def test_a_page_of_another_tab_waits_for_its_browser(user: User, create_user: Callable[[], User]) -> None:
    other_tab = create_user()
    await log_in(other_tab, 'bob')
    leave_earlier_pages(other_tab)
    waiting = await other_tab.open('/conventions')
    browser_lets_go(waiting)
    await log_in(user, 'alice')
    await user.open('/offres')
    await settle()
    assert not waiting.is_deleted


async def test_what_was_typed_just_before_leaving_the_wizard_is_saved(user: User, world: World) -> None:
    await start_wizard(user)
    wizard_page = user.client
    assert wizard_page is not None
    user.find(marker='student-health_insurance_fund').type('CPAM de Saône-et-Loire')
    await user.open('/conventions')  # within the autosave's delay
    browser_lets_go(wizard_page)
    await settle()
    assert wizard_page.is_deleted

    for _ in range(50):
        with session_scope() as session:
            draft = session.exec(
                select(ConventionDraft).where(ConventionDraft.student_id == world.student_ids['alice'])
            ).one()
        if draft.data.get('health_insurance_fund') == 'CPAM de Saône-et-Loire':
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'the last change was not saved: {draft.data.get("health_insurance_fund")!r}')
