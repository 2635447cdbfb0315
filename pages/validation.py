"""« Validation »: conventions of the actor's validation scope, by status (the home counters link here)."""

from nicegui import ui

from auth.guard import protected_page
from components.convention_table import convention_table
from components.display import empty_state
from models import ConventionStatus
from pages.background import in_thread
from services import convention_queries
from services.actor import Actor
from services.i18n import _
from services.labels import CONVENTION_STATUS
from services.permissions import Action


@protected_page(
    '/validation', title='Validation', needs_any=(Action.VALIDATE_PEDAGOGICAL, Action.VALIDATE_ADMINISTRATIVE)
)
async def validation_page(actor: Actor, statut: str | None = None) -> None:
    try:
        status = ConventionStatus(statut) if statut else ConventionStatus.CREATED
    except ValueError:
        status = ConventionStatus.CREATED
        ui.label(_('Statut « {value} » inconnu : voici les conventions en attente.', value=statut)).classes(
            'text-warning'
        ).mark('unknown-status')
    counts = await in_thread(convention_queries.validation_counts, actor)
    with ui.row().classes('gap-2 flex-wrap').props(f'role=navigation aria-label="{_("Filtrer par statut")}"'):
        for candidate, label in CONVENTION_STATUS.items():
            link = ui.link(f'{_(label)} ({counts.get(candidate, 0)})', f'/validation?statut={candidate.value}')
            link.classes('px-3 py-1 rounded-full border no-underline').mark(f'status-filter status-{candidate.value}')
            if candidate is status:
                link.classes('bg-primary text-white').props('aria-current=page')
    conventions = await in_thread(convention_queries.conventions_to_validate, actor, status)
    ui.label(
        _('{count} convention(s) au statut « {status} »', count=len(conventions), status=_(CONVENTION_STATUS[status]))
    ).mark('result-count')
    if conventions:
        convention_table(conventions)
    elif status is ConventionStatus.CREATED:
        empty_state(_('Aucune convention en attente de validation dans votre périmètre : rien à faire pour le moment.'))
    else:
        empty_state(_('Aucune convention à ce statut dans votre périmètre. Choisissez un autre statut ci-dessus.'))
