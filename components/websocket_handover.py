"""A page's WebSocket is not closed by the HTTP response that came before it on the same connection.

Behind a proxy that keeps its connections to the server open (nginx's `keepalive`, deploy/nginx.conf), a
browser's WebSocket handshake can travel on a connection that has just carried a page. NiceGUI sends a page in
two parts: the whole body, announced by its Content-Length, then a moment later an empty « end of response »
(its middlewares stream the body through). The proxy has the whole page with the first part and may send the
next request on that connection at once. When that request opens a WebSocket, uvicorn hands the connection over
to it; the page's « end of response » then reaches the HTTP protocol that no longer owns the connection, which
arms its keep-alive timer as after any response: 5 s later it closes the connection — the WebSocket's. The
student's page loses its connection with no close frame (a browser reconnects; an action in progress fails).
Seen in the load test as one dropped page in a few thousand, on the busiest moments (the longer the event loop
takes to send the « end of response », the wider the window).

Installed by app.build: once the connection belongs to a WebSocket, the late « end of response » is counted as
uvicorn counts responses and otherwise ignored.
"""

# uvicorn's default parser, and NiceGUI's. Its h11 parser is not concerned: it holds a request back until the
# response before it has ended.
try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - httptools not installed: uvicorn serves with h11
    HttpToolsProtocol = None  # type: ignore[assignment,misc]
else:
    _uvicorn_completion = HttpToolsProtocol.on_response_complete


def _completed(protocol: HttpToolsProtocol) -> None:
    if protocol.transport.get_protocol() is not protocol:  # the connection is a WebSocket's now
        protocol.server_state.total_requests += 1
        return
    _uvicorn_completion(protocol)


def install() -> None:
    if HttpToolsProtocol is not None:
        HttpToolsProtocol.on_response_complete = _completed  # type: ignore[method-assign,assignment]
