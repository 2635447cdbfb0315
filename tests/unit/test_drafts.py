"""The wizard's server-side draft: saved at every step, resumed anywhere, never readable by another student."""

import re

import pytest
import sqlalchemy as sa
from sqlmodel import select

from models import ConventionDraft, Offer, OfferStatus
from services import drafts
from services.actor import Actor
from services.database import engine, session_scope
from services.people import load_actor
from services.permissions import PermissionDenied
from tests.factories import World
from tests.wizard_fill import CONTENT, add_host

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


def walk_to_step_five(who: Actor, host: dict[str, int], student_id: int | None = None) -> int:
    draft = drafts.start_or_resume(who, student_id=student_id)
    drafts.save_step(who, draft.id, 1, {'health_insurance_fund': 'CPAM', 'nir': VALID_NIR})
    drafts.save_step(who, draft.id, 2, {'organisation_id': host['organisation_id']})
    drafts.save_step(who, draft.id, 3, {'service_id': host['service_id']})
    drafts.save_step(who, draft.id, 4, {'tutor_id': host['tutor_id']})
    return draft.id


def test_public_holidays_count_for_a_host_in_france_not_abroad(world: World) -> None:
    with session_scope() as session:
        french, german = add_host(session), add_host(session, name='Werkstatt Berlin', country='DE')
    week = {**CONTENT, 'start_date': '2027-07-12', 'end_date': '2027-07-16'}  # 14 July on the Wednesday
    in_france = drafts.save_step(actor(world, 'alice'), walk_to_step_five(actor(world, 'alice'), french), 5, week)
    assert in_france.computed['hours'] == 28
    assert in_france.computed['excluded_holidays'] == ['2027-07-14']
    abroad = drafts.save_step(actor(world, 'bob'), walk_to_step_five(actor(world, 'bob'), german), 5, week)
    assert abroad.draft.abroad is True
    assert abroad.computed['hours'] == 35


def test_print_language_and_currency_other_than_french_and_euro_only_abroad(world: World) -> None:
    with session_scope() as session:
        french = add_host(session)
    alice = actor(world, 'alice')
    draft_id = walk_to_step_five(alice, french)
    result = drafts.save_step(alice, draft_id, 5, {**CONTENT, 'print_language': 'de', 'gratification_currency': 'CHF'})
    assert result.errors['print_language'] == (
        'La convention ne peut être imprimée en allemand que pour un stage à l’étranger : choisissez le français.'
    )
    assert (
        result.errors['gratification_currency']
        == 'Pour un stage en France, la gratification est versée en euros (EUR).'
    )


def test_only_staff_may_override_the_computed_duration_with_a_reason(world: World) -> None:
    with session_scope() as session:
        french = add_host(session)
    override = {**CONTENT, 'duration_override_hours': 140}
    alice = actor(world, 'alice')
    refused = drafts.save_step(alice, walk_to_step_five(alice, french), 5, override)
    assert refused.errors['duration_override_hours'] == 'Seul le bureau des stages peut corriger la durée calculée.'

    manager = actor(world, 'gestion')
    draft_id = walk_to_step_five(manager, french, student_id=world.student_ids['bob'])
    no_reason = drafts.save_step(manager, draft_id, 5, override)
    assert no_reason.errors == {'duration_override_reason': 'Indiquez le motif de la correction de durée.'}
    done = drafts.save_step(manager, draft_id, 5, {**override, 'duration_override_reason': 'Fermeture annuelle'})
    assert done.ok, done.errors
    assert (done.computed['hours'], done.draft.data['effective_hours']) == (140, 140)


def test_choosing_another_host_voids_the_service_tutor_and_signatory(world: World) -> None:
    with session_scope() as session:
        other = add_host(session)
    alice = actor(world, 'alice')
    draft_id = walk_to_step_five(
        alice, {'organisation_id': world.organisation_id, 'service_id': world.service_id, 'tutor_id': world.tutor_id}
    )
    assert drafts.start_or_resume(alice, draft_id=draft_id).step == 5
    moved = drafts.save_step(alice, draft_id, 2, {'organisation_id': other['organisation_id']})
    assert moved.ok
    assert moved.draft.step == 3
    assert 'service_id' not in moved.draft.data
    assert 'tutor_id' not in moved.draft.data
    wrong = drafts.save_step(alice, draft_id, 3, {'service_id': world.service_id})
    assert wrong.errors['service_id'] == "Ce service n'appartient pas à l'établissement d'accueil choisi."


def test_the_offer_shortcut_fills_the_host_and_goes_to_step_three(world: World) -> None:
    with session_scope() as session:
        offer = Offer(
            number='OF-2026-00001',
            title='Refonte du site de réservation',
            status=OfferStatus.PUBLISHED,
            organisation_id=world.organisation_id,
            service_id=world.service_id,
            contact_id=world.tutor_id,
            description='Stage de développement web',
            missions='Développer le nouveau parcours de réservation',
            thematique_code='INF',
        )
        session.add(offer)
        session.flush()
        offer_id = offer.id
    assert offer_id is not None
    alice = actor(world, 'alice')
    draft = drafts.start_or_resume(alice)
    drafts.save_step(alice, draft.id, 1, {'health_insurance_fund': 'CPAM', 'nir': VALID_NIR})

    chosen = drafts.apply_offer(alice, draft.id, offer_id)

    assert chosen.step == 3
    assert chosen.data['organisation_id'] == world.organisation_id
    assert chosen.data['service_id'] == world.service_id
    assert chosen.data['tutor_id'] == world.tutor_id
    assert chosen.data['subject'] == 'Refonte du site de réservation'
    assert chosen.labels['offer_id'] == 'OF-2026-00001'
    with session_scope() as session:
        stored = session.get(Offer, offer_id)
        assert stored is not None
        stored.status = OfferStatus.FILLED
    with pytest.raises(drafts.WizardError, match="n'est pas publiée"):
        drafts.apply_offer(alice, draft.id, offer_id)


def test_a_discarded_draft_is_gone(world: World) -> None:
    alice = actor(world, 'alice')
    draft = drafts.start_or_resume(alice)
    drafts.save_step(alice, draft.id, 1, {'student_phone': '06 11 11 11 11'})
    drafts.discard(alice, draft.id)
    with pytest.raises(drafts.DraftNotFound):
        drafts.save_step(alice, draft.id, 1, {})
    assert drafts.start_or_resume(alice).data['student_phone'] is None  # a fresh draft from the directory


@pytest.mark.parametrize(
    ('step', 'values', 'field'),
    [
        (2, {'organisation_id': '9' * 40}, 'organisation_id'),
        (2, {'organisation_id': '<script>alert(1)</script>'}, 'organisation_id'),
        (6, {'referent_id': True}, 'referent_id'),
        (5, {**CONTENT, 'hours_per_week': float('nan')}, 'hours_per_week'),
        (5, {**CONTENT, 'internship_type': ['obligatoire']}, 'internship_type'),
        (5, {**CONTENT, 'end_date': '9999-12-31'}, 'end_date'),
        (5, {**CONTENT, 'interruptions': 12}, 'interruptions'),
        (5, {**CONTENT, 'gratification_currency': 'euros'}, 'gratification_currency'),
        (5, {**CONTENT, 'gratification_amount_cents': 2**70}, 'gratification_amount_cents'),
        (5, {**CONTENT, 'subject': '\x00\x1b'}, 'subject'),
    ],
)
def test_hostile_input_gets_a_message_and_the_draft_still_opens(
    step: int, values: dict[str, object], field: str, world: World
) -> None:
    alice = actor(world, 'alice')
    draft = drafts.start_or_resume(alice)
    result = drafts.save_step(alice, draft.id, step, values)
    assert not result.ok
    assert result.errors[field]
    assert drafts.start_or_resume(alice, draft_id=draft.id).id == draft.id


def test_dates_typed_the_french_way_are_kept_as_iso(world: World) -> None:
    alice = actor(world, 'alice')
    draft = drafts.start_or_resume(alice)
    typed = {'start_date': '01/06/2027', 'end_date': 'fin juin', 'interruptions': [['14/06/2027', '2027-06-15']]}
    saved = drafts.save_step(alice, draft.id, 5, typed).draft.data
    assert saved['start_date'] == '2027-06-01'
    assert saved['end_date'] == 'fin juin'  # unreadable: kept as typed, with its message
    assert saved['interruptions'] == [['2027-06-14', '2027-06-15']]


def test_saving_a_step_reads_each_chosen_row_once(world: World) -> None:
    """The checks and the draft's labels both need the establishment and the service: one read each."""
    alice = actor(world, 'alice')
    draft = drafts.start_or_resume(alice)
    assert drafts.save_step(alice, draft.id, 2, {'organisation_id': world.organisation_id}).ok
    tables: list[str] = []

    def note(_connection: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith('SELECT') and (table := re.search(r'\bFROM\s+(\w+)', statement)):
            tables.append(table.group(1))

    sa.event.listen(engine(), 'before_cursor_execute', note)
    try:
        assert drafts.save_step(alice, draft.id, 3, {'service_id': world.service_id}).ok
    finally:
        sa.event.remove(engine(), 'before_cursor_execute', note)

    assert tables.count('organisation') == 1
    assert tables.count('service') == 1
