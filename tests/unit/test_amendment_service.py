"""Avenants: from a validated convention, the law re-checked on the amended convention, validated then locked."""

from datetime import date

import pytest
from sqlmodel import select

from models import Amendment, AmendmentStatus, Composante, Contact, Convention, ConventionStatus, Service
from services import amendments, documents
from services.amendments import AmendmentError, AmendmentRejected
from services.current_terms import load_current_terms
from services.database import session_scope
from tests.factories import World
from tests.menu_data import actor

# alice_validated: 06/04/2027 → 28/05/2027, 35 h over 5 days, 280 h, no gratification, Garage Dupont et Fils.
TWO_MORE_WEEKS = {'motif': 'Projet prolongé', 'changes': ['dates'], 'new_end_date': '11/06/2027'}


@pytest.fixture(autouse=True)
def alone_with_the_host(world: World) -> None:
    """alice's other convention with the same host is cancelled: the figures are this convention's own."""
    with session_scope() as session:
        other = session.get(Convention, world.convention_ids['alice_created'])
        assert other is not None
        other.status = ConventionStatus.CANCELLED
        session.add(other)


PAID = {'gratification_amount': '700,00', 'gratification_unit': 'mois', 'gratification_basis': 'brut',
        'gratification_payment': 'virement'}  # fmt: skip


def current_end(convention_id: int) -> date:
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None
        return load_current_terms(session, convention).end_date


def test_an_extension_that_makes_the_stage_longer_than_two_months_needs_the_legal_gratification(world: World) -> None:
    alice = actor(world, 'alice')
    convention_id = world.convention_ids['alice_validated']
    with pytest.raises(AmendmentRejected) as refused:
        amendments.create_amendment(alice, convention_id, TWO_MORE_WEEKS)
    message = refused.value.errors['law']
    assert 'durerait 350\u00a0h' in message
    assert 'au-delà de 44 jours (308\u00a0h), la gratification est obligatoire' in message
    assert 'au moins 4,50\u00a0€ par heure' in message

    too_little = {**TWO_MORE_WEEKS, 'changes': ['dates', 'gratification'], **PAID, 'gratification_amount': '3'}
    too_little['gratification_unit'] = 'heure'
    with pytest.raises(AmendmentRejected) as below:
        amendments.create_amendment(alice, convention_id, too_little)
    assert below.value.errors['gratification_amount'] == (
        'Pour les heures de stage effectuées en 2027, la gratification minimale est de 4,50\u00a0€ par heure : '
        '3,00\u00a0€ par heure ne suffit pas. Indiquez au moins 4,50\u00a0€ par heure.'
    )
    with session_scope() as session:
        assert session.exec(select(Amendment)).all() == []


def test_an_avenant_exceeding_924_hours_with_the_host_is_refused_with_the_figures(world: World) -> None:
    manager = actor(world, 'gestion')
    longer = {'motif': 'Prolongation', 'changes': ['dates', 'gratification'], 'new_end_date': '30/11/2027', **PAID}
    with pytest.raises(AmendmentRejected) as refused:
        amendments.create_amendment(manager, world.convention_ids['alice_validated'], longer)
    message = refused.value.errors['law']
    assert 'le maximum légal est de 924\u00a0h (6 mois, soit 132 jours) par organisme et par année' in message
    assert 'Le stage chez Garage Dupont et Fils durerait' in message
    assert "Réduisez la durée d'au moins" in message


def test_an_extension_with_its_gratification_is_created_numbered_then_validated_and_in_force(world: World) -> None:
    alice, manager = actor(world, 'alice'), actor(world, 'gestion')
    convention_id = world.convention_ids['alice_validated']
    created = amendments.create_amendment(
        alice, convention_id, {**TWO_MORE_WEEKS, 'changes': ['dates', 'gratification'], **PAID}
    )
    assert created.number == '2026-000002-A1'
    assert current_end(convention_id) == date(2027, 5, 28)  # not in force before validation
    with pytest.raises(AmendmentError, match="L'avenant n° 2026-000002-A1 n'est pas encore validé"):
        amendments.create_amendment(manager, convention_id, {**TWO_MORE_WEEKS, 'changes': ['dates'], **PAID})

    with session_scope() as session:
        version = session.exec(select(Amendment.version)).one()
    edited = {**TWO_MORE_WEEKS, 'changes': ['dates', 'gratification'], **PAID, 'motif': 'Prolongé de deux semaines'}
    amendments.update_amendment(alice, created.id, edited, version=version)
    with pytest.raises(AmendmentError, match='modifié par quelqu’un d’autre'):
        amendments.update_amendment(alice, created.id, {**TWO_MORE_WEEKS, 'changes': ['dates']}, version=version)
    with pytest.raises(Exception, match='droit'):
        amendments.validate_amendment(alice, created.id)
    amendments.validate_amendment(manager, created.id)

    assert current_end(convention_id) == date(2027, 6, 11)
    with session_scope() as session:
        amendment = session.get(Amendment, created.id)
        assert amendment is not None
        assert amendment.status is AmendmentStatus.VALIDATED
        assert amendment.new_effective_hours == 350
    with pytest.raises(AmendmentError, match='est validé : il ne peut plus être modifié'):
        amendments.update_amendment(alice, created.id, TWO_MORE_WEEKS, version=version + 1)
    job = documents.amendment_print_job(alice, created.id)
    changes = {change['key']: change for change in job.context['changes']}
    assert changes['end_date']['before'] == date(2027, 5, 28)
    assert changes['end_date']['after'] == date(2027, 6, 11)


def test_a_new_place_forces_choosing_the_tutor_again(world: World) -> None:
    manager = actor(world, 'gestion')
    with session_scope() as session:
        service = Service(organisation_id=world.organisation_id, name='Carrosserie')
        session.add(service)
        session.flush()
        tutor = Contact(
            organisation_id=world.organisation_id,
            service_id=service.id,
            last_name='Petit',
            first_name='Léa',
            function='Carrossière',
            phone='03 80 00 00 09',
            email='lea@garage.example',
        )
        session.add(tutor)
        session.flush()
        service_id, tutor_id = service.id, tutor.id
    moved = {'motif': 'Changement d’atelier', 'changes': ['lieu'], 'new_service_id': service_id}
    with pytest.raises(AmendmentRejected) as refused:
        amendments.create_amendment(manager, world.convention_ids['alice_validated'], moved)
    assert (
        'Vous changez de lieu de stage : choisissez aussi le tuteur professionnel'
        in refused.value.errors['new_tutor_id']
    )
    created = amendments.create_amendment(
        manager, world.convention_ids['alice_validated'], {**moved, 'new_tutor_id': tutor_id}
    )
    assert created.number == '2026-000002-A1'


def test_no_avenant_before_validation_nor_by_a_student_when_the_composante_says_no(world: World) -> None:
    alice = actor(world, 'alice')
    with pytest.raises(AmendmentError, match="n'est pas encore validée"):
        amendments.create_amendment(actor(world, 'bob'), world.convention_ids['bob_created'], TWO_MORE_WEEKS)
    with session_scope() as session:
        composante = session.get(Composante, world.composante_id)
        assert composante is not None
        composante.students_create_amendments = False
        session.add(composante)
    with pytest.raises(AmendmentError, match='ne permet pas aux étudiants de créer un avenant'):
        amendments.create_amendment(alice, world.convention_ids['alice_validated'], TWO_MORE_WEEKS)
    with pytest.raises(AmendmentRejected) as empty:
        amendments.create_amendment(actor(world, 'gestion'), world.convention_ids['alice_validated'], {'motif': ' '})
    assert empty.value.errors == {
        'motif': 'Indiquez le motif de la modification.',
        'changes': "Choisissez au moins une modification apportée par l'avenant.",
    }


def test_a_validated_rupture_ends_the_convention(world: World) -> None:
    manager = actor(world, 'gestion')
    convention_id = world.convention_ids['alice_validated']
    rupture = {'motif': 'Rupture', 'changes': ['rupture'], 'rupture_date': '30/04/2027', 'rupture_reason': 'Abandon'}
    created = amendments.create_amendment(manager, convention_id, rupture)
    amendments.validate_amendment(manager, created.id)
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None
        assert convention.status is ConventionStatus.CANCELLED
        assert load_current_terms(session, convention).end_date == date(2027, 4, 30)
