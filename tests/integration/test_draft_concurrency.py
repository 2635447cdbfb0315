"""The same draft saved from two devices at the same instant keeps both changes, on SQLite and on PostgreSQL."""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from models import ConventionDraft
from services import drafts
from services.database import session_scope
from tests.factories import World
from tests.wizard_fill import STUDENT, actor


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

    with session_scope() as session:
        stored = session.get(ConventionDraft, draft.id)
        assert stored is not None
        assert stored.data['health_insurance_fund'] == 'MGEN Dijon'
        assert stored.data['organisation_id'] == world.organisation_id
