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
