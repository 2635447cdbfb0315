"""« Validation »: the circuit in order, teachers only pedagogically on their students, undo with a reason."""

import pytest
from sqlmodel import select

from models import AuditEntry, Convention, ConventionStatus, OutboxMessage, ValidationKind
from services import conventions, drafts, history, validations
from services.database import session_scope
from services.permissions import PermissionDenied
from services.validations import ValidationRefused
from tests.factories import World
from tests.menu_data import actor, add_convention

PEDAGOGICAL, ADMINISTRATIVE = ValidationKind.PEDAGOGICAL, ValidationKind.ADMINISTRATIVE


def status_of(convention_id: int) -> ConventionStatus:
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None
        return convention.status


def test_the_two_step_circuit_is_followed_in_order_then_the_convention_is_locked(world: World) -> None:
    manager, alice = actor(world, 'gestion'), actor(world, 'alice')
    convention_id = world.convention_ids['alice_created']
    with pytest.raises(ValidationRefused, match='vient après la validation pédagogique'):
        validations.validate(manager, convention_id, ADMINISTRATIVE)

    first = validations.validate(manager, convention_id, PEDAGOGICAL)
    assert first.status is ConventionStatus.CREATED
    assert first.message == 'Validation pédagogique accordée pour la convention n° 2026-000001.'
    with pytest.raises(ValidationRefused, match='déjà accordée'):
        validations.validate(manager, convention_id, PEDAGOGICAL)
    done = validations.validate(manager, convention_id, ADMINISTRATIVE)

    assert done.status is ConventionStatus.VALIDATED
    assert status_of(convention_id) is ConventionStatus.VALIDATED
    with pytest.raises(drafts.WizardError, match='avenant'):
        drafts.edit_convention(alice, convention_id)
    with pytest.raises(conventions.ConventionLocked):
        conventions.delete_convention(alice, convention_id)


def test_a_teacher_validates_pedagogically_only_the_conventions_he_follows(world: World) -> None:
    dupont, roux = actor(world, 'dupont'), actor(world, 'roux')
    his = world.convention_ids['alice_created']  # dupont is its référent
    other = add_convention(world, '2026-000020', 'bob', referent='roux')

    with pytest.raises(PermissionDenied):
        validations.validate(roux, his, PEDAGOGICAL)
    with pytest.raises(PermissionDenied):
        validations.validate(dupont, other, PEDAGOGICAL)
    with pytest.raises(PermissionDenied):  # never the administrative one, even on his own students
        validations.validate(dupont, his, ADMINISTRATIVE)
    assert validations.validate(dupont, his, PEDAGOGICAL).status is ConventionStatus.CREATED
    assert validations.validate(roux, other, PEDAGOGICAL).status is ConventionStatus.CREATED

    panel = validations.validation_panel(dupont, his)
    assert [(s.kind, s.granted, s.can_grant) for s in panel.steps] == [
        (PEDAGOGICAL, True, False),
        (ADMINISTRATIVE, False, False),
    ]


def test_withdrawing_needs_a_reason_reopens_modification_and_everything_is_in_the_history(world: World) -> None:
    manager, alice = actor(world, 'gestion'), actor(world, 'alice')
    convention_id = world.convention_ids['alice_created']
    validations.validate(manager, convention_id, PEDAGOGICAL)
    validations.validate(manager, convention_id, ADMINISTRATIVE)

    with pytest.raises(ValidationRefused, match='Indiquez le motif'):
        validations.unvalidate(manager, convention_id, PEDAGOGICAL, '   ')
    assert status_of(convention_id) is ConventionStatus.VALIDATED
    outcome = validations.unvalidate(manager, convention_id, PEDAGOGICAL, 'Dates à corriger avec le tuteur')

    assert outcome.status is ConventionStatus.CREATED
    assert 'peut de nouveau être modifiée' in outcome.message
    assert drafts.edit_convention(alice, convention_id).convention_id == convention_id  # modification reopened
    steps = validations.validation_panel(manager, convention_id).steps
    assert [(s.granted, s.reason) for s in steps] == [
        (False, 'Dates à corriger avec le tuteur'),
        (False, 'Dates à corriger avec le tuteur'),
    ]
    entries = history.convention_history(manager, convention_id)
    assert [entry.action for entry in entries][:3] == [
        'convention.unvalidate',
        'convention.validate',
        'convention.validate',
    ]
    assert entries[0].who == 'Sophie Gestion'
    assert 'Dates à corriger avec le tuteur' in entries[0].summary
    assert ('Statut', 'validée', 'créée') in [(c.label, c.before, c.after) for c in entries[0].changes]


def test_a_teacher_cannot_withdraw_the_administrative_validation_through_the_pedagogical_one(world: World) -> None:
    manager, dupont = actor(world, 'gestion'), actor(world, 'dupont')
    convention_id = world.convention_ids['alice_created']
    validations.validate(dupont, convention_id, PEDAGOGICAL)
    validations.validate(manager, convention_id, ADMINISTRATIVE)
    with pytest.raises(PermissionDenied, match='validation administrative'):
        validations.unvalidate(dupont, convention_id, PEDAGOGICAL, 'Erreur')
    assert status_of(convention_id) is ConventionStatus.VALIDATED


def test_bulk_validation_gives_each_convention_its_next_step_and_reports_the_others(world: World) -> None:
    manager = actor(world, 'gestion')
    first, second = world.convention_ids['alice_created'], world.convention_ids['bob_created']
    chloe = add_convention(world, '2026-000021', 'chloe', other_composante=True)
    result = validations.validate_next(manager, [first, second, chloe, world.convention_ids['alice_validated']])

    assert [outcome.number for outcome in result.done] == ['2026-000001', '2026-000003']
    assert set(result.refused) == {chloe, world.convention_ids['alice_validated']}
    assert "Vous n'avez pas le droit" in result.refused[chloe]
    assert 'déjà validée' in result.refused[world.convention_ids['alice_validated']]


def test_validating_and_withdrawing_queue_an_e_mail_to_the_student_in_the_same_transaction(world: World) -> None:
    manager = actor(world, 'gestion')
    convention_id = world.convention_ids['alice_created']
    validations.validate(manager, convention_id, PEDAGOGICAL)
    validations.validate(manager, convention_id, ADMINISTRATIVE)
    validations.unvalidate(manager, convention_id, ADMINISTRATIVE, 'Pièce manquante')
    with session_scope() as session:
        queued = session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()  # type: ignore[arg-type]
        audit_count = len(session.exec(select(AuditEntry)).all())
    assert [(m.recipient, m.subject) for m in queued] == [
        ('alice@etu.universite.example', 'Votre convention n° 2026-000001 est validée'),
        ('alice@etu.universite.example', 'Convention n° 2026-000001 : Validation administrative retirée'),
    ]
    assert 'Motif : Pièce manquante' in queued[1].body
    assert audit_count >= 3
