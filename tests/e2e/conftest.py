"""The guide's journeys in a real browser: Debian's Chromium driven by Playwright against `python app.py`.

One server for the session, on a free 127.0.0.1 port, with a fresh SQLite database in a temporary folder
filled with the demo data (`pstage seed-demo`: 2,000 hosts and 60 offers to search) plus the journeys'
own students (tests/e2e/accounts.py). Without Chromium or npm (axe-core) the suite is skipped with the
reason, except in CI (CI set) where that is a failure.
"""

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, ViewportSize, sync_playwright

from tests.e2e.journey import ARTIFACTS, AxeReport, Journey
from tests.integration.live_servers import free_port

ROOT = Path(__file__).resolve().parents[2]
AXE_DIR = Path(__file__).parent / 'axe'
CHROMIUM = os.environ.get('PSTAGE_E2E_CHROMIUM', '/usr/bin/chromium')
CHROMIUM_ARGS = [
    '--no-sandbox',
    '--headless',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
]
DESKTOP: ViewportSize = {'width': 1280, 'height': 900}
PHONE: ViewportSize = {'width': 390, 'height': 844}


def _missing(what: str) -> NoReturn:
    message = f'{what}: the browser journeys cannot run'
    if os.environ.get('CI'):
        pytest.fail(message + ' (CI: install it, see .ci/run)')
    pytest.skip(message)


@pytest.fixture(scope='session')
def axe_source() -> str:
    """axe-core's script, installed from tests/e2e/axe/package-lock.json when missing."""
    script = AXE_DIR / 'node_modules' / 'axe-core' / 'axe.min.js'
    if not script.is_file():
        npm = shutil.which('npm')
        if npm is None:
            _missing('npm is not installed (axe-core comes from the npm registry)')
        subprocess.run([npm, 'ci', '--no-audit', '--no-fund'], cwd=AXE_DIR, check=True, capture_output=True)
    return script.read_text(encoding='utf-8')


@pytest.fixture(scope='package')
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The application on its own database; yields its base URL."""
    folder = tmp_path_factory.mktemp('e2e-server')
    port = free_port()
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(('PSTAGE_', 'NICEGUI_', 'PYTEST_'))},
        'PSTAGE_DATABASE_URL': f'sqlite:///{folder / "pstage.db"}',
        'PSTAGE_DATA_DIR': str(folder / 'data'),
        'PSTAGE_PORT': str(port),
        'PSTAGE_HOST': '127.0.0.1',
        'PSTAGE_DEMO': 'true',
        'PSTAGE_JOBS': 'false',
        'PSTAGE_STORAGE_SECRET': 'e2e-storage-secret',
        'NICEGUI_STORAGE_PATH': str(folder / '.nicegui'),
    }
    for command in (['cli.py', 'seed-demo'], ['-m', 'tests.e2e.accounts']):
        subprocess.run([sys.executable, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    log = (folder / 'server.log').open('w')
    process = subprocess.Popen([sys.executable, 'app.py'], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f'http://127.0.0.1:{port}'
    try:
        _wait_healthy(base, process, folder / 'server.log')
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(folder / 'server.log', ARTIFACTS / 'server.log')


def _wait_healthy(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f'the server stopped at start-up:\n{log.read_text()[-3000:]}')
        try:
            if httpx.get(f'{base}/healthz', timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f'the server did not answer /healthz within 60 s:\n{log.read_text()[-3000:]}')


# Package scope: the sync API keeps an event loop running in this thread until it stops, which the asyncio
# tests of the other packages cannot share.
@pytest.fixture(scope='package')
def playwright() -> Iterator[Playwright]:
    if not Path(CHROMIUM).is_file():
        _missing(f'Chromium is not installed at {CHROMIUM} (apt-get install chromium)')
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope='package')
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope='package')
def axe_report() -> Iterator[AxeReport]:
    report = AxeReport()
    yield report
    report.write(ARTIFACTS / 'axe-report.json')


def _context(browser: Browser, base: str, viewport: ViewportSize) -> BrowserContext:
    context = browser.new_context(
        base_url=base, viewport=viewport, locale='fr-FR', timezone_id='Europe/Paris', accept_downloads=True
    )
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def journey(
    request: pytest.FixtureRequest, browser: Browser, server: str, axe_source: str, axe_report: AxeReport
) -> Iterator[Journey]:
    """A fresh browser (no cookies) at desktop size; `journey.step(name)` takes a screenshot and runs axe."""
    context = _context(browser, server, DESKTOP)
    page: Page = context.new_page()
    yield Journey(page, request.node.name, axe_source, axe_report)
    context.close()


@pytest.fixture
def phone_journey(
    request: pytest.FixtureRequest, browser: Browser, server: str, axe_source: str, axe_report: AxeReport
) -> Iterator[Journey]:
    """The same on a phone-sized screen (390×844, touch)."""
    context = browser.new_context(
        base_url=server, viewport=PHONE, locale='fr-FR', timezone_id='Europe/Paris', has_touch=True, is_mobile=True
    )
    context.set_default_timeout(15_000)
    page: Page = context.new_page()
    yield Journey(page, request.node.name, axe_source, axe_report)
    context.close()
