"""While the database restarts, a click fails cleanly with a French message; once it is back, the same click works."""

import pytest
from nicegui.testing import User

from services import database
from tests.ui.helpers import log_in

UNREACHABLE = 'postgresql://postgres@127.0.0.1:1/pstage'  # nothing listens on port 1: refused at once


async def test_a_click_during_a_database_outage_is_explained_and_works_after(
    user: User, fresh_database: str, caplog: pytest.LogCaptureFixture
) -> None:
    await log_in(user, 'alice', start='/conventions/nouvelle')
    await user.should_see(marker='wizard-reminder')

    database.configure(UNREACHABLE)
    user.find(marker='wizard-start').click()
    await user.should_see('La base de données est momentanément indisponible', retries=50)
    await user.should_not_see(marker='student-identity')
    # The failure is logged for the operator (and only that one): expected here, so not a test failure.
    assert {type(record.exc_info[1]).__name__ for record in caplog.records if record.exc_info} == {'OperationalError'}
    caplog.clear()

    database.configure(fresh_database)
    user.find(marker='wizard-start').click()
    await user.should_see(marker='student-identity', retries=50)


async def test_during_an_outage_logout_works_and_a_page_says_why_it_cannot_open(
    user: User, fresh_database: str, caplog: pytest.LogCaptureFixture
) -> None:
    await log_in(user, 'alice')
    database.configure(UNREACHABLE)
    try:
        page = await user.http_client.get('/conventions/mes')  # needs the database: said in French
        assert page.status_code == 503  # an outage, which passes: not a bug (500)
        assert page.headers['retry-after'] == '10'
        assert 'Service momentanément indisponible.' in page.text
        assert 'La base de données est momentanément indisponible' in page.text
        await user.open('/logout')  # needs only the session: works, and the login form is shown
        await user.should_see(marker='login')
    finally:
        caplog.clear()  # the outage is logged for the operator: expected here
        database.configure(fresh_database)
    await user.open('/conventions/mes')  # logged out for good
    await user.should_see(marker='login')
    await log_in(user, 'alice')
    await user.should_see('Bonjour Alice Bénard.')
