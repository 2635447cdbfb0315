"""A page's first messages leave as soon as its browser connects, not at the outbox's next look.

NiceGUI gives every page an outbox, a task that sends the page's updates and messages over its socket. Until the
browser has connected, that task looks every 100 ms whether it has, and sends nothing meanwhile. A browser connects
a few milliseconds after the page's HTML arrives, so whatever the server had to send in the page's first moments —
the answer to a click made at once, a navigation, a step drawn once the page is connected — waited for the next
look: up to 100 ms more, ~65 ms on average. Measured on the login form (bench/load.py's client, one instance, no
other load): the navigation that follows « Se connecter » reached the browser 93 ms after the click, 25 ms of them
the password check and the sign-in.

Here a page's outbox waits for the connection itself (the event NiceGUI sets at the socket's handshake, which
`client.connected()` waits for), then runs as NiceGUI's. A page whose browser never connects (a prefetch, a bot)
costs a look per second instead of ten. After a disconnection NiceGUI's own loop runs unchanged.
"""

import asyncio
import contextlib

from nicegui.outbox import Outbox

WAKE_SECONDS = 1.0  # how often a page still waiting for its browser checks whether it was stopped meanwhile

_nicegui_loop = Outbox.loop


async def _loop_once_connected(outbox: Outbox) -> None:
    client = outbox._client()
    while client is not None and not (
        client.has_socket_connection or client.is_deleted or client._connected.is_set() or outbox._should_stop
    ):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(client._connected.wait(), timeout=WAKE_SECONDS)
    await _nicegui_loop(outbox)


def install() -> None:
    Outbox.loop = _loop_once_connected  # type: ignore[method-assign,assignment]  # read when each page creates its outbox
