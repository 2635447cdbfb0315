"""« Conventions de stage »: the hub, « Visualiser mes conventions de stage », « Rechercher une convention »."""

from nicegui import ui

from auth.guard import protected_page
from components.convention_table import convention_table
from components.display import empty_state
from pages.background import in_thread
from pages.convention_search import SEARCH_PATH
from services import convention_queries
from services.actor import Actor
from services.i18n import _
from services.permissions import Action, can


def _hub_card(title: str, text: str, target: str, icon: str, marker: str) -> None:
    with (
        ui.link(target=target).classes('no-underline text-grey-10'),
        ui.card().classes('w-72 h-full hover:shadow-lg').mark(f'hub-card {marker}'),
    ):
        with ui.row().classes('items-center gap-2'):
            ui.icon(icon).classes('text-2xl text-primary')
            ui.label(title).classes('text-lg font-semibold text-primary')
        ui.label(text)


@protected_page('/conventions', title='Conventions de stage')
def conventions_hub(actor: Actor) -> None:
    shown = False
    with ui.row().classes('gap-4 items-stretch flex-wrap'):
        if can(actor, Action.CONVENTION_CREATE):
            shown = True
            _hub_card(
                _('Créer une nouvelle convention'),
                _('Saisissez votre convention étape par étape ; ce que vous tapez est enregistré à chaque étape.'),
                '/conventions/nouvelle',
                'add_circle',
                'hub-create',
            )
        if actor.student_id is not None:
            _hub_card(
                _('Visualiser mes conventions de stage'),
                _('Retrouvez vos conventions et brouillons, leur statut et leur récapitulatif.'),
                '/conventions/mes',
                'list',
                'hub-mine',
            )
        if can(actor, Action.CONVENTION_SEARCH):
            shown = True
            _hub_card(
                _('Rechercher une convention'),
                _('Par numéro, étudiant, établissement, enseignant, formation, statut ou dates.'),
                SEARCH_PATH,
                'search',
                'hub-search',
            )
    if not shown:
        empty_state(
            _("Aucune action sur les conventions n'est ouverte à votre profil. Contactez le bureau des stages.")
        )


@protected_page('/conventions/mes', title='Mes conventions de stage', needs_any=(Action.CONVENTION_CREATE,))
async def my_conventions_page(actor: Actor) -> None:
    if actor.student_id is None:  # a gestionnaire may create on a student's behalf, but has no conventions himself
        empty_state(_('Cette liste est celle des conventions d’un étudiant : utilisez « Rechercher une convention ».'))
        ui.link(_('Rechercher une convention'), SEARCH_PATH)
        return
    conventions = await in_thread(convention_queries.my_conventions, actor)
    if not conventions:
        empty_state(
            _(
                "Vous n'avez pas encore de convention. Cliquez sur « Créer une nouvelle convention » ; "
                "munissez-vous de votre numéro de sécurité sociale et des coordonnées de l'établissement d'accueil."
            )
        )
        ui.button(
            _('Créer une nouvelle convention'), icon='add', on_click=lambda: ui.navigate.to('/conventions/nouvelle')
        )
        return
    ui.label(_('Cliquez sur « Récapitulatif » pour voir le détail d’une convention.')).classes('text-grey-8')
    convention_table(conventions, show_student=False)
