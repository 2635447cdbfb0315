"""Printing reveals nothing of a convention one may not print."""

import pytest

from models import User
from services import documents
from services.actor import Actor
from services.database import session_scope
from services.people import actor_from_user
from services.permissions import PermissionDenied
from tests.factories import World


def _actor(login_id: int) -> Actor:
    with session_scope() as session:
        user = session.get(User, login_id)
        assert user is not None
        return actor_from_user(session, user)


def test_print_options_of_another_students_convention_are_refused(world: World) -> None:
    bob = _actor(world.user_ids['bob'])
    with pytest.raises(PermissionDenied):
        documents.print_options(bob, world.convention_ids['alice_validated'])


def test_print_options_of_ones_own_convention_are_given(world: World) -> None:
    alice = _actor(world.user_ids['alice'])
    options = documents.print_options(alice, world.convention_ids['alice_validated'])
    assert options.allowed
