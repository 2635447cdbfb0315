"""A visitor logs in with a local account; a wrong password leaves no session."""

import pytest
from nicegui.testing import User

from auth import session
from auth.local import authenticate
from auth.provisioning import sign_in, sign_in_with_password
from tests.ui.helpers import log_in, record_worker_trips

LOGIN_WORK = {work.__name__ for work in (authenticate, sign_in, sign_in_with_password)}


async def test_anonymous_visitor_is_sent_to_login(user: User) -> None:
    await user.open('/conventions/mes')
    await user.should_see(marker='login')
    await user.should_see('Connectez-vous avec vos identifiants ENT.')


async def test_wrong_password_gives_french_error_and_no_session(user: User) -> None:
    await user.open('/login')
    user.find(marker='login').type('alice')
    user.find(marker='password').type('pas-le-bon')
    user.find(marker='login-submit').click()
    # argon2 takes a few tenths of a second on a busy machine, and the failure is then recorded (throttling)
    await user.should_see('Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez.', retries=30)
    await user.open('/')
    await user.should_see(marker='login')
    await user.should_not_see(marker='current-user')


async def test_student_logs_in_and_lands_on_home(user: User) -> None:
    await log_in(user, 'alice')
    await user.should_see('Bonjour Alice Bénard.')
    await user.should_see(marker='conventions')


async def test_login_returns_to_the_page_asked_for(user: User) -> None:
    await log_in(user, 'gestion', start='/validation')
    await user.should_see(marker='page-title')


async def test_logout_ends_the_session(user: User) -> None:
    await log_in(user, 'alice')
    await user.open('/logout')
    await user.should_see(marker='login')
    await user.open('/')
    await user.should_not_see(marker='current-user')


async def test_a_page_stopped_while_reading_who_is_logged_in_keeps_the_session(
    user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NiceGUI answers None when a worker thread's result will not come (the server stopping): that says nothing
    about the person, whose session must stay (only a deactivated account ends it)."""
    await log_in(user, 'alice')

    async def not_done(*_args: object, **_kwargs: object) -> None:
        return None

    monkeypatch.setattr(session.busy, 'io_bound', not_done)
    await user.open('/')
    await user.should_see(marker='login')  # nothing known on this page
    monkeypatch.undo()
    await user.open('/')
    await user.should_see(marker='greeting')  # still logged in


async def test_a_login_is_one_trip_to_a_worker_thread(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    """The password check and the record of the sign-in (account, audit) go to a worker thread together: each trip
    waits its turn in the pool, and at the September rush logins come by hundreds."""
    trips = record_worker_trips(monkeypatch)
    await log_in(user, 'alice')
    assert [trip for trip in trips if trip in LOGIN_WORK] == ['sign_in_with_password']
