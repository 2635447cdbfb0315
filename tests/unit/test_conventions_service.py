"""« Créer », modifying before validation, deleting: the convention service and its guards."""

from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from models import (
    AuditEntry,
    Composante,
    Convention,
    ConventionDraft,
    Interruption,
    ValidationEvent,
    ValidationKind,
)
from services import conventions, drafts
from services.database import session_scope
from services.permissions import PermissionDenied
from services.rules import identity
from tests.factories import World
from tests.wizard_fill import CONTENT, VALID_NIR, actor, add_host, fill, weekdays


@pytest.fixture
def host() -> dict[str, int]:
    with session_scope() as session:
        return add_host(session)


@pytest.fixture
def host_abroad() -> dict[str, int]:
    with session_scope() as session:
        return add_host(session, name='Werkstatt Berlin', country='DE')


def test_creating_numbers_the_convention_and_stores_what_was_typed(world: World, host: dict[str, int]) -> None:
    alice = actor(world.user_ids['alice'])
    recap = fill(alice, host, world.teacher_ids['dupont'], interruptions=[['2027-06-14', '2027-06-15']])
    assert recap.ok, recap.errors
    assert recap.draft.step == 8

    created = conventions.create_from_draft(alice, recap.draft.id)

    assert created.number == '2026-000004'  # the test world holds 2026-000001 to 000003
    with session_scope() as session:
        convention = session.get(Convention, created.id)
        assert convention is not None
        assert convention.student_id == world.student_ids['alice']
        assert convention.subject == CONTENT['subject']
        assert convention.start_date == date(2027, 6, 1)
        assert convention.end_date == date(2027, 6, 30)
        assert convention.effective_hours == 140  # 22 weekdays minus 2 days of interruption
        assert convention.gratification_amount_cents == 450
        assert convention.formation_label == 'Licence Informatique'
        assert convention.academic_year == '2026-2027'
        assert convention.nir_encrypted is not None
        assert identity.decrypt(convention.nir_encrypted) == identity.compact(VALID_NIR)
        interruptions = session.exec(select(Interruption).where(Interruption.convention_id == created.id)).all()
        assert [(i.start_date, i.end_date) for i in interruptions] == [(date(2027, 6, 14), date(2027, 6, 15))]
        assert session.get(ConventionDraft, recap.draft.id) is None
        trail = session.exec(select(AuditEntry).where(AuditEntry.entity_id == str(created.id))).one()
        assert trail.action == 'convention.create'
        assert identity.compact(VALID_NIR) not in str(trail.changes)


def test_an_incomplete_draft_is_refused_with_the_steps_to_fix(world: World) -> None:
    alice = actor(world.user_ids['alice'])
    draft = drafts.start_or_resume(alice)
    with pytest.raises(conventions.ConventionRejected) as refused:
        conventions.create_from_draft(alice, draft.id)
    assert refused.value.errors['organisation_id'] == "Indiquez l'établissement d'accueil."
    assert "2. Établissement d'accueil" in str(refused.value)
    with session_scope() as session:
        assert session.get(ConventionDraft, draft.id) is not None  # nothing typed is lost


def test_a_manager_creates_for_a_student_of_his_composante_only(world: World, host: dict[str, int]) -> None:
    manager = actor(world.user_ids['gestion'])
    recap = fill(manager, host, world.teacher_ids['roux'], student_id=world.student_ids['bob'], start_date='2027-06-07')
    assert recap.ok, recap.errors
    created = conventions.create_from_draft(manager, recap.draft.id)
    with session_scope() as session:
        convention = session.get(Convention, created.id)
        assert convention is not None
        assert convention.student_id == world.student_ids['bob']
        assert convention.created_by_id == world.user_ids['gestion']
    with pytest.raises(PermissionDenied):
        drafts.start_or_resume(manager, student_id=world.student_ids['chloe'])


def test_the_same_draft_cannot_be_created_twice(world: World, host: dict[str, int]) -> None:
    alice = actor(world.user_ids['alice'])
    recap = fill(alice, host, world.teacher_ids['dupont'])
    conventions.create_from_draft(alice, recap.draft.id)
    with pytest.raises(drafts.DraftNotFound):
        conventions.create_from_draft(alice, recap.draft.id)


def test_924_hours_split_over_two_conventions_with_the_same_host_pass_925_do_not(
    world: World, host_abroad: dict[str, int]
) -> None:
    chloe = actor(world.user_ids['chloe'])  # no other convention; abroad: no public holiday to count
    first_start = date(2026, 9, 7)
    first_end = weekdays(first_start, 60)  # 60 days × 7 h = 420 h
    second_start = date(2027, 1, 4)
    second_end = weekdays(second_start, 72)  # 72 days × 7 h = 504 h: 924 h in all
    first = fill(chloe, host_abroad, world.teacher_ids['dupont'], start_date=first_start, end_date=first_end)
    assert first.ok, first.errors
    assert first.computed['hours'] == 420
    conventions.create_from_draft(chloe, first.draft.id)
    second = fill(chloe, host_abroad, world.teacher_ids['dupont'], start_date=second_start, end_date=second_end)
    assert second.ok, second.errors
    assert second.computed['host_year_hours'] == 924
    draft_id = second.draft.id

    # One more hour: a last Monday at 1 h in an irregular calendar.
    extra = second_end + timedelta(days=7 - second_end.weekday())
    one_more = drafts.save_step(
        chloe,
        draft_id,
        5,
        {
            **CONTENT,
            'start_date': second_start,
            'end_date': extra,
            'irregular_schedule': True,
            'schedule_periods': [[second_start, second_end, 35, 5], [extra, extra, 1, 1]],
        },
    )
    assert not one_more.ok
    assert one_more.errors['end_date'] == (
        "Le stage chez Werkstatt Berlin durerait 925\u00a0h dans l'année universitaire 2026-2027 (505\u00a0h avec "
        'cette convention et 420\u00a0h déjà prévues par les conventions n° 2026-000004) : le maximum légal est de '
        "924\u00a0h (6 mois, soit 132 jours) par organisme et par année. Réduisez la durée d'au moins 1\u00a0h."
    )
    with pytest.raises(conventions.ConventionRejected):
        conventions.create_from_draft(chloe, draft_id)
    back = drafts.save_step(chloe, draft_id, 5, {**CONTENT, 'start_date': second_start, 'end_date': second_end})
    assert back.ok, back.errors
    assert conventions.create_from_draft(chloe, draft_id).number == '2026-000005'


def test_45_days_without_gratification_are_refused_44_accepted(world: World, host: dict[str, int]) -> None:
    alice = actor(world.user_ids['alice'])
    unpaid: dict[str, Any] = {'gratified': False, 'start_date': '2027-06-01'}
    # June 2027: 22 days; July: 21 weekdays but the 14th is a holiday; 2 August is the 44th day.
    accepted = fill(alice, host, world.teacher_ids['dupont'], end_date='2027-08-02', **unpaid)
    assert accepted.ok, accepted.errors
    assert (accepted.computed['days'], accepted.computed['hours']) == (44, 308)
    refused = drafts.save_step(alice, accepted.draft.id, 5, {**CONTENT, **unpaid, 'end_date': '2027-08-03'})
    assert not refused.ok
    assert refused.errors['gratified'] == (
        'Avec cette convention, le stage chez Atelier Numérique durerait 315\u00a0h (45\u00a0jours) dans l’année '
        'universitaire 2026-2027 : au-delà de 44 jours (308\u00a0h), la gratification est obligatoire. '
        'Indiquez une gratification d’au moins 4,50\u00a0€ par heure.'
    )


def test_end_before_start_and_overlap_are_refused_by_the_service(world: World, host: dict[str, int]) -> None:
    alice = actor(world.user_ids['alice'])
    backwards = fill(alice, host, world.teacher_ids['dupont'], start_date='2027-06-30', end_date='2027-06-01')
    assert backwards.errors['end_date'] == (
        'La date de fin (01/06/2027) est antérieure à la date de début (30/06/2027) : '
        'indiquez une date de fin postérieure ou égale à la date de début.'
    )
    overlap = drafts.save_step(
        alice, backwards.draft.id, 5, {**CONTENT, 'start_date': '2027-05-24', 'end_date': '2027-06-18'}
    )
    assert overlap.errors['start_date'] == (
        'Ces dates chevauchent votre convention n° 2026-000001 (du 06/04/2027 au 28/05/2027) : deux stages ne '
        'peuvent pas avoir lieu en même temps. Choisissez des dates qui ne recouvrent pas cette période.'
    )


PAID = {key: value for key, value in CONTENT.items() if key.startswith('gratif')}


def allow_simultaneous_stages(world: World) -> None:
    """alice's two conventions of the test world share their dates: her composante must allow it."""
    with session_scope() as session:
        composante = session.get(Composante, world.composante_id)
        assert composante is not None
        composante.overlap_allowed = True


def test_modifying_a_convention_before_validation(world: World) -> None:
    allow_simultaneous_stages(world)
    alice = actor(world.user_ids['alice'])
    convention_id = world.convention_ids['alice_created']
    draft = drafts.edit_convention(alice, convention_id)
    assert draft.step == 8
    assert draft.convention_number == '2026-000001'
    assert draft.data['subject'] == 'Diagnostic électronique des véhicules'
    content = {key: draft.data.get(key) for key in drafts.STEP_FIELDS[5]}

    changed = drafts.save_step(alice, draft.id, 5, {**content, 'subject': 'Diagnostic des véhicules hybrides', **PAID})
    assert changed.ok, changed.errors
    assert 'chevauchent' in changed.warnings['start_date']
    assert drafts.save_step(alice, draft.id, 1, {'nir': VALID_NIR}).ok
    saved = conventions.save_edit(alice, draft.id)

    assert saved.number == '2026-000001'
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None
        assert convention.subject == 'Diagnostic des véhicules hybrides'
        assert convention.version == 2
        trail = session.exec(select(AuditEntry).where(AuditEntry.action == 'convention.update')).one()
        assert trail.changes is not None
        assert trail.changes['subject'] == {
            'before': 'Diagnostic électronique des véhicules',
            'after': 'Diagnostic des véhicules hybrides',
        }
        assert trail.changes['nir'] == {'changed': True}


def test_a_stale_edit_is_refused_and_keeps_its_draft(world: World) -> None:
    allow_simultaneous_stages(world)
    convention_id = world.convention_ids['alice_created']
    alice, manager = actor(world.user_ids['alice']), actor(world.user_ids['gestion'])
    mine = drafts.edit_convention(alice, convention_id)
    theirs = drafts.edit_convention(manager, convention_id)
    for who, draft in ((alice, mine), (manager, theirs)):
        drafts.save_step(who, draft.id, 1, {'nir': VALID_NIR})
        content = {key: draft.data.get(key) for key in drafts.STEP_FIELDS[5]}
        assert drafts.save_step(who, draft.id, 5, {**content, **PAID}).ok
    conventions.save_edit(manager, theirs.id)
    with pytest.raises(conventions.ConventionConflict, match='modifiée par quelqu’un d’autre'):
        conventions.save_edit(alice, mine.id)
    with session_scope() as session:
        assert session.get(ConventionDraft, mine.id) is not None


def test_deleting_is_refused_once_validated(world: World) -> None:
    alice = actor(world.user_ids['alice'])
    with pytest.raises(conventions.ConventionLocked) as locked:
        conventions.delete_convention(alice, world.convention_ids['alice_validated'])
    assert str(locked.value) == (
        'La convention n° 2026-000002 est validée : elle ne peut plus être modifiée ni supprimée. '
        'Toute modification passe par un avenant.'
    )
    with pytest.raises(drafts.WizardError, match='avenant'):
        drafts.edit_convention(alice, world.convention_ids['alice_validated'])
    with session_scope() as session:
        assert session.get(Convention, world.convention_ids['alice_validated']) is not None


def test_deleting_is_refused_once_a_validation_is_granted_then_allowed_when_withdrawn(world: World) -> None:
    alice = actor(world.user_ids['alice'])
    convention_id = world.convention_ids['alice_created']
    with session_scope() as session:
        session.add(
            ValidationEvent(
                convention_id=convention_id,
                kind=ValidationKind.PEDAGOGICAL,
                granted=True,
                actor_id=world.user_ids['dupont'],
            )
        )
    with pytest.raises(conventions.ConventionLocked, match='déjà reçu une validation'):
        conventions.delete_convention(alice, convention_id)
    with session_scope() as session:
        session.add(
            ValidationEvent(
                convention_id=convention_id,
                kind=ValidationKind.PEDAGOGICAL,
                granted=False,
                reason='Sujet à préciser',
                actor_id=world.user_ids['dupont'],
            )
        )
    conventions.delete_convention(alice, convention_id)
    with session_scope() as session:
        assert session.get(Convention, convention_id) is None
        assert session.exec(select(AuditEntry).where(col(AuditEntry.action) == 'convention.delete')).one()


def test_a_student_cannot_touch_another_students_convention_by_guessing_its_id(world: World) -> None:
    alice = actor(world.user_ids['alice'])
    bobs = world.convention_ids['bob_created']
    with pytest.raises(PermissionDenied):
        drafts.edit_convention(alice, bobs)
    with pytest.raises(PermissionDenied):
        conventions.delete_convention(alice, bobs)
    bob = actor(world.user_ids['bob'])
    bobs_draft = drafts.edit_convention(bob, bobs)
    with pytest.raises(PermissionDenied):
        conventions.save_edit(alice, bobs_draft.id)
    with pytest.raises(PermissionDenied):
        conventions.create_from_draft(alice, bobs_draft.id)
    with session_scope() as session:
        assert session.get(Convention, bobs) is not None


def test_a_student_without_french_social_security_gives_no_nir(world: World, host: dict[str, int]) -> None:
    bob = actor(world.user_ids['bob'])
    recap = fill(bob, host, world.teacher_ids['dupont'])
    foreign = drafts.save_step(
        bob, recap.draft.id, 1, {'social_security_affiliation': False, 'health_insurance_fund': '', 'nir': ''}
    )
    assert foreign.ok, foreign.errors
    created = conventions.create_from_draft(bob, recap.draft.id)
    with session_scope() as session:
        convention = session.get(Convention, created.id)
        assert convention is not None
        assert not convention.social_security_affiliation
        assert convention.nir_encrypted is None
