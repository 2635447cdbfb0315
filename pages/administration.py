"""« Administration » (read-only for now): composantes, users and roles, nomenclatures, gratification rates."""

from nicegui import ui

from auth.guard import protected_page
from components.display import field_grid, section_title, simple_table, yes_no
from pages.background import in_thread
from services import admin_queries
from services.actor import Actor
from services.i18n import _
from services.permissions import Action


def _euros(cents: int) -> str:
    return f'{cents / 100:.2f} €'.replace('.', ',')


@protected_page('/administration', title='Administration', needs_any=(Action.ADMINISTER,))
async def administration_page(actor: Actor) -> None:
    composantes = await in_thread(admin_queries.composantes, actor)
    users = await in_thread(admin_queries.users, actor)
    nomenclatures = await in_thread(admin_queries.nomenclature_counts, actor)
    rates = await in_thread(admin_queries.gratification_rates, actor)
    with ui.tabs().classes('w-full') as tabs:
        tab_composantes = ui.tab(_('Composantes')).mark('admin-tab-composantes')
        tab_users = ui.tab(_('Utilisateurs et rôles')).mark('admin-tab-users')
        tab_nomenclatures = ui.tab(_('Nomenclatures')).mark('admin-tab-nomenclatures')
        tab_rates = ui.tab(_('Taux de gratification')).mark('admin-tab-rates')
    with ui.tab_panels(tabs, value=tab_composantes).classes('w-full'):
        with ui.tab_panel(tab_composantes):
            section_title(_('Composantes et leurs réglages'))
            for c in composantes:  # one card each: nine settings do not fit a table's width
                with ui.card().classes('w-full').mark(f'admin-composante admin-composante-{c.code}'):
                    ui.label(f'{c.code} — {c.name}').classes('font-semibold')
                    field_grid(
                        [
                            (_('Circuit de validation'), ' → '.join(_(label) for label in c.validation_circuit)),
                            (_("Changement d'année universitaire"), c.academic_year_switch),
                            (_('Chevauchement de stages autorisé'), yes_no(c.overlap_allowed)),
                            (_('Impression avant validation'), yes_no(c.students_print_before_validation)),
                            (_('Avenants créés par les étudiants'), yes_no(c.students_create_amendments)),
                            (_('Alerte avant le début (jours)'), c.alert_days_before_start),
                            (_('Bureau des stages'), c.internship_office),
                        ]
                    )
        with ui.tab_panel(tab_users):
            section_title(_('{count} compte(s)', count=len(users)))
            table = simple_table(
                [
                    ('login', _('Identifiant')),
                    ('name', _('Nom')),
                    ('email', _('E-mail')),
                    ('roles', _('Rôles')),
                    ('active', _('Actif')),
                ],
                [
                    {
                        'login': u.login,
                        'name': u.display_name,
                        'email': u.email or '',
                        'roles': ', '.join(_(role) for role in u.roles),
                        'active': yes_no(u.active),
                    }
                    for u in users
                ],
                marker='admin-users',
                pagination=25,
            )
            ui.input(_('Filtrer les comptes')).bind_value_to(table, 'filter').props('clearable').classes('w-64')
        with ui.tab_panel(tab_nomenclatures):
            simple_table(
                [('label', _('Liste')), ('active', _('Entrées actives')), ('total', _('Entrées'))],
                [{'label': _(n.label), 'active': n.active, 'total': n.total} for n in nomenclatures],
                marker='admin-nomenclatures',
            )
        with ui.tab_panel(tab_rates):
            simple_table(
                [('year', _('Année')), ('hourly', _('Gratification minimale horaire'))],
                [{'year': r.year, 'hourly': _euros(r.hourly_minimum_cents)} for r in rates],
                marker='admin-rates',
            )
