"""« Accueil »: the student's conventions and what to do next; staff's counters of what waits for them."""

from nicegui import ui

from auth.guard import protected_page
from components.convention_table import convention_table
from models import ConventionStatus, Role
from pages.background import in_thread
from services import convention_queries, staff_counters
from services.actor import Actor
from services.i18n import _
from services.labels import CONVENTION_STATUS


@protected_page('/', title='Accueil')
async def home_page(actor: Actor) -> None:
    ui.label(_('Bonjour {name}.', name=actor.display_name)).mark('greeting')
    if actor.has(Role.STUDENT):
        await student_home(actor)
    if actor.roles & {Role.TEACHER, Role.MANAGER, Role.ADMIN}:
        await to_do(actor)
        await staff_home(actor)


async def student_home(actor: Actor) -> None:
    conventions = await in_thread(convention_queries.my_conventions, actor)
    with ui.row().classes('gap-2'):
        ui.button(
            _('Créer une nouvelle convention'), icon='add', on_click=lambda: ui.navigate.to('/conventions/nouvelle')
        )
        ui.button(
            _('Visualiser mes conventions de stage'), icon='list', on_click=lambda: ui.navigate.to('/conventions/mes')
        ).props('outline')
    if not conventions:
        ui.label(
            _(
                "Vous n'avez pas encore de convention. Commencez par « Créer une nouvelle convention » ; "
                "munissez-vous de votre numéro de sécurité sociale et des coordonnées de l'établissement d'accueil."
            )
        ).mark('empty-state')
        return
    ui.label(_('Mes conventions de stage')).classes('text-lg font-semibold')
    convention_table(conventions, show_student=False)


async def to_do(actor: Actor) -> None:
    """« À faire »: what waits on this person, each counter opening the matching search."""
    counters = await in_thread(staff_counters.staff_counters, actor)
    if not counters:
        return
    ui.label(_('À faire')).classes('text-lg font-semibold').props('role=heading aria-level=2')
    with ui.row().classes('gap-4 flex-wrap items-stretch').mark('to-do'):
        for counter in counters:
            with ui.card().classes('w-60').mark(f'to-do-{counter.key}'):
                with ui.link(target=counter.link).classes('no-underline').mark(f'to-do-link-{counter.key}'):
                    ui.label(str(counter.count)).classes(
                        'text-3xl font-bold ' + ('text-negative' if counter.count else 'text-positive')
                    ).mark(f'to-do-count-{counter.key}')
                    ui.label(counter.label).classes('text-grey-10')
                for label, link in counter.items:
                    ui.link(label, link).classes('text-sm')


async def staff_home(actor: Actor) -> None:
    counts = await in_thread(convention_queries.count_by_status, actor)
    ui.label(_('Conventions de votre périmètre')).classes('text-lg font-semibold')
    with ui.row().classes('gap-4 flex-wrap'):
        for status in ConventionStatus:
            with (
                ui.link(target=f'/validation?statut={status.value}').classes('no-underline'),
                ui.card().classes('w-44 items-center').mark(f'counter counter-{status.value}'),
            ):
                ui.label(str(counts.get(status, 0))).classes('text-3xl font-bold text-primary')
                ui.label(_(CONVENTION_STATUS[status]))
