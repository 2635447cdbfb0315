"""Step 1's offer shortcut lands on step 3 with the offer's host; a draft left half-way is found again elsewhere."""

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User
from sqlmodel import select

from models import ConventionDraft, Offer, OfferStatus
from pages.wizard.state import Wizard
from services import drafts
from services.database import session_scope
from tests.factories import World
from tests.ui.helpers import log_in, record_worker_trips
from tests.ui.test_wizard_content_parts import open_content_step, saved_draft
from tests.ui.wizard_steps import (
    NIR,
    field_value,
    fill_student_step,
    is_drawn,
    open_step,
    set_value,
    should_be_at_step,
    start_wizard,
)


def publish_offer(world: World) -> int:
    with session_scope() as session:
        offer = Offer(
            number='OF-2026-0042',
            title='Assistant diagnostic électronique',
            status=OfferStatus.PUBLISHED,
            organisation_id=world.organisation_id,
            service_id=world.service_id,
            contact_id=world.tutor_id,
            composante_id=world.composante_id,
            description='Diagnostic des véhicules récents en atelier.',
            missions='Lecture des codes défaut',
        )
        session.add(offer)
        session.flush()
        assert offer.id is not None
        return offer.id


async def test_an_offer_chosen_at_step_1_fills_host_service_and_tutor(user: User, world: World) -> None:
    offer_id = publish_offer(world)
    await start_wizard(user, start=f'/conventions/nouvelle?offre={offer_id}')  # from the offer's page
    await fill_student_step(user)
    await user.should_see(marker='proposed-offer')  # proposed; she finds it with the search box anyway
    user.find(marker='offer-search-input').type('diagnostik')  # a typo in a keyword of the title
    await user.should_see(marker='offer-search-result', retries=20)
    user.find(marker='offer-search-result').click()
    await should_be_at_step(user, 3)
    await user.should_see(marker=[f'service-{world.service_id}', 'chosen'])
    await open_step(user, 4)
    await user.should_see(marker=[f'tutor-{world.tutor_id}', 'chosen'])
    await open_step(user, 2)
    await user.should_see(marker='host-chosen-name', content='Garage Dupont et Fils')
    await open_step(user, 5)
    assert field_value(user, 'content-subject') == 'Assistant diagnostic électronique'


async def test_a_draft_is_resumed_on_another_device_with_everything_typed(
    user: User, create_user: Callable[[], User], world: World
) -> None:
    await start_wizard(user)
    await fill_student_step(user, fund='MGEN Dijon')
    user.find(marker='offer-no').click()
    await user.should_see(marker='host-siret-search-input')
    user.find(marker='host-siret-search-input').type('732 829 32')
    await user.should_see(marker=f'host-siret-search-result-{world.organisation_id}', retries=20)
    user.find(marker=f'host-siret-search-result-{world.organisation_id}').click()
    await user.should_see(marker='host-recap')
    user.find(marker='host-select').click()
    await user.should_see(marker=f'service-{world.service_id}')
    user.find(marker=f'service-{world.service_id}-select').click()
    await should_be_at_step(user, 4)
    assert not is_drawn(user, 3)  # the step left is drawn again when reopened, not while nobody sees it

    with session_scope() as session:
        draft = session.exec(
            select(ConventionDraft).where(ConventionDraft.student_id == world.student_ids['alice'])
        ).one()
    other_device = create_user()
    await log_in(other_device, 'alice', start=f'/conventions/nouvelle?brouillon={draft.id}')
    await other_device.should_see(marker='wizard')
    await should_be_at_step(other_device, 4)
    await open_step(other_device, 3)
    await other_device.should_see(marker=[f'service-{world.service_id}', 'chosen'])
    await open_step(other_device, 2)
    await other_device.should_see(marker='host-chosen-name', content='Garage Dupont et Fils')
    await open_step(other_device, 1)
    assert field_value(other_device, 'student-health_insurance_fund') == 'MGEN Dijon'
    await other_device.should_see(marker='nir-masked', content=f'{NIR[0]} {NIR[2:4]} {NIR[5:7]} ••')


async def test_what_is_typed_is_saved_without_validating(user: User, world: World) -> None:
    await start_wizard(user)
    user.find(marker='student-health_insurance_fund').type('CPAM de Saône-et-Loire')
    await user.should_see(marker='autosaved-1', content='Brouillon enregistré', retries=30)
    await user.open('/conventions/nouvelle')  # a reload: the reminder, then the same draft
    user.find(marker='wizard-start').click()
    await user.should_see(marker='student-identity')
    assert field_value(user, 'student-health_insurance_fund') == 'CPAM de Saône-et-Loire'


async def test_valider_during_a_slow_autosave_keeps_the_newer_text(
    user: User, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The autosave's save is still on its way to the database (a busy server) when she changes the subject and
    clicks « Valider »: that save ends first, then hers, so the draft keeps what she typed last."""
    convention_id = await open_content_step(user, world)
    first_save_started, first_save_may_go, first_save_done = threading.Event(), threading.Event(), threading.Event()
    real_save_step = drafts.save_step

    def save_step(actor: Any, draft_id: int, step: int, values: dict[str, Any]) -> drafts.StepResult:
        if first_save_started.is_set():
            return real_save_step(actor, draft_id, step, values)
        first_save_started.set()
        first_save_may_go.wait(timeout=10)
        try:
            return real_save_step(actor, draft_id, step, values)
        finally:
            first_save_done.set()

    monkeypatch.setattr(drafts, 'save_step', save_step)
    # Dates clear of her other convention, and the gratification that both stages then call for.
    set_value(user, 'content-start_date', '07/06/2027')
    set_value(user, 'content-end_date', '30/07/2027')
    user.find(marker='content-gratified').click()
    user.find(marker='content-gratification_amount_cents').type('700')
    set_value(user, 'content-subject', 'Premier sujet')
    assert await asyncio.to_thread(first_save_started.wait, 5), 'the autosave did not start'
    set_value(user, 'content-subject', 'Sujet définitif')
    user.find(marker='step5-validate').click()
    await asyncio.sleep(0.3)  # « Valider » waits for the autosave under way, however long it takes
    first_save_may_go.set()
    await user.should_see(marker='step5-recap', retries=50)
    assert await asyncio.to_thread(first_save_done.wait, 5)
    draft = await saved_draft(convention_id, 'subject', 'Sujet définitif')
    assert draft['subject'] == 'Sujet définitif'


async def test_a_closed_wizard_page_undoes_its_cycle_of_references(user: User, world: World) -> None:
    """The wizard and its steps refer to one another: when the page closes, the wizard lets its steps go, so
    the page is freed at once rather than held for the garbage collector's next walk of the whole heap."""
    await start_wizard(user)
    stepper = user.find(marker='wizard').elements.pop()
    assert isinstance(stepper, ui.stepper)
    wizard = getattr(stepper._change_handlers[0], '__self__', None)  # the stepper calls wizard.draw_current
    assert isinstance(wizard, Wizard)
    assert wizard.sections
    assert wizard.steps
    stepper.client.delete()
    assert (wizard.sections, wizard.steps, wizard.stepper) == ({}, {}, None)
    wizard.go(3)  # a save ending after the page closed has no step to open: nothing happens


async def test_opening_the_wizard_is_one_trip_to_a_worker_thread(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    """The draft started and the wizard's lists (countries, establishments' kinds…) are read together."""
    await log_in(user, 'alice', start='/conventions/nouvelle')
    await user.should_see(marker='wizard-reminder')
    trips = record_worker_trips(monkeypatch)
    user.find(marker='wizard-start').click()
    await user.should_see(marker='student-identity')
    assert trips == ['_draft_and_lists']
