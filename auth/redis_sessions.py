"""Login sessions (NiceGUI's app.storage.user) in Redis: one connection pool and one subscription per instance.

NiceGUI's own Redis storage opens, for every session an instance holds, a Redis client of its own, a second
connection for the session's pub/sub channel and a task listening to it: a login (which renews the session id, so
two sessions) left five connections to Redis open (35 for 7 logins in tests/ui/test_redis_sessions.py), each session
~140 objects for the garbage collector. Here every session of an instance shares one client,
and one listener, subscribed to the channels of all sessions at once (a pattern), hands each change to the session
it names if this instance holds it — a session changed on another instance (its browser sent there while this one
did not answer) is changed here too, a logout included.

Same keys, same channels, same JSON as NiceGUI's: the session's data and its behaviour are NiceGUI's
(RedisPersistentDict: read at the first request, written and published at every change, deleted when cleared).
While Redis is down a session this instance does not hold starts empty (the student logs in again); the listener
tries again every few seconds, and once Redis is back writes there the sessions the instance holds, the logins made
meanwhile included. Nothing else is kept in Redis (README, « Deployment »: what happens when Redis stops).
"""

import asyncio
import contextlib
import logging
from typing import Any

import redis.asyncio as redis
from nicegui import app, background_tasks, json
from nicegui.persistence.persistent_dict import PersistentDict
from nicegui.persistence.redis_persistent_dict import RedisPersistentDict
from nicegui.storage import USER_PREFIX, Storage

log = logging.getLogger(__name__)

CHANGES = 'changes'  # NiceGUI publishes a session's new content on its key followed by this
POOL_SIZE = 8  # connections for the sessions' reads and writes (each takes a fraction of a millisecond)
RETRY_SECONDS = (1, 2, 5)  # the listener's waits before subscribing again after losing Redis, then 5 s each time


class SharedRedis:
    """The instance's Redis client, the sessions it holds by key, and the listener passing them their changes."""

    def __init__(self, url: str, key_prefix: str) -> None:
        self.url, self.key_prefix = url, key_prefix
        # NiceGUI's settings for a session's client, on one pool: a command waits for a free connection.
        pool = redis.BlockingConnectionPool.from_url(
            url,
            max_connections=POOL_SIZE,
            timeout=5,
            health_check_interval=10,
            socket_connect_timeout=5,
            retry_on_timeout=True,
            socket_keepalive=True,
        )
        self.client = redis.Redis.from_pool(pool)
        self.sessions: dict[str, SharedRedisSession] = {}
        self._listener: asyncio.Task[None] | None = None

    def hold(self, session: 'SharedRedisSession') -> None:
        self.sessions[session.key] = session
        if self._listener is None or self._listener.done():
            self._listener = background_tasks.create(self._listen(), name='redis sessions listener')

    def let_go(self, session: 'SharedRedisSession') -> None:
        if self.sessions.get(session.key) is session:
            del self.sessions[session.key]

    async def _listen(self) -> None:
        pattern = _glob_escape(self.key_prefix + USER_PREFIX) + '*' + CHANGES
        failures = 0
        while True:
            pubsub = self.client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.psubscribe(pattern)
                if failures:
                    self._write_back()
                failures = 0
                async for message in pubsub.listen():
                    if message['type'] == 'pmessage':
                        self._deliver(message['channel'], message['data'])
            except asyncio.CancelledError:
                raise
            except Exception as error:  # Redis restarting or out of reach: try again, and say so once per outage
                if failures == 0:
                    log.warning('session changes from other instances not received (%s): retrying', error)
                await asyncio.sleep(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
                failures += 1
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()

    def _write_back(self) -> None:
        """Redis is back: the sessions this instance holds are written to it again. A login made during the outage
        (kept in this instance's memory only) would otherwise be lost once its page closed, when NiceGUI forgets
        a session no page shows and reads it again from Redis at the next request."""
        for session in list(self.sessions.values()):
            session.publish()

    def _deliver(self, channel: bytes, data: bytes) -> None:
        session = self.sessions.get(channel.decode().removesuffix(CHANGES))
        if session is not None:
            session.receive(json.loads(data.decode()))

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        await self.client.aclose()


class SharedRedisSession(RedisPersistentDict):
    """NiceGUI's Redis session dict, on the instance's client and listener instead of its own."""

    def __init__(self, shared: SharedRedis, session_id: str) -> None:  # not RedisPersistentDict's: it opens a client
        self.shared = shared
        self.url, self.key_prefix, self.ttl = shared.url, shared.key_prefix, None
        self.key = shared.key_prefix + USER_PREFIX + session_id
        self.redis_client = shared.client
        self._listener_task = None
        PersistentDict.__init__(self, data={}, on_change=self.publish)

    async def initialize(self) -> None:
        self.shared.hold(self)  # first: a session that could not be read (Redis down) still hears of its changes
        await super().initialize()

    def _start_listening(self) -> None:
        pass  # the instance's listener hears every session's changes

    def receive(self, new_data: dict[str, Any]) -> None:
        """What another instance (or this one) published; the same steps as NiceGUI's listener."""
        if new_data != self:
            for key in set(self) - new_data.keys():  # one by one: clear() would delete the key in Redis
                del self[key]
            self.update(new_data)

    async def close(self) -> None:
        self.shared.let_go(self)


def _glob_escape(text: str) -> str:
    return ''.join(f'\\{char}' if char in '*?[]\\' else char for char in text)


_shared: SharedRedis | None = None
_nicegui_user_storage = Storage._create_user_storage


async def _create_user_storage(storage: Storage, session_id: str) -> None:
    """Storage._create_user_storage for sessions in Redis."""
    assert _shared is not None
    session = SharedRedisSession(_shared, session_id)
    storage._users[session_id] = session
    await session.initialize()


async def _close_shared() -> None:
    global _shared
    if _shared is not None:
        shared, _shared = _shared, None
        await shared.close()


def install(url: str | None, key_prefix: str) -> None:
    """Sessions of this instance in Redis at `url`, under `key_prefix`; without `url`, NiceGUI's own storage."""
    global _shared
    if url is None:
        Storage._create_user_storage = _nicegui_user_storage  # type: ignore[method-assign]
        return
    _shared = SharedRedis(url, key_prefix)
    Storage._create_user_storage = _create_user_storage  # type: ignore[method-assign,assignment]
    app.on_shutdown(_close_shared)
