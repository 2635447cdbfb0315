"""« Connexion »: the enabled sign-in methods (ENT buttons, local form), demo accounts in demo mode only."""

from urllib.parse import quote

from fastapi.responses import RedirectResponse
from nicegui import ui

from auth.guard import public_page
from auth.identity import Method
from auth.local import LoginError
from auth.provisioning import sign_in_with_password
from auth.redirects import safe_next
from auth.session import end_session, open_session, visitor
from components import busy
from components.frame import frame
from services.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from services.i18n import N_, _
from settings import get_settings

SSO_ERRORS = {
    'sso': N_("La connexion par l'ENT a échoué ou a été refusée. Réessayez ; si cela persiste, contactez {contact}."),
    'indisponible': N_("Le service de connexion de l'ENT ne répond pas. Réessayez dans quelques minutes."),
    'compte': N_('Votre compte est désactivé. Contactez le bureau des stages.'),
    'methode': N_("Cette méthode de connexion n'est pas activée sur ce site."),
}


@public_page('/login', title='Connexion')
async def login_page(next: str | None = None, erreur: str | None = None) -> RedirectResponse | None:
    destination = safe_next(next)
    if await visitor() is not None:
        return RedirectResponse(destination, status_code=303)
    settings = get_settings()
    request = ui.context.client.request
    client_ip = request.client.host if request is not None and request.client is not None else None

    async def submit() -> None:
        error.set_text('')
        try:
            actor = await busy.io_bound(
                sign_in_with_password, login.value or '', password.value or '', client_ip=client_ip
            )
            if actor is None:  # the server is shutting down
                return
            await open_session(actor, Method.LOCAL)
        except LoginError as refused:
            error.set_text(str(refused))
            password.set_value('')
            return
        ui.navigate.to(f'/auth/session?next={quote(destination, safe="")}')  # renews the session id

    with frame(None, _('Connexion')), ui.card().classes('w-full max-w-md'):
        ui.label(_('Connectez-vous avec vos identifiants ENT.')).classes('text-grey-8')
        if erreur in SSO_ERRORS:
            message = _(SSO_ERRORS[erreur], contact=settings.help_contact)
            ui.label(message).classes('text-negative').props('role=alert').mark('sso-error')
        for enabled, path, label, marker in (
            (settings.oidc_enabled, '/auth/oidc/login', settings.oidc_label, 'login-oidc'),
            (settings.cas_enabled, '/auth/cas/login', settings.cas_label, 'login-cas'),
        ):
            if enabled:  # a real link: the SSO flow is a chain of HTTP redirects
                url = f'{path}?next={quote(destination, safe="")}'
                ui.button(_(label), icon='school', on_click=lambda url=url: ui.navigate.to(url)).classes('w-full').mark(
                    marker
                )
        if not settings.local_login:
            return None
        login = ui.input(_('Identifiant')).props('autocomplete=username autofocus').classes('w-full').mark('login')
        password = (
            ui.input(_('Mot de passe'), password=True, password_toggle_button=True)
            .props('autocomplete=current-password')
            .classes('w-full')
            .mark('password')
            .on('keydown.enter', submit)
        )
        error = ui.label().classes('text-negative').props('role=alert aria-live=assertive').mark('login-error')
        for field in (login, password):  # the refusal concerns both fields: screen readers hear it with each
            field.props(f'aria-describedby=c{error.id}')
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
    # After an SSO login, the provider's logout follows, so its session ends too.
    return RedirectResponse(end_session(), status_code=303)
