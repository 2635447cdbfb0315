"""The test world is the same on both backends, and each test finds it as built whatever the previous one did."""

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import col

from models import Convention
from services import database
from services.database import session_scope
from tests.backends import PostgresWorld
from tests.factories import World


def test_the_world_has_the_same_ids_on_sqlite_and_on_postgresql(
    request: pytest.FixtureRequest, postgres_world: PostgresWorld
) -> None:
    sqlite_template: tuple[Path, World] = request.getfixturevalue('_template')
    assert postgres_world.world == sqlite_template[1]


def test_a_reset_puts_back_rows_and_id_sequences(postgres_world: PostgresWorld, world: World) -> None:
    database.configure(postgres_world.reset())
    with session_scope() as session:
        session.execute(sa.delete(Convention).where(col(Convention.id) == world.convention_ids['alice_validated']))
        first_new = session.execute(sa.text("SELECT nextval('convention_id_seq')")).scalar_one()

    database.configure(postgres_world.reset())
    with session_scope() as session:
        assert session.get(Convention, world.convention_ids['alice_validated']) is not None
        assert session.execute(sa.text("SELECT nextval('convention_id_seq')")).scalar_one() == first_new
