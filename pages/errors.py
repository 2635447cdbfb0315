"""Friendly « page introuvable » and « erreur » pages instead of the framework's defaults."""

from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import Response
from nicegui import Client, app, ui
from nicegui.page import page

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


def server_error(exception: Exception) -> None:
    with frame(None, _('Erreur')):
        if isinstance(exception, database.UNAVAILABLE):  # restarting, or out of reach: it says so
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
