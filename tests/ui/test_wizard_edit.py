"""Guide section II: a convention not yet validated is modified in the wizard or deleted; staff act for a student."""

import pytest
from nicegui import ui
from nicegui.testing import User

from models import Convention
from services import drafts
from services.database import session_scope
from services.people import load_actor
from services.rules import identity
from tests.factories import World
from tests.ui.helpers import log_in
from tests.ui.wizard_steps import open_step, set_value, should_be_at_step


def give_nir(convention_id: int) -> None:
    """The fixed world's conventions predate the NIR; the wizard requires one."""
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None
        convention.nir_encrypted = identity.encrypt('204032123100510')


async def test_a_created_convention_is_modified_from_step_5_and_saved(user: User, world: World) -> None:
    convention_id = world.convention_ids['alice_created']
    give_nir(convention_id)
    await log_in(user, 'alice', start=f'/conventions/{convention_id}/modifier?etape=5')
    await user.should_see(marker='wizard-editing', content='2026-000001')
    assert user.find(kind=ui.stepper, marker='wizard').elements.pop().value == '5'
    # Its dates clash with her validated convention: she moves them and rewords the subject.
    set_value(user, 'content-start_date', '07/06/2027')
    set_value(user, 'content-end_date', '30/07/2027')
    set_value(user, 'content-subject', 'Diagnostic et maintenance préventive')
    user.find(marker='step5-validate').click()
    # Both stages with the same host now exceed 2 months: the gratification becomes mandatory.
    await user.should_see(marker='content-gratified-error', content='la gratification est obligatoire', retries=30)
    user.find(marker='content-gratified').click()
    user.find(marker='content-gratification_amount_cents').type('700')
    user.find(marker='step5-validate').click()
    await user.should_see(marker='step5-recap', retries=30)
    user.find(marker='step5-confirm').click()
    await should_be_at_step(user, 6)
    await open_step(user, 8)
    user.find(marker='wizard-save').click()
    await user.should_see('La convention n° 2026-000001 a été modifiée.', retries=20)
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None
        assert convention.subject == 'Diagnostic et maintenance préventive'
        assert convention.start_date.isoformat() == '2027-06-07'
        assert convention.gratification_amount_cents == 70000


async def test_a_validated_convention_is_not_reopened_in_the_wizard(user: User, world: World) -> None:
    await log_in(user, 'alice', start=f'/conventions/{world.convention_ids["alice_validated"]}/modifier?etape=2')
    await user.should_see(marker='wizard-problem-message', content='Toute modification passe par un avenant.')
    await user.should_not_see(marker='wizard')


async def test_recap_offers_modify_and_delete_until_validated(user: User, world: World) -> None:
    await log_in(user, 'alice', start=f'/conventions/{world.convention_ids["alice_validated"]}')
    await user.should_see(marker='recap-locked', content='Toute modification passe par un avenant.')
    await user.should_not_see(marker='recap-delete')

    convention_id = world.convention_ids['alice_created']
    await user.open(f'/conventions/{convention_id}')
    link = user.find(kind=ui.link, marker='recap-modify-contenu').elements.pop()
    assert link.props['href'] == f'/conventions/{convention_id}/modifier?etape=5'
    user.find(marker='recap-delete').click()
    await user.should_see('Voulez-vous supprimer la convention ?')
    user.find(marker='delete-confirm').click()
    await user.should_see('La convention n° 2026-000001 a été supprimée.', retries=20)
    with session_scope() as session:
        assert session.get(Convention, convention_id) is None


async def test_staff_choose_the_student_and_another_student_cannot_open_the_draft(user: User, world: World) -> None:
    await log_in(user, 'gestion', start='/conventions/nouvelle')
    user.find(marker='student-search-input').type('moro bob')
    await user.should_see(marker=f'student-search-result-{world.student_ids["bob"]}', retries=20)
    user.find(marker=f'student-search-result-{world.student_ids["bob"]}').click()
    await user.should_see(marker='wizard-reminder')
    user.find(marker='wizard-start').click()
    await user.should_see(marker='wizard-on-behalf', content='MOREAU Bob')

    alice = load_actor(world.user_ids['alice'])
    assert alice is not None
    draft = drafts.start_or_resume(alice)
    await user.open('/logout')
    await log_in(user, 'bob')
    with pytest.raises(AssertionError, match='got 403'):
        await user.open(f'/conventions/nouvelle?brouillon={draft.id}')
