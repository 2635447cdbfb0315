"""Indexes built from the database, and kept current across instances sharing it."""

import threading
import time
from collections.abc import Callable

import sqlalchemy as sa

from models import Organisation, OrganisationType, Teacher
from services.database import session_scope
from services.search import (
    CONVENTIONS,
    ESTABLISHMENTS,
    STUDENTS,
    TEACHERS,
    Refresher,
    SearchEngine,
    build_from_database,
)
from services.search.loader import refresh_record
from tests.factories import World


def add_organisation(name: str, siret: str) -> int:
    with session_scope() as session:
        organisation = Organisation(
            name=name,
            siret=siret,
            kind=OrganisationType.PRIVATE_COMPANY,
            address='1 place Bellecour',
            city='Lyon',
            departement_code='69',
            naf_code='62.01Z',
        )
        session.add(organisation)
        session.flush()
        assert organisation.id is not None
        return organisation.id


def ids(engine: SearchEngine, kind: str, text: str, **filters: object) -> list[int]:
    return [hit.id for hit in engine.search(kind, text, filters or None)]  # type: ignore[arg-type]


def test_every_index_is_built_from_the_database(world: World) -> None:
    engine = SearchEngine()
    build_from_database(engine)
    assert ids(engine, ESTABLISHMENTS, 'garage dupond')[0] == world.organisation_id
    assert ids(engine, ESTABLISHMENTS, '732 829 320') == [world.organisation_id]
    assert ids(engine, ESTABLISHMENTS, 'garage', naf_section='G', departement='21') == [world.organisation_id]
    assert ids(engine, TEACHERS, 'jeanne dupont')[0] == world.teacher_ids['dupont']
    assert ids(engine, STUDENTS, 'benard')[0] == world.student_ids['alice']
    assert ids(engine, STUDENTS, 'lefevre chloe')[0] == world.student_ids['chloe']
    alice = {world.convention_ids['alice_created'], world.convention_ids['alice_validated']}
    assert set(ids(engine, CONVENTIONS, 'alice benard')[:2]) == alice
    assert ids(engine, CONVENTIONS, 'moreau')[0] == world.convention_ids['bob_created']
    assert ids(engine, CONVENTIONS, 'benard', student=world.student_ids['bob']) == []
    with session_scope() as session:
        number = session.execute(
            sa.text('SELECT number FROM convention WHERE id = :id'), {'id': world.convention_ids['bob_created']}
        ).scalar_one()
    assert ids(engine, CONVENTIONS, number) == [world.convention_ids['bob_created']]


def test_a_record_written_here_is_found_at_once() -> None:
    engine = SearchEngine()
    build_from_database(engine)
    new_id = add_organisation('Informatique Bellecour Conseil', '44306184100047')
    refresh_record(engine, ESTABLISHMENTS, new_id)
    assert ids(engine, ESTABLISHMENTS, 'informatique bellecour')[0] == new_id
    with session_scope() as session:
        session.execute(sa.delete(Organisation).where(Organisation.id == new_id))  # type: ignore[arg-type]
    refresh_record(engine, ESTABLISHMENTS, new_id)
    assert ids(engine, ESTABLISHMENTS, 'informatique bellecour') == []


def test_another_instance_sees_creations_and_edits_after_its_refresh() -> None:
    writer, reader = SearchEngine(), SearchEngine()
    writer_refresher, reader_refresher = Refresher(writer), Refresher(reader, full_check_interval=0)
    for kind in writer_refresher.kinds:
        writer_refresher.build(kind)
        reader_refresher.build(kind)

    new_id = add_organisation('Brasserie des Canuts', '35600000000048')
    refresh_record(writer, ESTABLISHMENTS, new_id)
    assert ids(writer, ESTABLISHMENTS, 'brasserie canuts') == [new_id]
    assert ids(reader, ESTABLISHMENTS, 'brasserie canuts') == []
    reader_refresher.poll()
    assert ids(reader, ESTABLISHMENTS, 'brasserie canuts') == [new_id]

    with session_scope() as session:
        organisation = session.get(Organisation, new_id)
        assert organisation is not None
        organisation.name = 'Bouchon des Canuts'
    reader_refresher.poll()
    assert ids(reader, ESTABLISHMENTS, 'bouchon canuts') == [new_id]
    assert ids(reader, ESTABLISHMENTS, 'brasserie') == []


def test_people_without_timestamps_are_refreshed_too(world: World) -> None:
    reader = SearchEngine()
    refresher = Refresher(reader, kinds=(TEACHERS,), full_check_interval=0)
    refresher.build(TEACHERS)
    with session_scope() as session:
        teacher = Teacher(last_name='Quintard', first_name='Élise', email='quintard@universite.example')
        session.add(teacher)
        roux = session.get(Teacher, world.teacher_ids['roux'])
        assert roux is not None
        roux.last_name = 'Rousseau'
    refresher.poll()
    assert len(ids(reader, TEACHERS, 'quintard elise')) == 1
    assert ids(reader, TEACHERS, 'rousseau marc') == [world.teacher_ids['roux']]


def test_the_background_refresher_builds_then_follows_the_database() -> None:
    engine = SearchEngine()
    refresher = Refresher(engine, interval=0.05)
    refresher.start()
    try:
        assert wait_for(lambda: engine.ready(ESTABLISHMENTS))
        new_id = add_organisation('Soierie Croix-Rousse', '51200000000045')
        assert wait_for(lambda: ids(engine, ESTABLISHMENTS, 'soierie croix rousse') == [new_id])
    finally:
        refresher.stop()
    assert not any(thread.name.startswith('search-') for thread in threading.enumerate())


def wait_for(condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False
