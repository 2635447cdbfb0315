"""Load and faults: simulated students against 2 instances behind nginx, with PostgreSQL and Redis (issue 10).

    python bench/load.py [--quick] [--json] [--users N] [--ramp S] [--soak S] [--think S] [--phases 1234] [--keep]

Each simulated student is a real NiceGUI client session over Socket.IO (bench/_nicegui_client.py): log in,
start the wizard, search the établissement, walk the 8 steps, « Créer », print and download the PDF, log out
(bench/_load_scenario.py). Everything runs on the loopback in a temporary directory (bench/_load_stack.py):
a private PostgreSQL cluster and Redis (so the faults disturb nobody else), two `pstage serve`, nginx.

Phases: 1. load and soak (students arrive, do a first flow each — the warm-up —, then throughput, p50/p95
per action, errors, CPU and memory are measured over the soak);
2. search-heavy load on one instance, then on two; 3. faults during load: kill -9 of an instance, PostgreSQL
restart, Redis down (sessions kept? drafts kept? French messages? nothing half-written?); 4. conventions
created at the same instant across both instances (distinct numbers).
"""

import argparse
import asyncio
import json
import math
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _load_browser as browser
from bench._load_report import percentile, print_phase, summary
from bench._load_scenario import FlowFailed, Stats, Student
from bench._load_setup import LOAD_PASSWORD, LoadWorld, integrity, prepare
from bench._load_stack import ENCRYPTION_KEY, STORAGE_SECRET, Instance, Nginx, Stack, schedstat

GRACE = 150.0  # seconds a phase waits, after its end, for the flows in progress
# Phase 1's pace: a student reads each screen and types its fields before the next action (uniformly 0.5 to 1.5
# times this). At 20 s the 17 actions of the flow take about 6 minutes, still quicker than a person filling the
# wizard's forms; the load then is what 200 students at their keyboards at the same moment ask of the servers.
THINK = 20.0
BRISK = 1.0  # the warm-up's and phase 3's pace: many actions soon, and every fault finds flows in progress


def timer(seconds: float) -> asyncio.Event:
    """An event set `seconds` from now."""
    event = asyncio.Event()
    asyncio.get_running_loop().call_later(seconds, event.set)
    return event


def warmup_limit(ramp: float, think: float) -> float:
    """Seconds the warm-up may last at most: the arrivals, then a first flow (17 pauses) with room to spare."""
    return ramp + 30 * think + 120


def say(text: str) -> None:
    print(text, flush=True)


def mebibytes(value: int) -> float:
    return round(value / 2**20, 1)


def lag_probe(samples: list[float], period: float = 0.01) -> 'asyncio.Task[None]':
    """How late this process's event loop wakes up (into `samples`, in seconds): every time measured here
    includes that lateness, the answer having waited in this process's socket for the loop to read it."""

    async def probe() -> None:
        while True:
            began = time.perf_counter()
            await asyncio.sleep(period)
            samples.append(time.perf_counter() - began - period)

    return asyncio.create_task(probe())


def scheduling(before: tuple[float, float, int], after: tuple[float, float, int]) -> dict[str, float]:
    """A thread's scheduling between two `schedstat` readings: its CPU seconds, the seconds it waited for a core
    per CPU second, the times it was put on a core, and its mean wait for each (ms)."""
    ran, waited, slices = (b - a for a, b in zip(before, after, strict=True))
    return {
        'cpu_s': round(ran, 1),
        'wait_per_cpu_s': round(waited / ran, 2) if ran else 0.0,
        'slices': int(slices),
        'wait_ms_per_slice': round(1000 * waited / slices, 3) if slices else 0.0,
    }


def growth_percent(before: list[float], after: list[float]) -> list[float]:
    """Per instance, how much `after` exceeds `before`, in percent (0 for an instance not running)."""
    return [round(100 * (end - start) / start, 1) if start else 0 for start, end in zip(before, after, strict=True)]


class NoMoreAccounts(RuntimeError):
    """Each flow uses a fresh student (a student has one internship at a time); the prepared ones ran out."""


class Run:
    def __init__(self, stack: Stack, world: LoadWorld, think: float) -> None:
        self.stack, self.world, self.think = stack, world, think
        self.logins: Iterator[str] = iter(world.logins)

    def next_login(self) -> str:
        login = next(self.logins, None)
        if login is None:
            raise NoMoreAccounts('every prepared student account has been used: raise accounts_needed()')
        return login

    def student(self, base_url: str, stats: Stats, *, think: float | None = None) -> Student:
        return Student(
            base_url,
            self.next_login(),
            LOAD_PASSWORD,
            random.choice(self.world.organisations),
            random.choice(self.world.teachers),
            stats,
            think=self.think if think is None else think,
        )

    async def users(
        self,
        count: int,
        urls: list[str],
        stats: Stats,
        *,
        until: asyncio.Event,
        finish: bool = True,
        recover: bool = False,
        ramp: float = 10.0,
        think: float | None = None,
    ) -> float:
        """`count` users looping over the whole flow (started over `ramp` seconds) until `until` is set; then
        the flows in progress are finished (`finish`) or stopped where they are. Returns the elapsed time."""
        started = time.monotonic()
        think = self.think if think is None else think

        async def loop(index: int) -> None:
            await asyncio.sleep(ramp * index / max(count, 1))
            while not until.is_set():
                try:
                    await self.student(urls[index % len(urls)], stats, think=think).run(recover=recover)
                except FlowFailed:
                    await asyncio.sleep(1)
                except NoMoreAccounts as exhausted:
                    stats.fail('comptes', str(exhausted))
                    return

        tasks = [asyncio.create_task(loop(i)) for i in range(count)]
        await until.wait()
        if not finish:
            for task in tasks:
                task.cancel()
        _done, late = await asyncio.wait(tasks, timeout=GRACE + 18 * think)
        for task in late:  # a flow still stuck long after the end: counted, then stopped
            task.cancel()
        stats.unfinished += len(late)
        await asyncio.gather(*tasks, return_exceptions=True)
        return time.monotonic() - started

    def server_cpu(self) -> float:
        return sum(instance.cpu_seconds() for instance in self.stack.instances)

    def rss(self) -> list[float]:
        return [mebibytes(instance.rss()) for instance in self.stack.instances]

    def server_rss(self) -> list[float]:
        return [mebibytes(instance.server_rss()) for instance in self.stack.instances]

    # -- phase 1 -------------------------------------------------------------------------------------------
    async def browser_users(self, count: int, url: str, stats: Stats, until: asyncio.Event) -> str | None:
        """`count` real browsers looping over the flow until `until` is set; None, or why they could not run."""
        if count <= 0:
            return 'no browser user asked'
        if (missing := browser.available()) is not None:
            return missing
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            chromium = await playwright.chromium.launch(executable_path=browser.executable(), args=browser.ARGS)

            async def loop(index: int) -> None:
                await asyncio.sleep(5 * index)
                while not until.is_set():
                    student = browser.BrowserStudent(
                        chromium, url, self.next_login(), LOAD_PASSWORD, random.choice(self.world.organisations),
                        random.choice(self.world.teachers), stats,
                    )  # fmt: skip
                    try:
                        await student.run()
                    except FlowFailed:
                        await asyncio.sleep(1)
                    except Exception as error:  # the browser itself failed: note it, go on with a new context
                        stats.fail('navigateur', f'{type(error).__name__}: {error}')
                        await asyncio.sleep(1)
                    await asyncio.sleep(self.think)

            flows = [asyncio.create_task(loop(i)) for i in range(count)]
            try:
                await until.wait()
                for flow in flows:  # stopped where they are, as the simulated users are
                    flow.cancel()
                await asyncio.gather(*flows, return_exceptions=True)
            finally:
                await chromium.close()
        return None

    async def load_and_soak(self, count: int, ramp: float, soak: float, browser_count: int) -> dict[str, Any]:
        """The students arrive over `ramp` seconds; the warm-up lasts until they have done a first flow each
        (every page built once, pools and caches filled, their sessions open): latencies, throughput, CPU and
        memory are then measured over `soak` seconds of that steady state. The warm-up's latencies are reported
        apart (arrivals bunched up at the start); errors count from the first second."""
        urls = [self.stack.nginx.url]
        await self.users(min(count, 5), urls, Stats(), until=timer(ramp / 2), ramp=2, think=BRISK)  # first pages
        stats, in_browser, stop = Stats(), Stats(), asyncio.Event()
        for window in (stats, in_browser):
            window.measure(math.inf)  # all warm-up until the steady state
        started = time.monotonic()
        task = asyncio.create_task(self.users(count, urls, stats, until=stop, finish=False, ramp=ramp))
        browsers = asyncio.create_task(self.browser_users(browser_count, urls[0], in_browser, stop))
        limit = started + warmup_limit(ramp, self.think)
        while stats.warmup_flows < count and time.monotonic() < limit and not task.done():
            await asyncio.sleep(1)
        measuring = time.monotonic()
        warmup = measuring - started
        for window in (stats, in_browser):
            window.measure(measuring, measuring + soak)
        after_warmup, samples = self.rss(), list[tuple[float, list[float]]]()
        servers_after_warmup = self.server_rss()
        wall_from = time.time()
        cpu_before, client_before = self.server_cpu(), time.process_time()
        loops_before = [i.main_thread_schedstat() for i in self.stack.instances]
        client_loop_before = schedstat(os.getpid())
        parts_before = [i.cpu_by_part() for i in self.stack.instances]
        lateness: list[float] = []
        probe = lag_probe(lateness)
        while (left := measuring + soak - time.monotonic()) > 0 and not task.done():
            samples.append((round(time.monotonic() - measuring), self.rss()))
            await asyncio.sleep(min(30.0, left))
        at_end, servers_at_end = self.rss(), self.server_rss()
        redis_connections = self.stack.redis.connections()
        pauses = [instance.full_collections(wall_from, time.time()) for instance in self.stack.instances]
        server_cpu, client_cpu = self.server_cpu() - cpu_before, time.process_time() - client_before
        loops_after = [i.main_thread_schedstat() for i in self.stack.instances]
        client_loop_after = schedstat(os.getpid())
        parts_after = [i.cpu_by_part() for i in self.stack.instances]
        probe.cancel()
        stop.set()
        await task
        browser_problem = await browsers
        figures = summary(stats, soak)
        figures.update(
            users=count,
            instances=len(self.stack.instances),
            think_time_s=self.think,
            warmup_s=round(warmup),
            rss_after_warmup_mib=after_warmup,
            rss_at_end_mib=at_end,
            rss_growth_percent=growth_percent(after_warmup, at_end),
            rss_samples_mib=samples,
            server_process_rss_mib=[servers_after_warmup, servers_at_end],  # without the PDF workers
            server_process_growth_percent=growth_percent(servers_after_warmup, servers_at_end),
            # CPU is what a shared machine cannot hide: per flow it says what each student costs the servers
            server_cpu_s=round(server_cpu, 1),
            server_cpu_ms_per_flow=round(1000 * server_cpu / stats.flows) if stats.flows else None,
            server_cpu_ms_per_flow_by_part={
                part: round(
                    1000 * sum(a[part] - b[part] for b, a in zip(parts_before, parts_after, strict=True)) / stats.flows
                )
                for part in ('event_loop', 'threads', 'workers')
            }
            if stats.flows
            else None,
            load_client_cpu_s=round(client_cpu, 1),
            # What waiting for a core adds: the servers' event-loop threads, and this client's own loop, whose
            # lateness is in every time it measures (a student's browser runs on her machine, this on theirs)
            server_main_threads=[scheduling(b, a) for b, a in zip(loops_before, loops_after, strict=True)],
            load_client_main_thread=scheduling(client_loop_before, client_loop_after),
            load_client_loop_lateness_ms={
                'p50': round(1000 * statistics.median(lateness), 1) if lateness else None,
                'p95': round(1000 * percentile(lateness, 0.95), 1) if lateness else None,
                'p99': round(1000 * percentile(lateness, 0.99), 1) if lateness else None,
                'max': round(1000 * max(lateness), 1) if lateness else None,
            },
            redis_connections_at_end=redis_connections,  # the sessions' connections of both instances
            # Every page of an instance waits while its garbage collector walks the whole heap: the latencies' tail
            full_gc_per_instance=[len(p) for p in pauses],
            full_gc_p50_ms=[round(statistics.median(p)) if p else None for p in pauses],
            full_gc_max_ms=[round(max(p)) if p else None for p in pauses],
        )
        figures['warmup'] = summary(stats.warmup_stats(), warmup)
        figures['browser_users'] = browser_count if browser_problem is None else 0
        figures['browser'] = summary(in_browser, soak) if browser_problem is None else {'skipped': browser_problem}
        return figures

    # -- phase 2 -------------------------------------------------------------------------------------------
    async def search_scaling(self, count: int, seconds: float) -> dict[str, Any]:
        """The same search-heavy load through nginx with one upstream, then with both."""
        single = Nginx(self.stack.directory / 'nginx-single', [self.stack.instances[0].port])
        single.start()
        results = {}
        try:
            for label, url in (('1 instance', single.url), ('2 instances', self.stack.nginx.url)):
                stats, go, ready = Stats(), asyncio.Event(), list[int]()
                names = self.world.organisations
                users = [
                    asyncio.create_task(self.student(url, stats, think=0.0).search_loop(names, go, ready, seconds))
                    for _ in range(count)
                ]
                deadline = time.monotonic() + 300
                while len(ready) < count and time.monotonic() < deadline and not all(u.done() for u in users):
                    await asyncio.sleep(0.5)
                cpu_before, client_before = self.server_cpu(), time.process_time()
                go.set()  # every user at step 2: the measured window starts now
                await asyncio.gather(*users, return_exceptions=True)
                server_cpu, client_cpu = self.server_cpu() - cpu_before, time.process_time() - client_before
                searches = stats.timings.get('recherche établissement', [])
                figures = summary(stats, seconds)
                figures.update(
                    users=len(ready),
                    searches_per_second=round(len(searches) / seconds, 1),
                    server_cpu_ms_per_search=round(1000 * server_cpu / len(searches), 1) if searches else None,
                    load_client_cpu_ms_per_search=round(1000 * client_cpu / len(searches), 1) if searches else None,
                )
                results[label] = figures
        finally:
            single.stop()
        one, two = (results[k]['searches_per_second'] for k in ('1 instance', '2 instances'))
        return {'users': count, 'seconds': seconds, 'by_setup': results, 'speed_up': round(two / one, 2) if one else 0}

    # -- phase 3 -------------------------------------------------------------------------------------------
    async def faults(self, count: int, timeline: dict[str, float]) -> dict[str, Any]:
        stats = Stats()
        events: list[str] = []
        started = time.monotonic()
        victim: Instance = self.stack.instances[-1]

        async def at(second: float, what: str, action: Callable[[], object]) -> None:
            await asyncio.sleep(max(0.0, started + second - time.monotonic()))
            result = await asyncio.to_thread(action)
            events.append(f'{time.monotonic() - started:5.1f} s {what}' + (f' ({result:.1f} s)' if result else ''))
            say(f'  {events[-1]}')

        script = [
            at(timeline['kill'], f'kill -9 {victim.name}', victim.kill),
            at(timeline['restart'], f'{victim.name} redémarrée', victim.start),
            at(timeline['postgres'], 'PostgreSQL redémarré', self.stack.postgres.restart),
            at(timeline['redis_down'], 'Redis arrêté', self.stack.redis.stop),
            at(timeline['redis_up'], 'Redis relancé', self.stack.redis.start),
        ]
        urls = [self.stack.nginx.url]
        load = self.users(count, urls, stats, until=timer(timeline['end']), recover=True, ramp=5, think=BRISK)
        elapsed, *_ = await asyncio.gather(load, *script)
        figures = summary(stats, float(elapsed or 0))
        messages = [m for v in stats.errors.values() for m in v]
        figures.update(
            users=count,
            events=events,
            french_database_messages=sum('momentanément indisponible' in m for m in messages),
            integrity=await asyncio.to_thread(integrity),
        )
        return figures

    # -- phase 4 -------------------------------------------------------------------------------------------
    async def simultaneous_creations(self, count: int) -> dict[str, Any]:
        stats = Stats()
        expected, arrived, everyone = count, 0, asyncio.Event()  # the students still coming, those at « Créer »
        urls = [instance.url for instance in self.stack.instances]  # half on each instance, directly

        def check() -> None:
            if arrived >= expected:
                everyone.set()

        async def wait_for_all() -> None:
            nonlocal arrived
            arrived += 1
            check()
            await asyncio.wait_for(everyone.wait(), timeout=600)

        async def one(index: int) -> None:
            nonlocal expected
            student = self.student(urls[index % len(urls)], stats, think=0.0)
            try:
                await student.run(before_create=wait_for_all)
            except Exception:  # this one will not come (its error is counted): the others do not wait for it
                if student.reached < 8:
                    expected -= 1
                    check()

        await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(count))), timeout=900)
        numbers = [n for n in stats.numbers if n]
        figures = summary(stats, 0)
        figures.update(
            users=count,
            numbers_created=len(numbers),
            distinct_numbers=len(set(numbers)),
            instances=len(urls),
            integrity=await asyncio.to_thread(integrity),
        )
        return figures


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--quick', action='store_true', help='a short run (a few users, a minute per phase)')
    parser.add_argument('--json', action='store_true', help='print the figures as JSON at the end')
    parser.add_argument('--users', type=int, help='simulated students of phase 1 (200; quick: 10)')
    parser.add_argument('--ramp', type=float, help='seconds over which the students arrive (60; quick: 15)')
    parser.add_argument('--soak', type=float, help='seconds measured after the warm-up (600; quick: 30)')
    parser.add_argument(
        '--think', type=float, default=THINK, help=f'mean pause before each action, seconds ({THINK:g}; quick: 1)'
    )
    parser.add_argument('--browsers', type=int, help='real Chromium users during phase 1 (1)')
    parser.add_argument('--phases', default='1234', help='phases to run, e.g. 13 (default: all)')
    parser.add_argument('--keep', action='store_true', help='keep the temporary directory (logs)')
    parser.add_argument(
        '--stalls', action='store_true', help="log what holds an instance's event loop 40 ms or more (costs CPU)"
    )
    args = parser.parse_args(argv)
    quick = args.quick
    if quick and '--think' not in argv:
        args.think = 1.0
    args.users = args.users or (10 if quick else 200)
    args.browsers = args.browsers if args.browsers is not None else 1
    args.ramp = args.ramp if args.ramp is not None else (15 if quick else 60)
    args.soak = args.soak if args.soak is not None else (30 if quick else 600)
    args.search_users, args.search_seconds = (6, 20) if quick else (40, 60)
    args.fault_users = 6 if quick else 40
    args.timeline = (
        {'kill': 8, 'restart': 20, 'postgres': 45, 'redis_down': 60, 'redis_up': 70, 'end': 85}
        if quick
        else {'kill': 20, 'restart': 60, 'postgres': 90, 'redis_down': 120, 'redis_up': 150, 'end': 180}
    )
    args.simultaneous = 20 if quick else 50
    return args


def accounts_needed(args: argparse.Namespace) -> int:
    """Generous: a flow is 16 actions, each after a pause of at least half the think time (plus the server)."""

    def per_user(seconds: float, think: float = args.think) -> int:
        return 2 + int(seconds / (8 * think + 8))

    phase1_seconds = warmup_limit(args.ramp, args.think) + args.soak
    phase1 = args.users * per_user(phase1_seconds) + min(args.users, 5) * per_user(args.ramp / 2, BRISK)
    browsers = args.browsers * per_user(phase1_seconds)
    phase3 = args.fault_users * per_user(args.timeline['end'], BRISK)
    return phase1 + browsers + 2 * args.search_users + phase3 + args.simultaneous + 50


async def run_phases(run: Run, args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {}
    if '1' in args.phases:
        say(
            f'Phase 1 : {args.users} étudiants arrivés en {args.ramp:.0f} s, un premier parcours chacun, puis '
            f'{args.soak:.0f} s mesurées…'
        )
        results['load'] = await run.load_and_soak(args.users, args.ramp, args.soak, args.browsers)
        print_phase(f'1. Charge : {args.users} étudiants, 2 instances derrière nginx', results['load'])
        print_phase('1. Montée en charge (arrivées, puis un premier parcours chacun ; hors mesure)',
                    results['load']['warmup'])  # fmt: skip
        if 'actions' in results['load']['browser']:
            print_phase(f'1 bis. Pendant ce temps, {args.browsers} navigateur(s) Chromium', results['load']['browser'])
        else:
            say(f'  navigateurs : aucun ({results["load"]["browser"]["skipped"]})')
    if '2' in args.phases:
        say('Phase 2 : recherche intensive, 1 puis 2 instances…')
        results['search_scaling'] = scaling = await run.search_scaling(args.search_users, args.search_seconds)
        for label, figures in scaling['by_setup'].items():
            print_phase(f'2. Recherche intensive, {label}', figures)
        say(f'  accélération 2 instances / 1 : ×{scaling["speed_up"]}')
    if '3' in args.phases:
        say(f'Phase 3 : pannes pendant la charge de {args.fault_users} étudiants…')
        results['faults'] = await run.faults(args.fault_users, args.timeline)
        print_phase('3. Pannes pendant la charge', results['faults'])
    if '4' in args.phases:
        say(f'Phase 4 : {args.simultaneous} créations simultanées…')
        results['simultaneous'] = await run.simultaneous_creations(args.simultaneous)
        print_phase(f'4. {args.simultaneous} conventions créées au même instant', results['simultaneous'])
    return results


def main(argv: list[str]) -> int:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    args = options(argv)
    directory = Path(tempfile.mkdtemp(prefix='pstage-load-'))
    directory.chmod(0o755)  # the private PostgreSQL runs as the postgres user
    stack = Stack.create(directory, 2, stalls=args.stalls)

    def interrupted(signum: int, _frame: object) -> None:  # stop every server at once, even mid-phase
        stack.stop()
        shutil.rmtree(directory, ignore_errors=True)
        os._exit(128 + signum)

    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    os.environ.update(
        PSTAGE_STORAGE_SECRET=STORAGE_SECRET,
        PSTAGE_ENCRYPTION_KEY=ENCRYPTION_KEY,
        PSTAGE_DATA_DIR=str(directory / 'setup'),
    )
    say(f'Conditions : {os.cpu_count()} cœurs, charge moyenne {os.getloadavg()[0]:.1f} au départ ; {directory}')
    try:
        started = time.perf_counter()
        stack.start_backends()
        world = prepare(stack.postgres.url, accounts_needed(args))
        stack.start_front()
        say(f'Pile prête en {time.perf_counter() - started:.0f} s ({len(world.logins)} comptes étudiants).')
        results = asyncio.run(run_phases(Run(stack, world, args.think), args))
        results['conditions'] = {'cpus': os.cpu_count(), 'load_average_at_end': round(os.getloadavg()[0], 1)}
    finally:
        stack.stop()
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    together = results.get('simultaneous', {})
    broken = [figures.get('integrity', {}) for figures in results.values() if isinstance(figures, dict)]
    numbers_ok = together.get('distinct_numbers') == together.get('users', together.get('distinct_numbers'))
    return 0 if numbers_ok and not any(any(found.values()) for found in broken) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
