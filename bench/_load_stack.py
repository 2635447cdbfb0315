"""The load test's servers, all on the loopback and in a temporary directory, all stopped at the end.

A private PostgreSQL cluster (initdb, so restarting it disturbs nobody else on this machine), a private
Redis, N `pstage serve` instances sharing them, and nginx in front with the upstream settings of
deploy/nginx.conf (sticky route cookie, websocket headers, long timeouts) but plain HTTP.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path('/usr/lib/postgresql/15/bin')
GC_PROBE = ROOT / 'bench' / '_gc_probe'  # its sitecustomize.py times the instances' full garbage collections
GC_LOG = 'gc.log'
STORAGE_SECRET = 'load-test-storage-secret-shared-by-every-instance'
ENCRYPTION_KEY = 'ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg='


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return int(probe.getsockname()[1])


def wait_for(check: object, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except Exception:  # not up yet
            pass
        time.sleep(0.2)
    raise RuntimeError(f'{what} not ready within {timeout:.0f} s')


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and pg_ctl refuse to run as root: run them as the postgres user then."""
    return ['runuser', '-u', 'postgres', '--', *command] if os.geteuid() == 0 else command


def schedstat(pid: int, tid: int | None = None) -> tuple[float, float, int]:
    """A thread's (seconds on a CPU, seconds waiting in the run queue for one, times it was put on a CPU), from
    /proc/<pid>/task/<tid>/schedstat (the main thread when `tid` is None). The wait is what a busy machine adds
    to every answer of that thread: it tells apart a slow server from a server waiting for a core."""
    fields = Path(f'/proc/{pid}/task/{tid or pid}/schedstat').read_text().split()
    return int(fields[0]) / 1e9, int(fields[1]) / 1e9, int(fields[2])


@dataclass
class Postgres:
    directory: Path
    port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        return f'postgresql://postgres@127.0.0.1:{self.port}/pstage'

    def _ctl(self, *args: str) -> None:
        """pg_ctl, its output to the log file: a pipe would be inherited by the server and never closed."""
        command = [str(PG_BIN / 'pg_ctl'), '-D', str(self.directory / 'data'), '-w', '-t', '60', *args]
        with (self.directory / 'pg_ctl.log').open('ab') as log:
            subprocess.run(_as_postgres(command), check=True, stdout=log, stderr=log, timeout=120)

    def start(self) -> None:
        data = self.directory / 'data'
        if not data.exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.directory, 'postgres', 'postgres')
            subprocess.run(
                _as_postgres([str(PG_BIN / 'initdb'), '-D', str(data), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8',
                              '--locale=C.UTF-8', '--no-sync']),
                check=True, capture_output=True,
            )  # fmt: skip
        options = f'-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c max_connections=200'
        self._ctl('-o', options, '-l', str(self.directory / 'postgres.log'), 'start')
        wait_for(self._createdb, 'PostgreSQL')

    def _createdb(self) -> bool:
        import psycopg

        with psycopg.connect(f'postgresql://postgres@127.0.0.1:{self.port}/postgres', autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'pstage'").fetchone():
                conn.execute('CREATE DATABASE pstage')
        return True

    def restart(self) -> float:
        started = time.perf_counter()
        self._ctl('-l', str(self.directory / 'postgres.log'), '-m', 'fast', 'restart')
        return time.perf_counter() - started

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl('-m', 'fast', 'stop')


@dataclass
class Redis:
    directory: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f'redis://127.0.0.1:{self.port}/0'

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        command = ['redis-server', '--port', str(self.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
                   '--dir', str(self.directory)]  # fmt: skip
        with (self.directory / 'redis.log').open('ab') as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        import redis

        wait_for(lambda: redis.Redis.from_url(self.url).ping(), 'Redis')

    def connections(self) -> int:
        """Clients connected to this Redis, this question's own connection not counted."""
        import redis

        with redis.Redis.from_url(self.url) as client:
            return int(client.info('clients')['connected_clients']) - 1

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@dataclass
class Instance:
    name: str
    port: int
    directory: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f'http://127.0.0.1:{self.port}'

    def start(self, timeout: float = 180.0) -> None:
        """Start and wait for /healthz; a process that exits early (database unreachable) is started again
        two seconds later, as systemd's Restart=always would."""
        self.directory.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with (self.directory / 'server.log').open('ab') as log:
                self.process = subprocess.Popen(
                    [sys.executable, '-m', 'cli', 'serve'], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
                )
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    if httpx.get(f'{self.url}/healthz', timeout=2).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.3)
            time.sleep(2)
        raise RuntimeError(f'{self.name} not ready within {timeout:.0f} s')

    def kill(self) -> None:
        """kill -9, like a crash; then its PDF worker processes, as systemd does for the unit's control group
        (orphaned, they would keep the listening socket and the restarted instance could not bind)."""
        if self.process is not None:
            children = psutil.Process(self.process.pid).children(recursive=True)
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            for child in children:
                with contextlib.suppress(psutil.NoSuchProcess):
                    child.kill()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            for child in psutil.Process(self.process.pid).children(recursive=True):
                child.terminate()
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the server and its live worker processes."""
        if self.process is None or self.process.poll() is not None:
            return 0.0
        main = psutil.Process(self.process.pid)
        times = [p.cpu_times() for p in [main, *main.children(recursive=True)]]
        return sum(t.user + t.system for t in times)

    def cpu_by_part(self) -> dict[str, float]:
        """CPU seconds so far of the event-loop thread, of the server's other threads (database calls, password
        checks), and of its worker processes (PDF renderings)."""
        if self.process is None or self.process.poll() is not None:
            return {'event_loop': 0.0, 'threads': 0.0, 'workers': 0.0}
        main = psutil.Process(self.process.pid)
        threads = {t.id: t.user_time + t.system_time for t in main.threads()}
        workers = [p.cpu_times() for p in main.children(recursive=True)]
        loop = threads.pop(self.process.pid, 0.0)
        return {
            'event_loop': loop,
            'threads': sum(threads.values()),
            'workers': sum(t.user + t.system for t in workers),
        }

    def main_thread_schedstat(self) -> tuple[float, float, int]:
        """The server's event-loop thread: see `schedstat` (zeros when the instance is not running)."""
        if self.process is None or self.process.poll() is not None:
            return (0.0, 0.0, 0)
        return schedstat(self.process.pid)

    def full_collections(self, since: float, until: float) -> list[float]:
        """Milliseconds of each full garbage collection of this instance between two time.time() instants."""
        log = self.directory / GC_LOG
        lines = log.read_text(encoding='utf-8').split('\n') if log.exists() else []
        pauses = [line.split() for line in lines if line.strip()]
        return [float(ms) for at, ms in pauses if since <= float(at) <= until]

    def server_rss(self) -> int:
        """Resident memory of the server process alone: its PDF workers', forked from it, swing with each
        rendering (and count again the pages they share with it), hiding a slow growth or showing a false one."""
        if self.process is None or self.process.poll() is not None:
            return 0
        return int(psutil.Process(self.process.pid).memory_info().rss)

    def rss(self) -> int:
        """Resident memory of the server and its worker processes (PDF rendering pool), in bytes."""
        if self.process is None or self.process.poll() is not None:
            return 0
        main = psutil.Process(self.process.pid)
        return sum(p.memory_info().rss for p in [main, *main.children(recursive=True)])


NGINX_CONF = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log info;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi; uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
    map $cookie_pstage_route $pstage_route {{ "" $request_id; default $cookie_pstage_route; }}
    map $http_upgrade $connection_upgrade {{ default upgrade; "" ""; }}
    upstream pstage {{
        hash $pstage_route consistent;
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 12m;
        location / {{
            proxy_pass http://pstage;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_buffering off;
            proxy_next_upstream error timeout http_502;
            add_header Set-Cookie "pstage_route=$pstage_route; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax" always;
        }}
    }}
}}
"""


@dataclass
class Nginx:
    directory: Path
    upstreams: list[int]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f'http://127.0.0.1:{self.port}'

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        servers = '\n'.join(f'        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;' for p in self.upstreams)
        config = self.directory / 'nginx.conf'
        config.write_text(NGINX_CONF.format(dir=self.directory, servers=servers, port=self.port))
        nginx = shutil.which('nginx') or '/usr/sbin/nginx'
        self.process = subprocess.Popen(
            [nginx, '-c', str(config), '-p', str(self.directory), '-g', 'daemon off;'],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(lambda: httpx.get(f'{self.url}/healthz', timeout=2).status_code == 200, 'nginx')

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Stack:
    """Everything the load runs against. `instances` servers, all behind `nginx`."""

    directory: Path
    postgres: Postgres
    redis: Redis
    instances: list[Instance]
    nginx: Nginx

    @classmethod
    def create(cls, directory: Path, count: int, *, pool_size: int = 10, stalls: bool = False) -> 'Stack':
        """With `stalls`, each instance also logs what held its event loop 40 ms or more (bench/_gc_probe): a
        diagnosis, off by default, its watchdog waking the loop and a thread a hundred times a second each."""
        postgres, redis_server = Postgres(directory / 'postgres'), Redis(directory / 'redis')
        instances = []
        for index in range(count):
            port = free_port()
            env = {k: v for k, v in os.environ.items() if not k.startswith(('PYTEST_', 'NICEGUI_', 'PSTAGE_'))}
            env.update(
                PYTHONPATH=os.pathsep.join([str(GC_PROBE), str(ROOT)]),
                PSTAGE_BENCH_GC_LOG=str(directory / f'instance-{index + 1}' / GC_LOG),
                PSTAGE_BENCH_STALLS='1' if stalls else '',
                PSTAGE_HOST='127.0.0.1',
                PSTAGE_PORT=str(port),
                PSTAGE_DATABASE_URL=postgres.url,
                PSTAGE_DB_POOL_SIZE=str(pool_size),
                PSTAGE_DATA_DIR=str(directory / f'instance-{index + 1}' / 'data'),
                PSTAGE_FILE_STORE=str(directory / 'files'),
                PSTAGE_STORAGE_SECRET=STORAGE_SECRET,
                PSTAGE_ENCRYPTION_KEY=ENCRYPTION_KEY,
                NICEGUI_REDIS_URL=redis_server.url,
                NICEGUI_STORAGE_PATH=str(directory / f'instance-{index + 1}' / 'nicegui'),
            )
            instances.append(Instance(f'instance {index + 1}', port, directory / f'instance-{index + 1}', env))
        nginx = Nginx(directory / 'nginx', [i.port for i in instances])
        return cls(directory, postgres, redis_server, instances, nginx)

    def start_backends(self) -> None:
        self.postgres.start()
        self.redis.start()

    def start_front(self) -> None:
        for instance in self.instances:
            instance.start()
        self.nginx.start()

    def stop(self) -> None:
        for stop in (self.nginx.stop, *(i.stop for i in self.instances), self.redis.stop, self.postgres.stop):
            try:
                stop()
            except Exception as error:  # stop the rest anyway
                print(f'  (arrêt incomplet : {error})', file=sys.stderr)
