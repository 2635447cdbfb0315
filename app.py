"""PStage: wiring only — settings, database, routes, pages, then the server."""

import sqlalchemy as sa
from fastapi import Request
from fastapi.responses import JSONResponse
from nicegui import app, ui

import pages  # noqa: F401 - declares every page
from auth import log_masking
from auth.guard import register_pages
from auth.http_security import install_http_security
from auth.sso_routes import register_sso_routes
from pages.errors import register_error_pages
from services import database, schema
from settings import reload_settings


def build() -> None:
    """Configure the database, bring its schema to head, and register routes and pages."""
    settings = reload_settings()
    log_masking.install()
    database.configure(settings.database_url, pool_size=settings.db_pool_size)
    schema.prepare()
    install_http_security(app, settings)
    register_sso_routes()
    register_pages()
    register_error_pages()
    app.add_api_route('/healthz', healthz, methods=['GET'])


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


def serve() -> None:
    build()
    settings = reload_settings()
    ui.run(
        host=settings.host,
        port=settings.port,
        title='PStage',
        language='fr',
        storage_secret=settings.effective_storage_secret,
        forwarded_allow_ips=settings.trusted_proxies,  # X-Forwarded-* believed from these proxies only
        reload=False,
        show=False,
        favicon='🎓',
    )


if __name__ in {'__main__', '__mp_main__'}:
    serve()
