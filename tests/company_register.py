"""A local stand-in for the company-search API: replays recorded answers (its documented JSON shape)."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ANSWERS = Path(__file__).parent / 'data'
EMPTY = {'results': [], 'total_results': 0, 'page': 1, 'per_page': 5, 'total_pages': 0}


class _Replay(BaseHTTPRequestHandler):
    recorded: dict[str, object] = {}
    requests: list[str] = []

    def do_GET(self) -> None:
        url = urlparse(self.path)
        query = parse_qs(url.query).get('q', [''])[0]
        self.requests.append(query)
        answer = self.recorded.get(query, EMPTY) if url.path == '/search' else None
        body = json.dumps(answer).encode()
        self.send_response(200 if answer is not None else 404)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def replay_server() -> Iterator[tuple[str, list[str]]]:
    """(base URL, queries received); every query of the bakery's SIRET, SIREN or name gets the recorded answer."""
    answer = json.loads((ANSWERS / 'company-register-search.json').read_text(encoding='utf-8'))
    handler: type[_Replay] = type('Replay', (_Replay,), {'recorded': {}, 'requests': []})
    for query in ('44306184100047', '44306184100039', '443061841', 'trois epis'):
        handler.recorded[query] = answer
    server = ThreadingHTTPServer(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{server.server_address[1]}', handler.requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
