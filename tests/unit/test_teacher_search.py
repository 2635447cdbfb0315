"""« Recherche responsable pédagogique »: teachers found by nom and prénom despite accents, case, order and typos."""

import pytest

from models import Teacher
from services.actor import Actor
from services.database import session_scope
from services.people import load_actor
from services.permissions import PermissionDenied
from services.teacher_search import TeacherHit, search_teachers
from tests.factories import World


def add_teachers(*names: tuple[str, str]) -> None:
    with session_scope() as session:
        for index, (last, first) in enumerate(names):
            session.add(Teacher(last_name=last, first_name=first, email=f'prof{index}@universite.example'))


def actor(world: World, login: str) -> Actor:
    found = load_actor(world.user_ids[login])
    assert found is not None
    return found


def names(hits: list[TeacherHit]) -> list[str]:
    return [f'{hit.last_name} {hit.first_name}' for hit in hits]


def test_benard_finds_benard_with_its_accent(world: World) -> None:
    add_teachers(('Bénard', 'Odile'), ('Renard', 'Paul'), ('Lefèvre', 'Chloé'))
    alice = actor(world, 'alice')
    assert names(search_teachers(alice, 'benard'))[0] == 'Bénard Odile'
    assert names(search_teachers(alice, 'BENARD odile')) == ['Bénard Odile']
    assert names(search_teachers(alice, 'odile bénard')) == ['Bénard Odile']
    assert names(search_teachers(alice, 'lefevre'))[0] == 'Lefèvre Chloé'


def test_typos_and_partial_input_still_find_the_teacher(world: World) -> None:
    alice = actor(world, 'alice')
    assert names(search_teachers(alice, 'dupond jeane')) == ['Dupont Jeanne']
    assert names(search_teachers(alice, 'rou'))[0] == 'Roux Marc'
    assert search_teachers(alice, 'zzzzzz') == []
    assert search_teachers(alice, 'r') == []


def test_a_teacher_added_later_is_found_and_an_inactive_one_is_not(world: World) -> None:
    alice = actor(world, 'alice')
    assert search_teachers(alice, 'garnier') == []
    add_teachers(('Garnier', 'Hugo'))
    assert names(search_teachers(alice, 'garnier')) == ['Garnier Hugo']
    with session_scope() as session:
        teacher = session.get(Teacher, world.teacher_ids['roux'])
        assert teacher is not None
        teacher.active = False
    assert search_teachers(alice, 'roux marc') == []


def test_teachers_do_not_search_referents(world: World) -> None:
    with pytest.raises(PermissionDenied):
        search_teachers(actor(world, 'dupont'), 'roux')
