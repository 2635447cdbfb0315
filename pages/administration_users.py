"""Administration → « Utilisateurs et rôles »: search accounts, give or remove roles, deactivate."""

from urllib.parse import urlencode

from nicegui import ui

from auth.guard import protected_page
from components.background_task import attempt
from components.choice import Select
from components.display import empty_state
from models import Role
from pages.administration import admin_path, back_link
from pages.background import in_thread
from services import admin_queries, admin_users
from services.actor import Actor
from services.admin_users import SCOPED_ROLES, Account
from services.i18n import _
from services.labels import ROLE
from services.permissions import Action

PATH = admin_path('utilisateurs')


@protected_page(PATH, title='Utilisateurs et rôles', needs_any=(Action.ADMINISTER,))
async def users_page(actor: Actor, q: str = '', page: int = 1) -> None:
    back_link()
    composantes = {c.id: c.code for c in await in_thread(admin_queries.composantes, actor)}
    with ui.row().classes('items-end gap-2'):
        query = ui.input(_('Identifiant, nom ou e-mail'), value=q).props('clearable').classes('w-80')
        query.mark('user-query')

        def search() -> None:
            ui.navigate.to(f'{PATH}?{urlencode({"q": (query.value or "").strip()})}')

        query.on('keydown.enter', search)
        ui.button(_('Rechercher'), icon='search', on_click=search).mark('user-search')

    @ui.refreshable
    async def results() -> None:
        found = await in_thread(admin_users.search_accounts, actor, q, page)
        ui.label(_('{n} compte(s)', n=found.total)).mark('user-count')
        if not found.items:
            empty_state(_('Aucun compte ne correspond : essayez une partie du nom ou de l’identifiant.'))
        for account in found.items:
            _account_card(account)
        if found.page_count > 1:
            ui.pagination(
                1,
                found.page_count,
                value=found.number,
                on_change=lambda e: ui.navigate.to(f'{PATH}?{urlencode({"q": q, "page": e.value})}'),
            ).mark('user-pages')

    def _account_card(account: Account) -> None:
        with ui.card().classes('w-full').mark(f'user-card user-{account.login}'):
            with ui.row().classes('items-center gap-3 w-full'):
                ui.label(f'{account.display_name} ({account.login})').classes('font-semibold')
                ui.label(account.email or '').classes('text-grey-8')
                ui.space()
                ui.label(_('actif') if account.active else _('désactivé')).classes(
                    'text-positive' if account.active else 'text-negative'
                ).mark(f'user-state-{account.login}')
                ui.button(
                    _('Désactiver') if account.active else _('Réactiver'),
                    on_click=lambda a=account: toggle(a),
                ).props('outline dense').mark(f'user-toggle-{account.login}')
            with ui.row().classes('items-center gap-2 flex-wrap'):
                for grant in account.grants:
                    ui.chip(grant.label, removable=True, on_value_change=lambda _e, g=grant.id: remove(g)).mark(
                        f'user-role-{account.login}'
                    )
                role = Select({r.value: ROLE[r] for r in Role}, label=_('Rôle')).classes('w-40')
                role.mark(f'user-new-role-{account.login}')
                where = Select({0: _('toutes les composantes')} | composantes, value=0, label=_('Composante'))
                where.classes('w-48').mark(f'user-new-composante-{account.login}')
                where.bind_visibility_from(role, 'value', lambda value: value in {r.value for r in SCOPED_ROLES})
                ui.button(
                    _('Ajouter le rôle'),
                    icon='add',
                    on_click=lambda a=account, r=role, w=where: add(a, r.value, w.value),
                ).props('flat dense').mark(f'user-add-role-{account.login}')

    async def toggle(account: Account) -> None:
        done = _('Compte désactivé.') if account.active else _('Compte réactivé.')
        if await attempt(lambda: admin_users.set_active(actor, account.id, not account.active), done):
            results.refresh()

    async def remove(grant_id: int) -> None:
        await attempt(lambda: admin_users.remove_role(actor, grant_id), _('Rôle retiré.'))
        results.refresh()

    async def add(account: Account, role: str | None, composante: int | None) -> None:
        if not role:
            ui.notify(_('Choisissez un rôle.'), type='warning')
            return
        if await attempt(lambda: admin_users.add_role(actor, account.id, role, composante or None), _('Rôle ajouté.')):
            results.refresh()

    await results()
