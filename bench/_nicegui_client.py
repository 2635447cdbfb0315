"""A NiceGUI browser tab without a browser: what nicegui.js does, over HTTP and Socket.IO.

GET the page (the session cookie rides along), read the element tree and the Socket.IO query the page
embeds, connect to /_nicegui_ws/socket.io (websocket transport, implicit handshake as a real browser does),
apply `update` messages to the tree, send `event` messages (id, client_id, listener_id, args) for clicks and
typed values, acknowledge what it received every 3 s (the server keeps unacknowledged messages for a reconnection),
follow `open` (navigation) and fetch `download` URLs. Elements are found by what a user sees:
their text, label or placeholder — never by layout.
"""

import ast
import asyncio
import contextlib
import functools
import json
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin

import httpx
import socketio

ELEMENTS = re.compile(r'createApp\(parseElements\(String\.raw`(.*?)`\),', re.S)
QUERY = re.compile(r'\n\s*query: (\{.*?\}),\n', re.S)
ACK_INTERVAL = 3.0  # seconds, as nicegui.js
UNESCAPE = (('&#36;', '$'), ('&#96;', '`'), ('&gt;', '>'), ('&lt;', '<'), ('&amp;', '&'))


class PageError(RuntimeError):
    """The page did not show what the scenario expected (the message says what, and what was there)."""


@dataclass
class Element:
    id: str
    data: dict[str, Any]

    @property
    def tag(self) -> str:
        return str(self.data.get('tag', ''))

    @property
    def props(self) -> dict[str, Any]:
        return self.data.get('props') or {}

    @property
    def text(self) -> str:
        return str(self.data.get('text') or '')

    def listener(self, event_type: str) -> dict[str, Any] | None:
        return next((e for e in self.data.get('events') or [] if e.get('type') == event_type), None)

    def words(self) -> str:
        """What the user reads on or in this element: text, label, placeholder, title."""
        parts = [self.text, *(str(self.props.get(k) or '') for k in ('label', 'placeholder', 'title', 'caption'))]
        return ' '.join(p for p in parts if p)


class _LastWords(logging.Handler):
    """What a tab's Engine.IO client said last before giving up its connection: it tells why at INFO level only
    (« WebSocket connection was closed », « Unexpected error receiving packet: … »), to no log by default."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.said = ''

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if 'aborting' in message:  # its read and write loops each give up: the first to say it tells why
            self.said = f'{self.said} », puis « {message}' if self.said else message

    def logger(self) -> logging.Logger:
        """A logger of the tab's own, outside logging's registry (freed with the tab)."""
        logger = logging.Logger('bench.engineio', logging.INFO)
        logger.addHandler(self)
        return logger


@dataclass
class Tab:
    """One browser tab on one server (the tab id survives navigations, as in a browser's sessionStorage)."""

    base_url: str
    http: httpx.AsyncClient
    tab_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    path: str = ''
    client_id: str = ''
    elements: dict[str, Element] = field(default_factory=dict)
    notifications: list[str] = field(default_factory=list)
    failures: int = 0  # notifications of type `negative` (errors the page reports) since the page opened
    downloads: list[tuple[str | bytes, str]] = field(default_factory=list)
    navigations: list[str] = field(default_factory=list)
    _sio: socketio.AsyncClient | None = None
    _acks: asyncio.Task[None] | None = None
    _dropped: str = ''  # when and why the server's connection dropped, if it did
    _local_address: str = ''  # the WebSocket's own end (host:port), to find its packets in a capture
    _last_words: _LastWords = field(default_factory=_LastWords)
    _acked_message_id: int = -1
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _next_message_id: int = 0
    _version: int = 0  # bumped by every change of `elements`
    _hidden: tuple[int, set[str]] = (-1, set())  # hidden ids, computed once per version

    # -- pages -------------------------------------------------------------------------------------------------
    async def open(self, path: str) -> None:
        """Load `path` like a browser: HTTP GET (following redirects), then the Socket.IO connection."""
        await self.close()
        response = await self._get(urljoin(self.base_url, path))
        if response.status_code >= 400:
            raise PageError(f'GET {path}: HTTP {response.status_code}')
        html = response.text
        found, query = ELEMENTS.search(html), QUERY.search(html)
        if not found or not query:
            raise PageError(f'GET {path}: not a NiceGUI page')
        raw = found.group(1)
        for escaped, plain in UNESCAPE:
            raw = raw.replace(escaped, plain)
        self.elements = {key: Element(key, value) for key, value in json.loads(raw).items()}
        self._version += 1
        params = ast.literal_eval(query.group(1))  # the template writes a Python dict
        self.path = str(response.url.path)
        self.client_id = params['client_id']
        self._next_message_id = int(params.get('next_message_id', 0))
        self.notifications.clear()
        self.failures = 0
        params.update(document_id=str(uuid.uuid4()), tab_id=self.tab_id, old_tab_id='', implicit_handshake='true')
        await self._connect(params)

    async def _get(self, url: str) -> httpx.Response:
        """GET as a browser does: a kept-alive connection the server closed while it sat idle (uvicorn closes them
        after 5 s) fails on reuse; the browser then sends the request again on a new connection, once."""
        try:
            return await self.http.get(url)
        except (httpx.ReadError, httpx.RemoteProtocolError):
            return await self.http.get(url)

    async def _connect(self, params: dict[str, Any]) -> None:
        self._last_words = _LastWords()
        sio = socketio.AsyncClient(reconnection=False, request_timeout=30, engineio_logger=self._last_words.logger())
        sio.on('update', self._on_update)
        sio.on('open', self._on_open)
        sio.on('download', self._on_download)
        sio.on('notify', self._on_notify)
        sio.on('run_javascript', self._on_javascript)
        sio.on('disconnect', functools.partial(self._on_disconnect, sio))
        self._dropped = ''
        cookies = '; '.join(f'{name}={value}' for name, value in self.http.cookies.items())
        url = (
            f'{self.base_url}?{urlencode({k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()})}'
        )
        await sio.connect(
            url,
            headers={'Cookie': cookies} if cookies else {},
            transports=['websocket'],
            socketio_path='/_nicegui_ws/socket.io',
            wait_timeout=30,
        )
        self._sio = sio
        ws = getattr(sio.eio, 'ws', None)
        address = ws.get_extra_info('sockname') if ws is not None else None
        self._local_address = f'{address[0]}:{address[1]}' if address else ''
        self._acked_message_id = -1
        self._acks = asyncio.create_task(self._acknowledge(sio))

    async def _acknowledge(self, sio: socketio.AsyncClient) -> None:
        """What nicegui.js does every 3 s: tell the server which messages arrived, so it can forget them (it keeps
        those not acknowledged for ~a minute, to send them again after a reconnection)."""
        while sio.connected:
            await asyncio.sleep(ACK_INTERVAL)
            if self._acked_message_id < self._next_message_id and sio.connected:
                with contextlib.suppress(Exception):  # the connection closed meanwhile
                    await sio.emit('ack', {'client_id': self.client_id, 'next_message_id': self._next_message_id})
                    self._acked_message_id = self._next_message_id

    async def close(self) -> None:
        if self._acks is not None:
            self._acks.cancel()
            self._acks = None
        if self._sio is not None:
            sio, self._sio = self._sio, None
            with contextlib.suppress(Exception):  # a server killed under us: nothing to close
                await sio.disconnect()

    @property
    def connected(self) -> bool:
        return self._sio is not None and self._sio.connected

    # -- messages from the server ------------------------------------------------------------------------------
    def _seen(self, message: Any) -> None:
        if isinstance(message, dict) and '_id' in message:
            self._next_message_id = max(self._next_message_id, int(message.pop('_id')) + 1)
        self._changed.set()

    async def _on_update(self, message: dict[str, Any]) -> None:
        message = dict(message)
        self._seen(message)
        for key, value in message.items():
            if value is None:
                self.elements.pop(key, None)
            else:
                self.elements[key] = Element(key, value)
        self._version += 1
        self._changed.set()

    async def _on_disconnect(self, sio: socketio.AsyncClient, reason: Any = None) -> None:
        if sio is not self._sio:  # a page this tab left (close() forgets its client first)
            return
        said = f' — « {self._last_words.said} »' if self._last_words.said else ''
        # The WebSocket's own account (aiohttp's ClientWebSocketResponse): the peer's code for a close frame; for a
        # TCP connection that ended without one, 1006 and « Cannot write to closing transport » (its own close frame
        # could not leave) — whichever end closed it: a capture of the local address's packets tells which.
        ws = getattr(getattr(self._sio, 'eio', None), 'ws', None)
        if ws is not None:
            said += f' [close code {ws.close_code}, error {ws.exception()!r}, from {self._local_address}]'
        self._dropped = f' (connection dropped {time.strftime("%H:%M:%S")}: {reason}{said})'
        self._changed.set()  # a wait in progress ends now

    async def _on_open(self, message: dict[str, Any]) -> None:
        self._seen(message)
        self.navigations.append(str(message.get('path')))

    async def _on_download(self, message: dict[str, Any]) -> None:
        self._seen(message)
        src = message.get('src')
        self.downloads.append((src if isinstance(src, bytes) else str(src), str(message.get('filename') or '')))

    async def _on_notify(self, message: dict[str, Any]) -> None:
        self._seen(message)
        self.notifications.append(str(message.get('message', '')))
        if message.get('type') == 'negative':
            self.failures += 1

    async def _on_javascript(self, message: dict[str, Any]) -> None:
        self._seen(message)
        if self._sio is not None and message.get('request_id'):
            await self._sio.emit(
                'javascript_response',
                {'request_id': message['request_id'], 'client_id': self.client_id, 'result': None},
            )

    # -- finding what the user sees -------------------------------------------------------------------------------
    def descendants(self, root: Element) -> set[str]:
        """Ids of everything inside `root` (default slot and named slots)."""
        found: set[str] = set()
        pending = [root.id]
        while pending:
            element = self.elements.get(pending.pop())
            if element is None or element.id in found:
                continue
            found.add(element.id)
            pending.extend(str(child) for child in element.data.get('children') or [])
            for slot in (element.data.get('slots') or {}).values():
                pending.extend(str(child) for child in slot.get('ids') or [])
        return found

    def hidden(self) -> set[str]:
        """Ids of elements not displayed: hidden themselves (class `hidden`) or inside a hidden one."""
        version, found = self._hidden
        if version == self._version:
            return found
        found = set()
        for element in list(self.elements.values()):
            if 'hidden' in (element.data.get('class') or []):
                found |= self.descendants(element)
        self._hidden = (self._version, found)
        return found

    def all(
        self, words: str | None = None, *, tag: str | None = None, within: Element | None = None
    ) -> Iterator[Element]:
        """Displayed elements showing `words`, of a tag ending with `tag`, inside `within`."""
        inside = self.descendants(within) if within is not None else None
        hidden = self.hidden()
        for element in list(self.elements.values()):
            if element.id in hidden or (inside is not None and element.id not in inside):
                continue
            if tag is not None and not element.tag.endswith(tag):
                continue
            if words is not None and words not in element.words():
                continue
            yield element

    def find(self, words: str | None = None, *, tag: str | None = None, within: Element | None = None) -> Element:
        found = next(self.all(words, tag=tag, within=within), None)
        if found is None:
            raise PageError(f'{self.path}: nothing shows « {words} » ({tag or "any element"})')
        return found

    def sees(self, words: str, *, tag: str | None = None) -> bool:
        return next(self.all(words, tag=tag), None) is not None

    async def wait_for(
        self, condition: Callable[[], bool] | str, *, timeout: float = 30.0, what: str | None = None
    ) -> None:
        """Wait until the server's updates make `condition` true (a string: an element showing those words).

        An error notification meanwhile ends the wait at once, as it would stop a user: PageError with its text;
        so does a dropped connection (nothing more can come).
        """
        check = (lambda: self.sees(condition)) if isinstance(condition, str) else condition
        deadline = time.monotonic() + timeout
        failures = self.failures
        while not check():
            remaining = deadline - time.monotonic()
            if self.failures > failures:
                raise PageError(f'{self.path}: « {what or condition} » refused [{self.notifications[-1]}]')
            if self._dropped:
                raise PageError(f'{self.path}: « {what or condition} » not shown, not connected{self._dropped}')
            if remaining <= 0:
                shown = '; '.join(self.notifications[-3:])
                raise PageError(f'{self.path}: « {what or condition} » not shown within {timeout:.0f} s [{shown}]')
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=min(remaining, 1.0))

    async def settle(self, quiet: float = 0.5, timeout: float = 10.0) -> None:
        """Wait until the server has sent nothing for `quiet` seconds (a page still drawing itself)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), timeout=quiet)
            except TimeoutError:
                return

    # -- acting ------------------------------------------------------------------------------------------------
    async def emit(self, element: Element, event_type: str, *args: Any) -> None:
        listener = element.listener(event_type)
        if listener is None:
            raise PageError(f'{self.path}: « {element.words()} » does not listen to {event_type}')
        if self._sio is None or not self._sio.connected:
            raise PageError(f'{self.path}: not connected{self._dropped}')
        wanted = listener.get('args')
        payload = [json.dumps(arg) for arg in args] if wanted is None or wanted else []
        await self._sio.emit(
            'event',
            {
                'id': int(element.id),
                'client_id': self.client_id,
                'listener_id': listener['listener_id'],
                'args': payload,
            },
        )

    async def _appearing(self, pick: Callable[[], Element | None], what: str, timeout: float = 30.0) -> Element:
        """The element `pick` finds, once the server has drawn it (a user waits for what they will use)."""
        found: list[Element] = []

        def shown() -> bool:
            element = pick()
            if element is not None:
                found.append(element)
            return element is not None

        await self.wait_for(shown, timeout=timeout, what=what)
        return found[-1]

    async def click(self, words: str, *, tag: str | None = None, within: Element | None = None) -> None:
        element = await self._appearing(
            lambda: next((e for e in self.all(words, tag=tag, within=within) if e.listener('click')), None),
            f'{words} (clickable)',
        )
        await self.emit(element, 'click', {})

    async def click_item(self, words: str, *, within: Element | None = None) -> None:
        """Click the list item (q-item) holding a label that shows `words` (a search result)."""

        def item() -> Element | None:
            for candidate in self.all(tag='q-item', within=within):
                if candidate.listener('click') and any(words in e.words() for e in self.all(within=candidate)):
                    return candidate
            return None

        await self.emit(await self._appearing(item, f'{words} (result)'), 'click', {})

    async def type(self, label: str, value: Any, *, within: Element | None = None) -> None:
        """Set the value of the field labelled `label` (what typing leaves in it)."""

        def kind(element: Element) -> str | None:
            events = element.data.get('events') or []
            return next((e['type'] for e in events if e['type'].startswith('update:')), None)

        field = await self._appearing(
            lambda: next(
                (e for e in self.all(label, within=within) if kind(e) is not None and e.tag != 'q-stepper'), None
            ),
            f'{label} (field)',
        )
        event = kind(field)
        assert event is not None
        field.props[event.removeprefix('update:')] = value
        await self.emit(field, event, value)

    async def choose(self, label: str, option: str | None = None, *, within: Element | None = None) -> None:
        """In the select labelled `label`, pick the option whose label contains `option` (None: the first)."""
        select = await self._appearing(
            lambda: next(
                (e for e in self.all(label, tag='select', within=within) if e.listener('update:modelValue')), None
            ),
            f'{label} (list)',
        )
        options = select.props.get('options') or []
        picked = next((o for o in options if option is None or option in str(o.get('label'))), None)
        if picked is None:
            raise PageError(f'{self.path}: « {label} » has no option « {option} »')
        await self.emit(select, 'update:modelValue', picked)

    async def navigation(self, *, timeout: float = 30.0) -> str:
        """Wait for the server to send this tab elsewhere; returns where."""
        count = len(self.navigations)
        await self.wait_for(lambda: len(self.navigations) > count, timeout=timeout, what='navigation')
        return self.navigations[-1]

    async def follow(self, *, timeout: float = 30.0) -> str:
        """Wait for the server to send this tab elsewhere, and load that page."""
        target = await self.navigation(timeout=timeout)
        await self.open(target)
        return target

    async def fetch_download(self, *, timeout: float = 60.0) -> bytes:
        """Wait for a download the server started, and fetch it."""
        count = len(self.downloads)
        await self.wait_for(lambda: len(self.downloads) > count, timeout=timeout, what='download')
        src, _name = self.downloads[-1]
        if isinstance(src, bytes):  # ui.download.content: the bytes came with the message
            return src
        response = await self._get(urljoin(self.base_url, src))
        if response.status_code != 200:
            raise PageError(f'download {src}: HTTP {response.status_code}')
        return response.content
