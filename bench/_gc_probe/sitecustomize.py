"""Loaded first by the load test's `pstage serve` instances (bench/_load_stack.py puts this folder first on their
PYTHONPATH): times every full garbage collection — the event loop, and every page of the instance, stop for its
whole length — into the file named by PSTAGE_BENCH_GC_LOG, a line « <epoch seconds> <milliseconds> » each.
`kill -USR2 <instance>` adds a census of what those collections walk (objects tracked, by type) to <log>.census.
`<log>.ws` tells how each WebSocket ended (a close frame from the peer, a lost connection, a keepalive timeout,
Engine.IO's reason); `<log>.slow` names every callback that held the event loop 40 ms or more. Nothing else changes
in the server."""

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter

LOG = os.environ.get('PSTAGE_BENCH_GC_LOG')
FULL = 2  # the oldest generation: a collection of it walks every object the collector tracks

if LOG:
    _began = [0.0]
    _pauses: list[str] = []

    def _time(phase: str, info: dict[str, int]) -> None:
        if info['generation'] != FULL:
            return
        if phase == 'start':
            _began[0] = time.perf_counter()
        else:
            _pauses.append(f'{time.time():.3f} {1000 * (time.perf_counter() - _began[0]):.1f}\n')

    def _write(path: str) -> None:
        while True:
            time.sleep(5)
            lines = _pauses[:]
            del _pauses[: len(lines)]
            if lines:
                with open(path, 'a', encoding='utf-8') as log:
                    log.writelines(lines)

    gc.callbacks.append(_time)
    threading.Thread(target=_write, args=(LOG,), name='bench-gc-log', daemon=True).start()

    def _census(_signal: int, _frame: object) -> None:
        tracked = gc.get_objects()
        kinds = Counter(f'{type(o).__module__}.{type(o).__qualname__}' for o in tracked)
        coroutines = Counter(o.cr_code.co_qualname for o in tracked if type(o).__name__ == 'coroutine')
        with open(f'{LOG}.census', 'a', encoding='utf-8') as census:
            census.write(f'{time.time():.0f} tracked {len(tracked)} frozen {gc.get_freeze_count()}\n')
            client = sys.modules.get('nicegui.client')
            # The server process's pages: its PDF workers, forked from it, hold stale copies of them.
            if client is not None and multiprocessing.parent_process() is None:
                pages = sorted(len(c.elements) for c in client.Client.instances.values())
                census.write(f'  pages {len(pages)}, elements {sum(pages)}, largest {pages[-10:]}\n')
            census.writelines(f'  {count:8d} {kind}\n' for kind, count in kinds.most_common(40))
            census.writelines(f'  {count:8d} coroutine {name}\n' for name, count in coroutines.most_common(10))
        del tracked

    signal.signal(signal.SIGUSR2, _census)

    # How each WebSocket ends, into <log>.ws (« <epoch seconds> <peer port> <event> <details> »): which side
    # closed, with or without a close frame, and what Engine.IO said — to tell who drops a student's page.
    from engineio.async_socket import AsyncSocket
    from uvicorn.protocols.websockets import wsproto_impl

    _endings: list[str] = []
    _protocol = wsproto_impl.WSProtocol

    def _ending(protocol: object, event: str) -> None:
        peer = getattr(protocol, 'client', None) or ('?', 0)
        _endings.append(f'{time.time():.3f} {peer[1]} {event}\n')

    def _wrap(name: str, describe: object) -> None:
        original = getattr(_protocol, name)

        def wrapped(self: object, *args: object) -> object:
            _ending(self, describe(self, *args))  # type: ignore[operator]
            return original(self, *args)

        setattr(_protocol, name, wrapped)

    _wrap('keepalive_timeout', lambda self: 'keepalive-timeout (close frame 1011, then TCP close)')
    _wrap('connection_lost', lambda self, exc: f'tcp-lost exc={exc!r} close_sent={self.close_sent}')
    _wrap('handle_close', lambda self, event: f'peer-close-frame code={event.code}')
    _wrap('shutdown', lambda self: 'server-shutdown')
    _original_run_asgi = _protocol.run_asgi

    async def _run_asgi(self: wsproto_impl.WSProtocol) -> None:
        await _original_run_asgi(self)
        _ending(self, f'app-returned close_sent={self.close_sent} already_disconnected={self.disconnected}')

    _protocol.run_asgi = _run_asgi  # type: ignore[method-assign]
    _original_close = AsyncSocket.close

    async def _socket_close(self: AsyncSocket, wait: bool = True, abort: bool = False, reason: object = None) -> None:
        if not self.closed and not self.closing:
            _endings.append(f'{time.time():.3f} - engineio-close sid={self.sid} abort={abort} reason={reason}\n')
        await _original_close(self, wait=wait, abort=abort, reason=reason)

    AsyncSocket.close = _socket_close

    def _write_endings(path: str) -> None:
        while True:
            time.sleep(5)
            lines = _endings[:]
            del _endings[: len(lines)]
            if lines:
                with open(path, 'a', encoding='utf-8') as log:
                    log.writelines(lines)

    threading.Thread(target=_write_endings, args=(f'{LOG}.ws',), name='bench-ws-log', daemon=True).start()

    # Every callback that held the event loop 40 ms or more, into <log>.slow (« <epoch seconds> <milliseconds>
    # <where> »): what makes every other page of the instance wait. For a task, where its coroutine chain was
    # suspended before the step that took so long, innermost last.
    import asyncio.events

    SLOW_MS = 40.0
    _slow: list[str] = []
    _handle_run = asyncio.events.Handle._run

    def _suspended_at(callback: object) -> str:
        task = getattr(callback, '__self__', None)
        coroutine = task.get_coro() if isinstance(task, asyncio.Task) else None
        chain: list[str] = []
        while coroutine is not None and len(chain) < 12:
            code = getattr(coroutine, 'cr_code', None) or getattr(coroutine, 'gi_code', None)
            frame = getattr(coroutine, 'cr_frame', None) or getattr(coroutine, 'gi_frame', None)
            if code is None:
                break
            chain.append(f'{code.co_qualname}:{frame.f_lineno if frame is not None else "-"}')
            coroutine = getattr(coroutine, 'cr_await', None) or getattr(coroutine, 'gi_yieldfrom', None)
        return ' > '.join(chain) if chain else repr(callback)[:160]

    def _timed_run(self: asyncio.events.Handle) -> None:
        where = _suspended_at(getattr(self, '_callback', None))
        began = time.perf_counter()
        _handle_run(self)
        elapsed = 1000 * (time.perf_counter() - began)
        if elapsed >= SLOW_MS:
            _slow.append(f'{time.time():.3f} {elapsed:.0f} {where}\n')

    asyncio.events.Handle._run = _timed_run  # type: ignore[method-assign]

    def _write_slow(path: str) -> None:
        while True:
            time.sleep(5)
            lines = _slow[:]
            del _slow[: len(lines)]
            if lines:
                with open(path, 'a', encoding='utf-8') as log:
                    log.writelines(lines)

    threading.Thread(target=_write_slow, args=(f'{LOG}.slow',), name='bench-slow-log', daemon=True).start()
