"""« Conventions de stage »: the hub, « Visualiser mes conventions de stage », « Rechercher une convention »."""

from urllib.parse import urlencode

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
from services.permissions import Action, can

SEARCH_PATH = '/conventions/recherche'


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
                _('Par numéro, nom de l’étudiant ou statut, parmi les conventions de votre périmètre.'),
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


def _status_or_none(value: str | None) -> ConventionStatus | None:
    try:
        return ConventionStatus(value) if value else None
    except ValueError:
        return None


@protected_page(SEARCH_PATH, title='Rechercher une convention', needs_any=(Action.CONVENTION_SEARCH,))
async def convention_search_page(actor: Actor, numero: str = '', etudiant: str = '', statut: str | None = None) -> None:
    """The criteria live in the URL, so a search can be bookmarked or sent to a colleague."""
    status = _status_or_none(statut)
    with ui.card().classes('w-full'), ui.row().classes('items-end gap-3 flex-wrap w-full'):
        number_input = ui.input(_('N° de convention'), value=numero).mark('search-number').props('clearable')
        student_input = ui.input(_("Nom de l'étudiant"), value=etudiant).mark('search-student').props('clearable')
        status_select = (
            ui.select(
                {'': _('Tous les statuts')} | {s.value: _(label) for s, label in CONVENTION_STATUS.items()},
                value=status.value if status else '',
                label=_('Statut'),
            )
            .classes('w-48')
            .mark('search-status')
        )

        def search() -> None:
            criteria = {
                'numero': (number_input.value or '').strip(),
                'etudiant': (student_input.value or '').strip(),
                'statut': status_select.value or '',
            }
            ui.navigate.to(f'{SEARCH_PATH}?{urlencode({k: v for k, v in criteria.items() if v})}')

        number_input.on('keydown.enter', search)
        student_input.on('keydown.enter', search)
        ui.button(_('Rechercher'), icon='search', on_click=search).mark('search-submit')
    results = await in_thread(
        lambda: convention_queries.search_conventions(actor, number=numero, student_name=etudiant, status=status)
    )
    ui.label(_('{count} convention(s) trouvée(s)', count=len(results))).mark('result-count')
    if results:
        convention_table(results)
    else:
        empty_state(_('Aucune convention ne correspond. Vérifiez le numéro, ou élargissez la recherche (statut, nom).'))
