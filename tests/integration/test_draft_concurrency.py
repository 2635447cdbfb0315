"""The same draft saved from two devices at the same instant keeps both changes, on SQLite and on PostgreSQL; so
does a draft whose establishment is merged into another while the student saves it."""

import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from models import ConventionDraft
from services import drafts
from services.database import session_scope
from services.organisation_admin import merge_organisations
from tests.factories import World
from tests.wizard_fill import STUDENT, actor, add_host


def stored_data(draft_id: int) -> dict[str, Any]:
    """The draft's values as committed, once every save has ended."""
    with session_scope() as session:
        return dict(session.get_one(ConventionDraft, draft_id).data)


def test_two_devices_saving_one_draft_at_once_keep_both_changes(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    alice = actor(world.user_ids['alice'])
    draft = drafts.start_or_resume(alice)
    both_have_read = threading.Barrier(2)
    real_facts_for = drafts.facts_for

    def facts_once_both_have_read(*args: Any, **kwargs: Any) -> Any:
        # Each save has read the draft and merged its values; unless the first holds the draft's row, the second
        # has read it too by now, and both write back what they merged.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_have_read.wait(timeout=2)
        return real_facts_for(*args, **kwargs)

    monkeypatch.setattr(drafts, 'facts_for', facts_once_both_have_read)
    laptop = {**STUDENT, 'health_insurance_fund': 'MGEN Dijon'}  # étape 1 on her laptop
    phone = {'organisation_id': world.organisation_id}  # étape 2 on her phone
    with ThreadPoolExecutor(max_workers=2) as pool:
        saves = [
            pool.submit(drafts.save_step, alice, draft.id, step, values) for step, values in ((1, laptop), (2, phone))
        ]
        assert all(save.result().ok for save in saves)

    stored = stored_data(draft.id)
    assert stored['health_insurance_fund'] == 'MGEN Dijon'
    assert stored['organisation_id'] == world.organisation_id


def test_a_merge_of_establishments_during_her_save_keeps_what_she_saved(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = actor(world.user_ids['alice'])
    with session_scope() as session:
        twin = add_host(session, name='GARAGE DUPONT & FILS')['organisation_id']
    draft = drafts.start_or_resume(alice)
    assert drafts.save_step(alice, draft.id, 2, {'organisation_id': twin}).ok
    her_save_has_read = threading.Event()
    real_facts_for = drafts.facts_for

    def facts_after_a_pause(*args: Any, **kwargs: Any) -> Any:
        her_save_has_read.set()
        time.sleep(2)  # the merge reads the drafts meanwhile, and would write back what it read
        return real_facts_for(*args, **kwargs)

    monkeypatch.setattr(drafts, 'facts_for', facts_after_a_pause)

    def merge_once_she_has_read() -> None:
        assert her_save_has_read.wait(timeout=10)
        merge_organisations(actor(world.user_ids['gestion']), world.organisation_id, twin)

    with ThreadPoolExecutor(max_workers=2) as pool:
        save = pool.submit(drafts.save_step, alice, draft.id, 1, {**STUDENT, 'health_insurance_fund': 'MGEN Dijon'})
        merge = pool.submit(merge_once_she_has_read)
        assert save.result().ok
        merge.result()

    stored = stored_data(draft.id)
    assert stored['health_insurance_fund'] == 'MGEN Dijon'
    assert stored['organisation_id'] == world.organisation_id
