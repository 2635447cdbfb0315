"""PStage: wiring only — settings, database, routes, pages, then the server."""

import contextlib
import gc
import logging
import os
import sys

import sqlalchemy as sa
from fastapi import Request
from fastapi.responses import JSONResponse
from nicegui import app, ui
from nicegui.observables import ObservableDict
from nicegui.storage import Storage

import pages  # noqa: F401 - declares every page
from auth import log_masking, redis_sessions
from auth.guard import register_pages
from auth.http_security import install_http_security
from auth.sso_routes import register_sso_routes
from components import language, nicegui_speedups, page_lifetime, prompt_outbox, websocket_handover
from pages.errors import register_error_pages
from services import database, i18n, jobs, schema, search
from settings import Settings, reload_settings

log = logging.getLogger('pstage')


def build() -> None:
    """Configure the database, bring its schema to head, and register routes and pages."""
    settings = reload_settings()
    nicegui_speedups.install()
    page_lifetime.install()
    prompt_outbox.install()
    websocket_handover.install()
    log_masking.install()
    i18n.load_catalogues()  # services/locales/*.json: the English interface
    i18n.set_default_language(settings.language)
    language.install()
    database.configure(settings.database_url, pool_size=settings.db_pool_size)
    schema.prepare()
    configure_user_storage()
    install_http_security(app, settings)
    register_sso_routes()
    register_pages()
    register_error_pages()
    app.on_exception(notify_database_unavailable)
    app.add_api_route('/healthz', healthz, methods=['GET'])


def configure_user_storage() -> None:
    """Login sessions (app.storage.user) in Redis when NICEGUI_REDIS_URL is set, so every instance shares them.

    NiceGUI reads the variable once at import; reading it again here lets a test (or a wrapper) set it later.
    Without Redis they stay in files under NICEGUI_STORAGE_PATH (.nicegui): fine for one instance only.
    The per-tab storage (app.storage.tab), which PStage does not use, stays in memory either way.
    """
    Storage.redis_url = os.environ.get('NICEGUI_REDIS_URL') or None
    Storage.redis_key_prefix = os.environ.get('NICEGUI_REDIS_KEY_PREFIX', 'nicegui:')
    Storage._create_tab_storage = _tab_storage_in_memory  # type: ignore[method-assign,assignment]
    redis_sessions.install(Storage.redis_url, Storage.redis_key_prefix)
    if Storage.redis_url:
        log.info('user sessions stored in Redis (prefix %s)', Storage.redis_key_prefix)


async def _tab_storage_in_memory(storage: Storage, tab_id: str, old_tab_id: str | None = None) -> None:
    """What NiceGUI does without Redis. With Redis, it opened for every browser tab a Redis client of its own, two
    connections and a listener task (~130 objects held while the tab lives, before its first page could answer
    a click) for a storage no page of PStage reads or writes."""
    if tab_id not in storage._tabs:
        storage._tabs[tab_id] = ObservableDict()


def notify_database_unavailable(exception: Exception) -> None:
    """A click while the database restarts or is unreachable: say so in French instead of failing silently."""
    if not isinstance(exception, database.UNAVAILABLE):
        return
    log.warning('database unavailable: %s', type(exception).__name__)
    with contextlib.suppress(RuntimeError):  # no page to tell (a background task)
        ui.notify(i18n._(database.UNAVAILABLE_MESSAGE), type='negative', multi_line=True)


def start_jobs(settings: Settings) -> None:
    """Periodic jobs in this instance (a lease per job makes each run in one instance at a time), and the
    search engine's background build and refresh."""
    if settings.jobs:
        app.on_startup(lambda: jobs.start_scheduler(tick=settings.jobs_tick_seconds))
        app.on_shutdown(jobs.stop_scheduler)
    if settings.search_refresh:
        # Indexes build in a thread (start-up does not wait) and then follow changes made by other instances.
        app.on_startup(lambda: search.start_background())
        app.on_shutdown(search.stop_background)


async def healthz(_request: Request) -> JSONResponse:
    """Database reachable and schema at the migration head: what a load balancer needs to know."""
    head = schema.head_revision()
    try:
        with database.engine().connect() as connection:
            connection.execute(sa.text('SELECT 1'))
            current = schema.current_revision(connection)
    except sa.exc.SQLAlchemyError as error:
        return JSONResponse({'status': 'error', 'database': type(error).__name__}, status_code=503)
    ok = current == head
    return JSONResponse(
        {'status': 'ok' if ok else 'error', 'database': 'ok', 'migration': current, 'head': head},
        status_code=200 if ok else 503,
    )


RECONNECT_TIMEOUT = 20.0
# Seconds a thread holding the GIL keeps it before another may run (CPython's default: 5 ms). The event loop serving
# every page gives the GIL up at each socket operation; while a worker thread turns database rows into objects, the
# loop then waits a whole interval to get it back, at every send: a click's twenty small sends took 10 ms instead of
# 1 ms (bench/event_loop.py). 1 ms keeps the pages responsive for a small cost in switches.
GIL_SWITCH_INTERVAL = 0.001


def freeze_startup_objects() -> None:
    """Take what start-up created (modules, classes, settings, templates, the NiceGUI app: ~330,000 objects)
    out of the garbage collector's reach: they live as long as the process, and a full collection, which stops
    the event loop, would walk them every time (250–600 ms at 60 students; 100–340 ms without them)."""
    gc.collect()
    gc.freeze()


def serve() -> None:
    build()
    settings = reload_settings()
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    start_jobs(settings)
    app.on_startup(freeze_startup_objects)  # the last start-up handler: after the others have run
    ui.run(
        host=settings.host,
        port=settings.port,
        title='PStage',
        language=language.HTML_LANG[settings.language],
        storage_secret=settings.effective_storage_secret,
        forwarded_allow_ips=settings.trusted_proxies,  # X-Forwarded-* believed from these proxies only
        reload=False,
        show=False,
        favicon='🎓',
        # Seconds a page waits for its browser to come back (a phone changing network, a server busy for a moment)
        # before it is dropped; NiceGUI's 3 s also sets a 2 s Socket.IO ping timeout, which a busy server misses.
        reconnect_timeout=RECONNECT_TIMEOUT,
    )


if __name__ in {'__main__', '__mp_main__'}:
    serve()
