"""Loaded first by the load test's `pstage serve` instances (bench/_load_stack.py puts this folder first on their
PYTHONPATH): times every full garbage collection — the event loop, and every page of the instance, stop for its
whole length — into the file named by PSTAGE_BENCH_GC_LOG, a line « <epoch seconds> <milliseconds> » each.
`kill -USR2 <instance>` adds a census of what those collections walk (objects tracked, by type) to <log>.census.
`<log>.ws` tells how each WebSocket ended (a close frame from the peer, a lost connection, a keepalive timeout,
Engine.IO's reason); with PSTAGE_BENCH_STALLS set, `<log>.slow` samples what held the event loop 40 ms or
more. Nothing else changes in the server."""

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import types
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

    def _write(lines: list[str], path: str) -> None:
        """Every 5 s, what was added to `lines` goes to the end of `path` (a thread: nothing on the event loop)."""
        while True:
            time.sleep(5)
            written = lines[:]
            del lines[: len(written)]
            if written:
                with open(path, 'a', encoding='utf-8') as log:
                    log.writelines(written)

    gc.callbacks.append(_time)
    threading.Thread(target=_write, args=(_pauses, LOG), name='bench-gc-log', daemon=True).start()

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
        _note_ending(str(peer[1]), event)

    def _note_ending(peer: str, event: str) -> None:
        _endings.append(f'{time.time():.3f} {peer} {event}\n')

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
            _note_ending('-', f'engineio-close sid={self.sid} abort={abort} reason={reason}')
        await _original_close(self, wait=wait, abort=abort, reason=reason)

    AsyncSocket.close = _socket_close

    threading.Thread(target=_write, args=(_endings, f'{LOG}.ws'), name='bench-ws-log', daemon=True).start()

    # Every stall of the event loop of 40 ms or more, into <log>.slow (« <epoch seconds> <milliseconds> <stack> »):
    # what makes every other page of the instance wait. A watchdog thread sees the loop's heartbeat (every 10 ms)
    # late and samples the main thread's stack, innermost frame last (uvloop's handles cannot be timed from Python).
    STALL_MS = 40.0
    PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) + os.sep

    def _stack(frame: types.FrameType | None) -> str:
        where: list[str] = []
        while frame is not None and len(where) < 14:
            code = frame.f_code
            name = code.co_filename.rsplit('site-packages/', 1)[-1].removeprefix(PROJECT)
            where.append(f'{name}:{code.co_qualname}:{frame.f_lineno}')
            frame = frame.f_back
        return ' < '.join(where)

    def _watch_loop(path: str) -> None:
        main = threading.main_thread().ident or 0
        while (loop := getattr(sys.modules.get('nicegui.core'), 'loop', None)) is None:
            time.sleep(1)
        beat = [time.perf_counter()]

        def heartbeat() -> None:
            beat[0] = time.perf_counter()
            loop.call_later(0.01, heartbeat)

        loop.call_soon_threadsafe(heartbeat)
        sampled: list[str] = []
        stalled_since = next_sample = 0.0
        while True:
            time.sleep(0.01)
            late = 1000 * (time.perf_counter() - beat[0])
            if late >= STALL_MS:
                if not sampled:
                    stalled_since, next_sample = time.time() - late / 1000, 0.0
                if late >= next_sample and len(sampled) < 4:  # at 40 ms, then every 100 ms
                    sampled.append(_stack(sys._current_frames().get(main)))
                    next_sample = late + 100
            elif sampled:
                lasted = 1000 * (time.time() - stalled_since)
                samples = ' || '.join(dict.fromkeys(sampled))
                with open(path, 'a', encoding='utf-8') as log:
                    log.write(f'{stalled_since:.3f} {lasted:.0f} {samples}\n')
                sampled = []

    if os.environ.get('PSTAGE_BENCH_STALLS'):  # load.py --stalls: its heartbeat costs the loop 100 wake-ups a second
        threading.Thread(target=_watch_loop, args=(f'{LOG}.slow',), name='bench-stall-watch', daemon=True).start()
