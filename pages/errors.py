"""Friendly « page introuvable » and « erreur » pages instead of the framework's defaults.

A page that cannot reach the database (restarting, out of reach) answers 503 Service Unavailable with
Retry-After, not NiceGUI's 500: a monitoring probe, a proxy's log or an operator reading them tells an outage,
which passes, from a bug, which does not.
"""

from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import Response
from nicegui import Client, app, ui
from nicegui.page import page
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from components.frame import frame
from services import database
from services.i18n import _


def _error_card(title: str, explanation: str) -> None:
    with ui.card().classes('w-full').mark('error-page'):
        ui.label(title).classes('text-xl font-semibold')
        ui.label(explanation)
        ui.link(_("Revenir à l'accueil"), '/')


async def not_found(request: Request, exception: Exception) -> Response:
    endpoint = request.scope.get('endpoint')
    if endpoint is not None and endpoint is not app and not request.scope.get('nicegui_page_path'):
        return await http_exception_handler(request, exception)  # type: ignore[arg-type]  # API: JSON
    with Client(page(''), request=request) as client, frame(None, _('Page introuvable')):
        _error_card(
            _("Cette page n'existe pas."),
            _("L'adresse est peut-être mal saisie, ou la page a été déplacée. Utilisez le menu pour continuer."),
        )
    return client.build_response(request, 404)


# Seconds after which asking again makes sense: what a PostgreSQL restart takes.
RETRY_AFTER_SECONDS = 10
_DATABASE_UNAVAILABLE = 'pstage.database_unavailable'  # set in the request's scope by the error page


class UnavailableStatus:
    """Pure ASGI: turns the 500 of a page that could not reach the database into 503 with Retry-After."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return

        async def send_status(message: Message) -> None:
            if scope.get(_DATABASE_UNAVAILABLE) and message['type'] == 'http.response.start':
                retry_after = (b'retry-after', str(RETRY_AFTER_SECONDS).encode())
                message = {**message, 'status': 503, 'headers': [*message.get('headers', []), retry_after]}
            await send(message)

        await self.app(scope, receive, send_status)


def server_error(exception: Exception) -> None:
    with frame(None, _('Erreur')):
        if isinstance(exception, database.UNAVAILABLE):  # restarting, or out of reach: it says so
            ui.context.client.request.scope[_DATABASE_UNAVAILABLE] = True
            _error_card(_('Service momentanément indisponible.'), _(database.UNAVAILABLE_MESSAGE))
            return
        _error_card(
            _('Une erreur inattendue est survenue.'),
            _(
                "Rien de ce que vous aviez enregistré n'est perdu. Réessayez dans un instant ; "
                'si le problème continue, contactez le bureau des stages.'
            ),
        )


def register_error_pages() -> None:
    app.add_exception_handler(404, not_found)
    app.on_page_exception(server_error)
    app.add_middleware(UnavailableStatus)
