"""A page's WebSocket survives the HTTP response that came before it on the same connection.

What a proxy keeping its connections open does (nginx's `keepalive`): a page arrives whole (its Content-Length),
the proxy sends a WebSocket's handshake on the same connection at once, and the page's empty « end of response »
follows a moment later (NiceGUI's middlewares send it apart). A real uvicorn with the parser PStage serves with;
the page here waits 0.3 s before its « end of response », where NiceGUI's waits as long as the event loop is busy.
"""

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from websockets.sync.client import ClientConnection, connect

from components import websocket_handover
from tests.integration.live_servers import free_port

PAGE = b'<html>' + b'x' * 4000 + b'</html>'
KEEP_ALIVE_SECONDS = 1  # uvicorn's timer after a response (5 s by default)


async def page_then_websocket(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope['type'] == 'http':
        await send({'type': 'http.response.start', 'status': 200, 'headers': [(b'content-length', b'%d' % len(PAGE))]})
        await send({'type': 'http.response.body', 'body': PAGE, 'more_body': True})
        await asyncio.sleep(0.3)
        await send({'type': 'http.response.body', 'body': b'', 'more_body': False})
    else:  # the page's WebSocket: echoes what the browser sends
        await receive()
        await send({'type': 'websocket.accept'})
        while (message := await receive())['type'] == 'websocket.receive':
            await send({'type': 'websocket.send', 'text': message['text']})


@pytest.fixture
def server() -> Iterator[int]:
    websocket_handover.install()
    port = free_port()
    config = uvicorn.Config(
        page_then_websocket, host='127.0.0.1', port=port, http='httptools', ws='wsproto',
        timeout_keep_alive=KEEP_ALIVE_SECONDS, lifespan='off', log_level='warning',
    )  # fmt: skip
    served = uvicorn.Server(config)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not served.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield port
    served.should_exit = True
    thread.join(10)


def page_then_handshake(port: int) -> ClientConnection:
    """GET the page on a kept-alive connection, then, as soon as it is whole, open the WebSocket on it."""
    connection = socket.create_connection(('127.0.0.1', port))
    connection.sendall(b'GET /convention HTTP/1.1\r\nHost: pstage\r\nConnection: keep-alive\r\n\r\n')
    received = b''
    while not received.endswith(PAGE):
        received += connection.recv(65536)
    return connect(f'ws://127.0.0.1:{port}/_nicegui_ws', sock=connection, open_timeout=5)


def test_the_websocket_opened_after_a_page_stays_open(server: int) -> None:
    with page_then_handshake(server) as websocket:
        time.sleep(KEEP_ALIVE_SECONDS + 0.8)  # past the keep-alive timer the page's late « end of response » armed
        websocket.send('étape 1')
        assert websocket.recv(timeout=5) == 'étape 1'
