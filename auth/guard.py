"""`@protected_page`: registers a NiceGUI page that only logged-in users with the right may open.

Anonymous visitors are redirected to the login page (coming back afterwards); a logged-in user
without the right gets the frame with a friendly « Accès refusé » and HTTP status 403. Services
check permissions again: this guard is the first gate, never the only one.
"""

import functools
import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi.responses import RedirectResponse
from nicegui import ui

from auth.session import current_actor, visitor
from components.frame import frame
from components.language import language_for
from services.i18n import _, set_language
from services.permissions import Action, PermissionDenied, can

PageFunction = Callable[..., Any]
_REGISTRY: list[Callable[[], object]] = []
# Seconds a page may take to be built before NiceGUI gives up on it (its default, 3 s, turns a page that a busy
# server builds slowly — several database reads, a render — into an error page): better late than an error.
PAGE_BUILD_TIMEOUT = 30.0


def register_pages() -> None:
    """Create every declared page on the current NiceGUI app (called once per app, by app.py)."""
    for register in _REGISTRY:
        register()


def _page(path: str, title: str) -> ui.page:
    return ui.page(path, title=f'{_(title)} — PStage', response_timeout=PAGE_BUILD_TIMEOUT)


def public_page(path: str, *, title: str) -> Callable[[PageFunction], PageFunction]:
    """A page anyone may open (login, logout, signed links); declared now, registered by register_pages()."""

    def decorator(func: PageFunction) -> PageFunction:
        @functools.wraps(func)
        async def in_language(*args: Any, **kwargs: Any) -> Any:
            set_language(language_for(await visitor()))  # before the page translates its title
            result = func(*args, **kwargs)
            return await result if inspect.isawaitable(result) else result

        _REGISTRY.append(lambda: _page(path, title)(in_language))
        return func

    return decorator


def show_forbidden(message: str | None = None) -> None:
    ui.context.client.status_code = 403
    with ui.card().classes('w-full').mark('forbidden'):
        ui.label(_('Accès refusé')).classes('text-xl font-semibold text-negative')
        ui.label(message or _("Cette page n'est pas accessible avec votre profil."))
        ui.link(_("Revenir à l'accueil"), '/')


def protected_page(
    path: str, *, title: str, needs_any: tuple[Action, ...] = ()
) -> Callable[[PageFunction], PageFunction]:
    """The decorated function receives `actor` plus the path's parameters and draws inside the frame."""

    def decorator(func: PageFunction) -> PageFunction:
        signature = inspect.signature(func)
        public_parameters = [p for p in signature.parameters.values() if p.name != 'actor']

        @functools.wraps(func)
        async def guarded(*args: Any, **kwargs: Any) -> Any:
            actor = await current_actor()
            if actor is None:
                url = ui.context.client.request.url
                target = url.path + (f'?{url.query}' if url.query else '')
                return RedirectResponse(f'/login?next={quote(target, safe="")}', status_code=303)
            set_language(actor.language)
            with frame(actor, _(title)):
                if needs_any and not any(can(actor, action) for action in needs_any):
                    show_forbidden()
                    return None
                try:
                    result = func(*args, actor=actor, **kwargs)
                    if inspect.isawaitable(result):
                        await result
                except PermissionDenied as denied:
                    ui.context.client.status_code = 403
                    show_forbidden(str(denied))
            return None

        guarded.__signature__ = signature.replace(parameters=public_parameters)  # type: ignore[attr-defined]
        _REGISTRY.append(lambda: _page(path, title)(guarded))
        return func

    return decorator
