"""Optimistic lock: two staff members modify the same convention; the second save is refused with a clear message,
keeps everything typed, and can be re-applied on the saved version without overwriting the first one's work."""

from collections.abc import Callable

from nicegui.testing import User

from models import Convention
from services.database import session_scope
from tests.factories import World
from tests.ui.helpers import log_in
from tests.ui.test_wizard_edit import give_nir
from tests.ui.wizard_steps import field_value, open_step, set_value, should_be_at_step


async def edit_step_5(user: User, field: str, value: str) -> None:
    """Change one field of « Contenu du stage », pass the step's checks, and go to the recap."""
    set_value(user, field, value)
    user.find(marker='step5-validate').click()
    await user.should_see(marker='step5-recap', retries=50)
    user.find(marker='step5-confirm').click()
    await should_be_at_step(user, 6)  # the wizard moves on once step 5 is saved
    await open_step(user, 8)


async def test_the_second_save_is_refused_keeps_its_input_and_can_be_reapplied(
    create_user: Callable[[], User], world: World
) -> None:
    convention_id = world.convention_ids['bob_created']
    give_nir(convention_id)
    first, second = create_user(), create_user()
    await log_in(first, 'gestion', start=f'/conventions/{convention_id}/modifier?etape=5')
    await log_in(second, 'admin', start=f'/conventions/{convention_id}/modifier?etape=5')
    await first.should_see(marker='wizard-editing')
    await second.should_see(marker='wizard-editing')

    await edit_step_5(first, 'content-supervision', 'Point quotidien avec le tuteur')
    await edit_step_5(second, 'content-subject', 'Maintenance des véhicules électriques')
    first.find(marker='wizard-save').click()
    await first.should_see('La convention n° 2026-000003 a été modifiée.', retries=50)

    second.find(marker='wizard-save').click()
    await second.should_see(marker='wizard-conflict', content='modifiée par quelqu’un d’autre', retries=50)
    await open_step(second, 5)  # nothing lost: the step left is drawn again from what he saved
    assert field_value(second, 'content-subject') == 'Maintenance des véhicules électriques'
    await open_step(second, 8)
    await second.should_see(marker='wizard-conflict')
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None
        assert convention.subject == 'Diagnostic électronique des véhicules'  # never silently overwritten

    second.find(marker='wizard-reapply').click()
    await second.should_not_see(marker='wizard-conflict', retries=50)  # the saved version, reloaded
    await open_step(second, 5)
    assert field_value(second, 'content-subject') == 'Maintenance des véhicules électriques'
    await open_step(second, 8)
    second.find(marker='wizard-save').click()
    await second.should_see('La convention n° 2026-000003 a été modifiée.', retries=50)
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None
        assert convention.subject == 'Maintenance des véhicules électriques'  # his change
        assert convention.supervision == 'Point quotidien avec le tuteur'  # and the first one's, kept
