"""Real servers for SSO tests: PStage served by uvicorn in a subprocess, plus helpers to start others.

The NiceGUI `user` fixture cannot follow redirects to another host, so the SSO tests drive the real
application over HTTP with httpx, against a copy of the test database.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return int(probe.getsockname()[1])


def require_tool(name: str) -> None:
    """Skip with the reason when a tool is missing — except in CI, where that is a failure."""
    from shutil import which

    if which(name) is None:
        message = f'{name} is not installed on this machine'
        if os.environ.get('CI'):
            pytest.fail(f'{message} (CI must run the tests that need it)')
        pytest.skip(message)


def clean_environment(extra: Mapping[str, str]) -> dict[str, str]:
    """The test's environment without pytest's markers (NiceGUI would believe it runs inside pytest)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(('PYTEST_', 'NICEGUI_'))}
    env.update(extra)
    return env


def wait_until_up(process: subprocess.Popen[bytes], url: str, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f'{url}: the server stopped with code {process.returncode}')
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f'{url} did not answer within {timeout} s')


@contextmanager
def running(command: list[str], *, env: Mapping[str, str], url: str, cwd: Path, log: Path) -> Iterator[None]:
    with log.open('wb') as output:
        process = subprocess.Popen(command, cwd=cwd, env=dict(env), stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_until_up(process, url)
            yield
        except RuntimeError as error:
            raise RuntimeError(f'{error}\n--- {log.name} ---\n{log.read_text(errors="replace")[-4000:]}') from error
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def pstage_server(database_url: str, tmp_path: Path, settings: Mapping[str, str], *, port: int = 0) -> Iterator[str]:
    """`pstage serve` on 127.0.0.1 (a free port unless given) with the given PSTAGE_* settings; yields its URL."""
    port = port or free_port()
    base = f'http://127.0.0.1:{port}'
    env = clean_environment(
        {
            'PSTAGE_HOST': '127.0.0.1',
            'PSTAGE_PORT': str(port),
            'PSTAGE_DATABASE_URL': database_url,
            'PSTAGE_DATA_DIR': str(tmp_path / 'app-data'),
            'NICEGUI_STORAGE_PATH': str(tmp_path / 'nicegui-storage'),
            **settings,
        }
    )
    command = [sys.executable, '-m', 'cli', 'serve']
    with running(command, env=env, url=f'{base}/healthz', cwd=ROOT, log=tmp_path / 'pstage.log'):
        yield base
