"""Reading conventions: the recap, the search and the validation list, always within the actor's scope."""

from datetime import timedelta

import pytest

from models import ConventionStatus, ValidationEvent, ValidationKind, utcnow
from services.convention_detail import ConventionNotFound, get_convention_detail
from services.convention_queries import conventions_to_validate, search_conventions, validation_counts
from services.database import session_scope
from services.permissions import PermissionDenied
from tests.factories import World
from tests.menu_data import actor, add_convention


def numbers(summaries: list) -> set[str]:
    return {summary.number for summary in summaries}


def test_the_recap_is_grouped_as_the_wizard_and_hides_the_nir(world: World) -> None:
    convention_id = add_convention(world, '2026-000010', 'alice', nir_encrypted='gAAAA-token')
    detail = get_convention_detail(actor(world, 'alice'), convention_id)
    assert detail.number == '2026-000010'
    assert detail.status_label == 'créée'
    assert detail.student.name == 'BÉNARD Alice'
    assert detail.student.nir_recorded
    assert 'gAAAA-token' not in repr(detail)
    assert detail.host.siret == '732 829 320 00074'
    assert detail.service.name == 'Atelier mécanique'
    assert detail.tutor.name == 'Luc Garnier'
    assert detail.signatory.name == 'Henri Dupont'
    assert detail.referent.name == 'Jeanne Dupont'
    assert detail.content.internship_type == 'Stage obligatoire'
    assert [state.kind for state in detail.validations] == [ValidationKind.PEDAGOGICAL, ValidationKind.ADMINISTRATIVE]
    assert not any(state.granted for state in detail.validations)


def test_the_recap_shows_the_latest_state_of_each_validation(world: World) -> None:
    convention_id = world.convention_ids['alice_created']
    with session_scope() as session:
        now = utcnow()
        for at, granted, reason in ((now - timedelta(hours=1), True, None), (now, False, 'Sujet à préciser')):
            session.add(
                ValidationEvent(
                    convention_id=convention_id,
                    kind=ValidationKind.PEDAGOGICAL,
                    granted=granted,
                    reason=reason,
                    actor_id=world.user_ids['dupont'],
                    at=at,
                )
            )
    pedagogical = get_convention_detail(actor(world, 'gestion'), convention_id).validations[0]
    assert not pedagogical.granted
    assert pedagogical.by == 'Jeanne Dupont'
    assert pedagogical.reason == 'Sujet à préciser'


@pytest.mark.parametrize(
    ('reader', 'owner', 'allowed'),
    [
        ('alice', 'alice', True),
        ('alice', 'bob', False),
        ('dupont', 'bob', True),  # referent of the world's conventions
        ('roux', 'bob', False),
        ('gestion', 'bob', True),
        ('gestion', 'chloe', False),  # other composante
        ('admin', 'chloe', True),
    ],
)
def test_read_access_follows_the_policy(world: World, reader: str, owner: str, allowed: bool) -> None:
    convention_id = add_convention(world, '2026-000020', owner, other_composante=owner == 'chloe')
    if allowed:
        assert get_convention_detail(actor(world, reader), convention_id).id == convention_id
    else:
        with pytest.raises(PermissionDenied):
            get_convention_detail(actor(world, reader), convention_id)


def test_an_unknown_id_is_not_found(world: World) -> None:
    with pytest.raises(ConventionNotFound, match='Convention introuvable'):
        get_convention_detail(actor(world, 'alice'), 424242)


def test_search_by_number_name_and_status_within_the_scope(world: World) -> None:
    add_convention(world, '2026-000011', 'chloe', other_composante=True)
    add_convention(world, '2026-000012', 'bob', referent='roux')
    manager = actor(world, 'gestion')
    assert numbers(search_conventions(manager)) == {'2026-000001', '2026-000002', '2026-000003', '2026-000012'}
    assert numbers(search_conventions(manager, number='000003')) == {'2026-000003'}
    assert numbers(search_conventions(manager, student_name='MOREAU bob')) == {'2026-000003', '2026-000012'}
    assert numbers(search_conventions(manager, status=ConventionStatus.VALIDATED)) == {'2026-000002'}
    # a teacher follows his students wherever they study: referent scope, not composante
    assert numbers(search_conventions(actor(world, 'dupont'))) == {
        '2026-000001',
        '2026-000002',
        '2026-000003',
        '2026-000011',
    }
    assert numbers(search_conventions(actor(world, 'roux'))) == {'2026-000012'}
    assert '2026-000011' in numbers(search_conventions(actor(world, 'admin')))
    with pytest.raises(PermissionDenied):
        search_conventions(actor(world, 'alice'))


def test_the_validation_list_waits_on_created_conventions_of_the_scope(world: World) -> None:
    add_convention(world, '2026-000011', 'chloe', other_composante=True)
    manager = actor(world, 'gestion')
    assert numbers(conventions_to_validate(manager)) == {'2026-000001', '2026-000003'}
    assert numbers(conventions_to_validate(manager, ConventionStatus.VALIDATED)) == {'2026-000002'}
    assert validation_counts(manager) == {ConventionStatus.CREATED: 2, ConventionStatus.VALIDATED: 1}
    assert numbers(conventions_to_validate(actor(world, 'roux'))) == set()
    with pytest.raises(PermissionDenied):
        conventions_to_validate(actor(world, 'alice'))
