"""50 conventions created at the same instant get 50 distinct numbers, on SQLite and on PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from models import ConventionDraft, Sex, Student
from services import conventions, drafts
from services.database import session_scope
from tests.factories import World
from tests.wizard_fill import CONTENT, actor, add_host, fill

COUNT = 50


def complete_drafts(world: World, count: int) -> list[int]:
    """`count` drafts ready for « Créer », one per student (a student cannot have two stages at once)."""
    with session_scope() as session:
        host = add_host(session)
        students = [
            Student(
                student_number=f'2099{index:04d}',
                last_name=f'Étudiant{index}',
                first_name='Test',
                birth_date=date(2004, 3, 14),
                sex=Sex.MALE,
                institutional_email=f'etudiant{index}@etu.universite.example',
                composante_id=world.composante_id,
                formation_id=world.formation_id,
                academic_year='2026-2027',
            )
            for index in range(count)
        ]
        session.add_all(students)
        session.flush()
        student_ids = [student.id for student in students if student.id is not None]
    manager = actor(world.user_ids['gestion'])
    template = fill(manager, host, world.teacher_ids['dupont'], student_id=student_ids[0])
    assert template.ok, template.errors
    with session_scope() as session:
        stored = session.get(ConventionDraft, template.draft.id)
        assert stored is not None
        copies = [
            ConventionDraft(student_id=student_id, owner_id=manager.user_id, step=8, data=dict(stored.data))
            for student_id in student_ids[1:]
        ]
        session.add_all(copies)
        session.flush()
        return [template.draft.id, *(copy.id for copy in copies if copy.id is not None)]


def create_all_at_once(world: World, draft_ids: list[int]) -> list[str]:
    manager = actor(world.user_ids['gestion'])
    start = threading.Barrier(len(draft_ids))

    def create(draft_id: int) -> str:
        start.wait()
        return conventions.create_from_draft(manager, draft_id).number

    with ThreadPoolExecutor(max_workers=len(draft_ids)) as pool:
        return list(pool.map(create, draft_ids))


def check_distinct_numbers(world: World) -> None:
    numbers = create_all_at_once(world, complete_drafts(world, COUNT))
    assert len(set(numbers)) == COUNT
    # The test world holds 2026-000001 to 000003: the counter goes on without a gap.
    assert sorted(numbers) == [f'2026-{value:06d}' for value in range(4, 4 + COUNT)]


def test_concurrent_creations_get_distinct_numbers_on_sqlite(world: World) -> None:
    check_distinct_numbers(world)


def test_concurrent_creations_get_distinct_numbers_on_postgresql(world: World, postgres_url: str) -> None:
    from services import database

    database.configure(postgres_url)
    check_distinct_numbers(world)


def test_a_refused_creation_consumes_no_number(world: World, any_database: str) -> None:
    """The number is taken inside the creation's transaction: a refusal gives it back."""
    manager = actor(world.user_ids['gestion'])
    with session_scope() as session:
        host = add_host(session)
    bob = world.student_ids['bob']
    refused = fill(manager, host, world.teacher_ids['dupont'], student_id=bob, end_date='2027-05-01')
    assert 'end_date' in refused.errors  # ends before it starts
    with pytest.raises(conventions.ConventionRejected) as rejected:
        conventions.create_from_draft(manager, refused.draft.id)
    assert 'end_date' in rejected.value.errors

    fixed = drafts.save_step(manager, refused.draft.id, 5, {**CONTENT, 'end_date': '2027-06-30'})
    assert fixed.ok, fixed.errors
    assert conventions.create_from_draft(manager, refused.draft.id).number == '2026-000004'
