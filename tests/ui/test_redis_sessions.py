"""With NICEGUI_REDIS_URL set, the login session lives in Redis, where every instance of the application reads it.

Needs the Redis server of PSTAGE_TEST_REDIS_URL (default redis://127.0.0.1:6379/0): skipped with the reason
when unreachable, except in CI (CI=true) where that is a failure.
"""

import asyncio
import contextlib
import json
import os
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest
import redis
from nicegui import app
from nicegui.persistence.redis_persistent_dict import RedisPersistentDict
from nicegui.storage import Storage
from nicegui.testing import User

from auth import redis_sessions as redis_sessions_module
from tests.factories import World
from tests.integration.live_servers import free_port, require_tool
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


async def alice_logs_in(user: User) -> None:
    await log_in(user, 'alice')
    await user.should_see('Bonjour Alice Bénard.')


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
    await alice_logs_in(user)

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
    await alice_logs_in(user)
    await user.open('/conventions/mes')
    tabs = dict(app.storage._tabs)
    assert tabs  # NiceGUI created the tab's storage…
    assert not any(isinstance(tab, RedisPersistentDict) for tab in tabs.values())  # …in memory
    assert list(client.scan_iter(match=f'{prefix}tab-*')) == []


def connections_to_redis() -> int:
    """This process's open connections to the Redis server (other clients of the server not counted)."""
    port = urlsplit(REDIS_URL).port or 6379
    return sum(1 for c in psutil.Process().net_connections('tcp') if c.raddr and c.raddr.port == port)


async def test_the_sessions_of_an_instance_share_its_connections_to_redis(
    redis_sessions: tuple[redis.Redis, str], user: User, create_user: Callable[[], User], world: World
) -> None:
    """NiceGUI's own Redis storage opened two connections per session, and a login makes two sessions."""
    before = connections_to_redis()
    for number, login in enumerate(('alice', 'bob', 'chloe', 'dupont', 'roux', 'gestion', 'admin')):
        person = user if number == 0 else create_user()
        await log_in(person, login)
        await person.should_see(marker='current-user')
    assert connections_to_redis() - before <= redis_sessions_module.POOL_SIZE + 1  # and its listener's


async def logged_in_user_key(client: redis.Redis, prefix: str, user_id: int, *, attempts: int = 50) -> str:
    for _ in range(attempts):
        for key in client.scan_iter(match=f'{prefix}user-*'):
            value = client.get(key)
            if value and json.loads(value).get('user_id') == user_id:
                return key.decode()
        await asyncio.sleep(0.1)
    raise AssertionError('no session in Redis')


def log_out_on_another_instance(client: redis.Redis, key: str) -> None:
    """What another instance's NiceGUI does at a logout: the session emptied, and the change published."""
    client.set(key, '{}')
    client.publish(f'{key}changes', '{}')


async def forgotten_here(prefix: str, key: str) -> None:
    session = app.storage._users[key.removeprefix(f'{prefix}user-')]
    for _ in range(50):
        if not session:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'the session is still {dict(session)} on this instance')


async def test_a_logout_on_another_instance_logs_the_student_out_here_too(
    redis_sessions: tuple[redis.Redis, str], user: User, world: World
) -> None:
    """Her browser was sent to the other instance while this one did not answer, and she logged out there."""
    client, prefix = redis_sessions
    await alice_logs_in(user)
    key = await logged_in_user_key(client, prefix, world.user_ids['alice'])

    log_out_on_another_instance(client, key)

    await forgotten_here(prefix, key)
    await user.open('/conventions/mes')
    await user.should_see(marker='login')


class RedisServer:
    """A Redis server of this test's own, which it may stop and start again (on the same port)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f'redis://127.0.0.1:{self.port}/0'
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = ['redis-server', '--port', str(self.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
        self.process = subprocess.Popen(command, cwd=self.folder, stdout=subprocess.DEVNULL)
        for _ in range(100):
            with contextlib.suppress(redis.RedisError), redis.Redis.from_url(self.url) as client:
                client.ping()
                return
            time.sleep(0.05)
        raise RuntimeError(f'redis-server did not start on port {self.port}')

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def restartable_redis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RedisServer]:
    require_tool('redis-server')
    server = RedisServer(tmp_path)
    server.start()
    monkeypatch.setenv('NICEGUI_REDIS_URL', server.url)
    yield server
    Storage.redis_url = None
    server.stop()


async def test_after_redis_restarts_a_logout_on_another_instance_reaches_this_one_again(
    restartable_redis: RedisServer, user: User, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """NiceGUI's own listener stopped for good at the first error: a session then never heard of a logout."""
    client = redis.Redis.from_url(restartable_redis.url)
    await alice_logs_in(user)
    key = await logged_in_user_key(client, 'nicegui:', world.user_ids['alice'])

    restartable_redis.stop()
    await asyncio.sleep(0.5)  # the instance notices
    restartable_redis.start()  # empty: it keeps nothing on disk
    for _ in range(100):  # the instance subscribes again (1 s, then 2 s after losing Redis)
        if client.pubsub_numpat():
            break
        await asyncio.sleep(0.1)
    caplog.clear()  # the outage's warning is expected here

    log_out_on_another_instance(client, key)
    await forgotten_here('nicegui:', key)
    await user.open('/conventions/mes')
    await user.should_see(marker='login')
    client.close()


async def test_a_login_made_while_redis_is_down_is_written_there_once_it_is_back(
    restartable_redis: RedisServer, user: User, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """Kept in this instance's memory only, it was lost as soon as no page showed it (NiceGUI then reads the
    session again from Redis): the student found herself logged out at her next click."""
    restartable_redis.stop()
    await alice_logs_in(user)
    restartable_redis.start()
    caplog.clear()  # the outage's warnings are expected here

    client = redis.Redis.from_url(restartable_redis.url)
    await logged_in_user_key(client, 'nicegui:', world.user_ids['alice'], attempts=150)  # retried 1, 2, 5 s after
    client.close()
