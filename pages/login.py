"""« Connexion »: local login (SSO buttons join it later), demo accounts listed in demo mode only."""

from fastapi.responses import RedirectResponse
from nicegui import run, ui

from auth.guard import public_page
from auth.local import LoginError, authenticate
from auth.session import current_actor, end_session, establish_session
from components.frame import frame
from services.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from services.i18n import _
from settings import get_settings


def safe_next(target: str | None) -> str:
    """Only a path of this site: never an open redirect to another host."""
    if target and target.startswith('/') and not target.startswith('//') and '\\' not in target:
        return target
    return '/'


@public_page('/login', title='Connexion')
def login_page(next: str | None = None) -> RedirectResponse | None:
    destination = safe_next(next)
    if current_actor() is not None:
        return RedirectResponse(destination, status_code=303)

    async def submit() -> None:
        error.set_text('')
        try:
            actor = await run.io_bound(authenticate, login.value or '', password.value or '')
        except LoginError as refused:
            error.set_text(str(refused))
            password.set_value('')
            return
        if actor is None:  # the server is shutting down
            return
        establish_session(actor)
        ui.navigate.to(destination)

    with frame(None, _('Connexion')), ui.card().classes('w-full max-w-md'):
        ui.label(_('Connectez-vous avec vos identifiants ENT.')).classes('text-grey-8')
        login = ui.input(_('Identifiant')).props('autocomplete=username autofocus').classes('w-full').mark('login')
        password = (
            ui.input(_('Mot de passe'), password=True, password_toggle_button=True)
            .props('autocomplete=current-password')
            .classes('w-full')
            .mark('password')
            .on('keydown.enter', submit)
        )
        error = ui.label().classes('text-negative').props('role=alert aria-live=assertive').mark('login-error')
        ui.button(_('Se connecter'), on_click=submit).classes('w-full').mark('login-submit')
    if get_settings().demo:
        with ui.card().classes('w-full max-w-md').mark('demo-accounts'):
            ui.label(_('Comptes de démonstration')).classes('font-semibold')
            ui.label(_('Mot de passe : {password}', password=DEMO_PASSWORD))
            for account in DEMO_ACCOUNTS:
                ui.label(f'{account.login} — {_(account.description)}')
    return None


@public_page('/logout', title='Déconnexion')
def logout_page() -> RedirectResponse:
    end_session()
    return RedirectResponse('/login', status_code=303)
