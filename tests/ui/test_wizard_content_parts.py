"""Étape 5 draws the gratification's fields and the irregular calendar when the student ticks their box, not
before (most students need neither); what she types there stays when she unticks and ticks again, and is saved."""

import asyncio
from typing import Any

from nicegui import ElementFilter, ui
from nicegui.testing import User
from sqlmodel import select

from models import ConventionDraft
from services.database import session_scope
from tests.factories import World
from tests.ui.helpers import log_in
from tests.ui.test_wizard_edit import give_nir
from tests.ui.wizard_steps import field_value, set_value


def drawn(user: User, marker: str) -> bool:
    """Whether the page holds the element at all, shown or hidden."""
    assert user.client is not None
    with user.client:
        return any(ElementFilter(marker=marker))


async def open_content_step(user: User, world: World) -> int:
    convention_id = world.convention_ids['alice_created']
    give_nir(convention_id)
    await log_in(user, 'alice', start=f'/conventions/{convention_id}/modifier?etape=5')
    await user.should_see(marker='content-gratified')
    return convention_id


async def saved_draft(convention_id: int, key: str, expected: Any) -> dict[str, Any]:
    """The draft once the autosave has written `key` (0.6 s after the last change)."""
    for _attempt in range(50):
        with session_scope() as session:
            draft = session.exec(select(ConventionDraft).where(ConventionDraft.convention_id == convention_id)).first()
            data = dict(draft.data) if draft else {}
        if data.get(key) == expected:
            return data
        await asyncio.sleep(0.1)
    raise AssertionError(f'{key} is {data.get(key)!r} in the draft, not {expected!r}')


async def test_the_gratification_is_asked_once_the_student_ticks_stage_gratifie(user: User, world: World) -> None:
    convention_id = await open_content_step(user, world)
    assert not drawn(user, 'content-gratification_amount_cents')  # not drawn at all, not just hidden

    user.find(marker='content-gratified').click()
    user.find(marker='content-gratification_amount_cents').type('650')
    set_value(user, 'content-gratification_unit', 'mois')
    await saved_draft(convention_id, 'gratification_amount_cents', 65000)

    user.find(marker='content-gratified').click()  # she changes her mind: hidden, and kept for her
    await user.should_not_see(marker='content-gratification_amount_cents')
    user.find(marker='content-gratified').click()
    await user.should_see(marker='content-gratification_amount_cents')
    assert field_value(user, 'content-gratification_amount_cents') == 650


async def test_an_untouched_gratification_leaves_the_draft_as_it_was(user: User, world: World) -> None:
    convention_id = await open_content_step(user, world)
    subject = field_value(user, 'content-subject') + ' (révisé)'
    user.find(marker='content-subject').type(' (révisé)')
    draft = await saved_draft(convention_id, 'subject', subject)
    assert draft['gratified'] is False
    assert draft['gratification_amount_cents'] is None
    assert draft['gratification_currency'] == 'EUR'


async def test_the_irregular_calendar_is_drawn_when_ticked_and_its_periods_saved(user: User, world: World) -> None:
    convention_id = await open_content_step(user, world)
    assert not drawn(user, 'schedule_periods-add')

    user.find(marker='content-irregular_schedule').click()
    user.find(marker='schedule_periods-add').click()
    row = user.find(marker='schedule_periods-row').elements.pop()
    start, end, hours, days = [child for child in row.descendants() if isinstance(child, ui.date_input | ui.number)]
    start.value, end.value, hours.value, days.value = '07/06/2027', '18/06/2027', 35, 5

    draft = await saved_draft(convention_id, 'irregular_schedule', True)
    assert draft['schedule_periods'] == [['2027-06-07', '2027-06-18', 35, 5]]
