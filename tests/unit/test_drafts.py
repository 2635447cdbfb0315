"""The wizard's server-side draft: saved at every step, resumed anywhere, never readable by another student."""

import pytest
from sqlmodel import select

from models import ConventionDraft
from services import drafts
from services.actor import Actor
from services.database import session_scope
from services.people import load_actor
from services.permissions import PermissionDenied
from tests.factories import World

VALID_NIR = '2 04 03 21 231 017 95'


def actor(world: World, login: str) -> Actor:
    loaded = load_actor(world.user_ids[login])
    assert loaded is not None
    return loaded


def test_a_new_draft_is_prefilled_from_the_directory(world: World) -> None:
    alice = actor(world, 'alice')
    draft = drafts.start_or_resume(alice)
    assert draft.step == 1
    assert draft.student_name == 'BÉNARD Alice'
    assert draft.formation_label == 'Licence Informatique'
    assert draft.academic_year == '2026-2027'
    assert draft.data['student_email'] == 'alice@etu.universite.example'
    assert [title for _, title in drafts.STEPS][1] == "Établissement d'accueil"


def test_steps_one_to_three_are_found_again_from_another_device(world: World) -> None:
    alice = actor(world, 'alice')
    draft = drafts.start_or_resume(alice)
    first = drafts.save_step(
        alice,
        draft.id,
        1,
        {'student_phone': '06 12 34 56 78', 'health_insurance_fund': 'CPAM de la Côte-d’Or', 'nir': VALID_NIR},
    )
    assert first.ok, first.errors
    assert first.draft.step == 2
    assert drafts.save_step(alice, draft.id, 2, {'organisation_id': world.organisation_id}).ok
    assert drafts.save_step(alice, draft.id, 3, {'service_id': world.service_id}).ok

    again = drafts.start_or_resume(load_actor(world.user_ids['alice']))  # type: ignore[arg-type]

    assert again.id == draft.id
    assert again.step == 4
    assert again.data['student_phone'] == '06 12 34 56 78'
    assert again.data['organisation_id'] == world.organisation_id
    assert again.data['service_id'] == world.service_id
    assert again.labels['organisation_id'] == 'Garage Dupont et Fils'
    assert again.nir_masked == '2 04 03 •• ••• ••• 95'


def test_the_nir_is_never_stored_in_clear_even_when_wrong(world: World) -> None:
    alice = actor(world, 'alice')
    draft = drafts.start_or_resume(alice)
    result = drafts.save_step(alice, draft.id, 1, {'health_insurance_fund': 'CPAM', 'nir': '2 04 03 21 231 017 96'})
    assert not result.ok
    assert 'clé' in result.errors['nir']
    assert result.draft.step == 1
    assert result.draft.nir_input == '204032123101796'  # kept for its owner to correct
    with session_scope() as session:
        stored = session.get(ConventionDraft, draft.id)
        assert stored is not None
        assert '204032123101796' not in str(stored.data)
        assert stored.data['nir_encrypted']


def test_a_student_cannot_open_or_change_another_students_draft(world: World) -> None:
    bob = actor(world, 'bob')
    bobs = drafts.start_or_resume(bob)
    alice = actor(world, 'alice')
    with pytest.raises(PermissionDenied):
        drafts.start_or_resume(alice, draft_id=bobs.id)
    with pytest.raises(PermissionDenied):
        drafts.save_step(alice, bobs.id, 1, {'student_phone': '0600000000'})
    with pytest.raises(PermissionDenied):
        drafts.discard(alice, bobs.id)
    with pytest.raises(PermissionDenied):
        drafts.start_or_resume(alice, student_id=world.student_ids['bob'])
    with session_scope() as session:
        assert (
            session.exec(select(ConventionDraft).where(ConventionDraft.id == bobs.id)).one().data.get('student_phone')
            is None
        )


CONTENT = {
    'internship_type': 'obligatoire',
    'thematique_code': 'INF',
    'subject': 'Outil de suivi des réparations',
    'activities': 'Développement, tests',
    'competences': 'Python, SQL',
    'supervision': 'Point hebdomadaire',
    'start_date': '2027-06-01',
    'end_date': '2027-06-30',
    'working_time': 'temps_plein',
    'hours_per_week': 35,
    'days_per_week': 5,
    'gratified': True,
    'gratification_amount_cents': 69300,
    'gratification_unit': 'mois',
    'gratification_basis': 'net',
    'gratification_payment': 'virement',
}


def test_step_five_shows_the_live_duration_and_keeps_invalid_input(world: World) -> None:
    alice = actor(world, 'alice')
    draft = drafts.start_or_resume(alice)
    drafts.save_step(alice, draft.id, 1, {'health_insurance_fund': 'CPAM', 'nir': VALID_NIR})
    drafts.save_step(alice, draft.id, 2, {'organisation_id': world.organisation_id})
    drafts.save_step(alice, draft.id, 3, {'service_id': world.service_id})
    drafts.save_step(alice, draft.id, 4, {'tutor_id': world.tutor_id})

    wrong = drafts.save_step(alice, draft.id, 5, {**CONTENT, 'hours_per_week': 'trente'})
    assert not wrong.ok
    assert 'nombre' in wrong.errors['hours_per_week']
    assert wrong.draft.data['hours_per_week'] == 'trente'
    assert wrong.draft.step == 5

    right = drafts.save_step(alice, draft.id, 5, CONTENT)
    assert right.ok, right.errors
    assert right.draft.step == 6
    # June 2027: 22 weekdays, none a public holiday → 154 h = 22 days = 1 month
    assert (right.computed['hours'], right.computed['days'], right.computed['months']) == (154, 22, 1)
    assert drafts.preview_duration(CONTENT).hours == 154
