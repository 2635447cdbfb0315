"""The wizard's pages: « Créer une nouvelle convention » (reminder, then the 8 steps) and « Modifier » a convention.

/conventions/nouvelle[?brouillon=ID][&etudiant=ID][&offre=ID] — a draft resumed, a student chosen by
staff, an offer proposed at step 1. /conventions/{id}/modifier?etape=N — back into the wizard at step N
for a convention not yet validated.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

from nicegui import ui

from auth.guard import protected_page
from components import busy
from pages.wizard.state import Wizard
from pages.wizard.step_content import ContentStep
from pages.wizard.step_host import HostStep
from pages.wizard.step_parties import ReferentStep, SignatoryStep
from pages.wizard.step_recap import RecapStep
from pages.wizard.step_student import StudentStep
from pages.wizard.step_units import ServiceStep, TutorStep
from pages.wizard.student_picker import student_picker
from services import drafts, organisations, wizard_lookup
from services.actor import Actor
from services.drafts import DraftView, WizardError
from services.i18n import N_, _
from services.permissions import Action, PermissionDenied
from services.rules.catalog import LAST_STEP, STEPS

SECTIONS = (StudentStep, HostStep, ServiceStep, TutorStep, ContentStep, ReferentStep, SignatoryStep, RecapStep)
REMINDER = (
    N_('Votre numéro de sécurité sociale et votre caisse d’assurance maladie.'),
    N_(
        "Les coordonnées de l'établissement d'accueil, son numéro SIRET, son code NAF/APE, son effectif et son "
        'statut juridique (sur societe.com, infogreffe.com… ou en cherchant « nom de l’entreprise SIRET »).'
    ),
    N_('Le nom et les coordonnées de votre tuteur professionnel dans l’établissement d’accueil.'),
    N_('Le nom de la personne qui signera votre convention dans l’établissement d’accueil.'),
    N_(
        'La thématique de votre stage, ses dates précises, le nombre de jours de présence et d’heures, '
        'la gratification s’il y a lieu et sa modalité de versement.'
    ),
)


@dataclass(frozen=True)
class Opened:
    draft: DraftView
    choices: organisations.OrganisationChoices
    content: wizard_lookup.ContentChoices


def _draft_and_lists(actor: Actor, start: Callable[[], DraftView]) -> Opened:
    return Opened(start(), organisations.organisation_choices(actor), wizard_lookup.content_choices(actor))


async def open_draft(actor: Actor, start: Callable[[], DraftView]) -> Opened:
    """The draft `start` returns (started, resumed, or taken from a convention) and the wizard's lists, in one trip to
    a worker thread (each trip waits its turn in the pool). Raises what `start` raises (WizardError…)."""
    return await busy.in_thread(_draft_and_lists, actor, start)


async def open_wizard(actor: Actor, opened: Opened, *, step: int, offer_id: int | None = None) -> Wizard:
    draft = opened.draft
    wizard = Wizard(actor, draft, opened.choices, opened.content)
    wizard.offer_id = offer_id
    with wizard.root:
        if draft.convention_number:
            ui.label(_('Modification de la convention n° {number}', number=draft.convention_number)).classes(
                'text-lg font-medium'
            ).mark('wizard-editing')
        if actor.student_id != draft.student_id:
            on_behalf = _(
                'Convention de {name} (n° étudiant {number})', name=draft.student_name, number=draft.student_number
            )
            ui.label(on_behalf).classes('text-lg font-medium').mark('wizard-on-behalf')
        stepper = ui.stepper(value=str(min(max(step, 1), LAST_STEP)), on_value_change=wizard.draw_current)
        with stepper.props('vertical header-nav animated').classes('w-full').mark('wizard'):
            wizard.stepper = stepper
            for (number, title), section in zip(STEPS, SECTIONS, strict=True):
                with ui.step(str(number), title=_(title)).mark(f'wizard-step wizard-step-{number}') as element:
                    wizard.steps[number] = element
                    section(wizard)
    await wizard.move_on(step)
    return wizard


def show_problem(message: str, *, link: tuple[str, str] | None = None) -> None:
    with ui.card().classes('w-full').mark('wizard-problem'):
        ui.label(message).classes('text-negative').mark('wizard-problem-message')
        if link:
            ui.link(link[0], link[1])


def reminder(on_start: Callable[[], Awaitable[None]]) -> None:
    with ui.card().classes('w-full').mark('wizard-reminder'):
        ui.label(_('Afin de renseigner la convention de stage, munissez-vous des informations suivantes :')).classes(
            'font-medium'
        )
        with ui.element('ul').classes('list-disc pl-6'):
            for item in REMINDER:
                with ui.element('li').classes('py-1'):
                    ui.label(_(item))
        ui.button(_('Créer une nouvelle convention'), icon='add', on_click=on_start).mark('wizard-start')


@protected_page('/conventions/nouvelle', title='Créer une nouvelle convention', needs_any=(Action.CONVENTION_CREATE,))
async def new_convention_page(
    actor: Actor, brouillon: int | None = None, etudiant: int | None = None, offre: int | None = None
) -> None:
    if brouillon is not None:
        try:
            opened = await open_draft(actor, partial(drafts.start_or_resume, actor, draft_id=brouillon))
        except WizardError as missing:
            show_problem(str(missing), link=(_('Créer une nouvelle convention'), '/conventions/nouvelle'))
            return
        await open_wizard(actor, opened, step=opened.draft.step, offer_id=offre)
        return
    if etudiant is None and actor.student_id is None:
        student_picker(actor)
        return
    holder = ui.column().classes('w-full')

    async def start() -> None:
        try:
            opened = await open_draft(actor, partial(drafts.start_or_resume, actor, student_id=etudiant))
        except (WizardError, PermissionDenied) as refused:
            ui.notify(str(refused), type='negative', multi_line=True)
            return
        holder.clear()
        with holder:
            if opened.draft.step > 1:
                ui.label(_('Votre saisie en cours a été reprise là où vous l’aviez laissée.')).mark('draft-resumed')
            await open_wizard(actor, opened, step=opened.draft.step, offer_id=offre)

    with holder:
        reminder(start)


@protected_page(
    '/conventions/{convention_id:int}/modifier', title='Modifier la convention', needs_any=(Action.CONVENTION_UPDATE,)
)
async def edit_convention_page(actor: Actor, convention_id: int, etape: int = 1) -> None:
    try:
        opened = await open_draft(actor, partial(drafts.edit_convention, actor, convention_id))
    except WizardError as refused:
        show_problem(str(refused), link=(_('Revenir au récapitulatif'), f'/conventions/{convention_id}'))
        return
    await open_wizard(actor, opened, step=etape)
