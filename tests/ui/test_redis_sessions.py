"""With NICEGUI_REDIS_URL set, the login session lives in Redis, where every instance of the application reads it.

Needs the Redis server of PSTAGE_TEST_REDIS_URL (default redis://127.0.0.1:6379/0): skipped with the reason
when unreachable, except in CI (CI=true) where that is a failure.
"""

import asyncio
import json
import os
import uuid
from collections.abc import Iterator

import pytest
import redis
from nicegui import app
from nicegui.persistence.redis_persistent_dict import RedisPersistentDict
from nicegui.storage import Storage
from nicegui.testing import User

from tests.factories import World
from tests.ui.helpers import log_in

REDIS_URL = os.environ.get('PSTAGE_TEST_REDIS_URL', 'redis://127.0.0.1:6379/0')


@pytest.fixture
def redis_sessions(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[redis.Redis, str]]:
    """The application about to start with NICEGUI_REDIS_URL (keys under a prefix of this test only)."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        message = f'Redis unreachable at {REDIS_URL}: {error}'
        if os.environ.get('CI'):
            pytest.fail(f'{message} (CI must run the Redis test)')
        pytest.skip(message)
    prefix = f'pstage-test-{uuid.uuid4().hex[:8]}:'
    monkeypatch.setenv('NICEGUI_REDIS_URL', REDIS_URL)
    monkeypatch.setenv('NICEGUI_REDIS_KEY_PREFIX', prefix)
    yield client, prefix
    Storage.redis_url = None
    Storage.redis_key_prefix = 'nicegui:'
    for key in client.scan_iter(match=f'{prefix}*'):
        client.delete(key)
    client.close()


async def _stored_sessions(client: redis.Redis, prefix: str, *, attempts: int = 50) -> list[dict[str, object]]:
    """The user sessions written under `prefix` (NiceGUI writes them in a background task: wait for them)."""
    for _ in range(attempts):
        values = [client.get(key) for key in client.scan_iter(match=f'{prefix}user-*')]
        sessions = [json.loads(value) for value in values if value]
        if any(sessions):
            return sessions
        await asyncio.sleep(0.1)
    return []


async def test_the_login_session_is_written_to_redis(
    redis_sessions: tuple[redis.Redis, str], user: User, world: World
) -> None:
    client, prefix = redis_sessions
    await log_in(user, 'alice')
    await user.should_see('Bonjour Alice Bénard.')

    sessions = await _stored_sessions(client, prefix)
    assert {'user_id': world.user_ids['alice'], 'auth_method': 'local'}.items() <= sessions[0].items()

    await user.open('/logout')
    await user.should_see(marker='login')
    for _ in range(50):  # the logout clears it there too
        if not any(await _stored_sessions(client, prefix, attempts=1)):
            break
        await asyncio.sleep(0.1)
    assert not any(await _stored_sessions(client, prefix, attempts=1))


async def test_a_browser_tab_opens_no_redis_storage_of_its_own(
    redis_sessions: tuple[redis.Redis, str], user: User, world: World
) -> None:
    """Only the login session is shared through Redis: the per-tab storage, unused, costs no connection."""
    client, prefix = redis_sessions
    await log_in(user, 'alice')
    await user.should_see('Bonjour Alice Bénard.')
    await user.open('/conventions/mes')
    tabs = dict(app.storage._tabs)
    assert tabs  # NiceGUI created the tab's storage…
    assert not any(isinstance(tab, RedisPersistentDict) for tab in tabs.values())  # …in memory
    assert list(client.scan_iter(match=f'{prefix}tab-*')) == []
