"""« Besoin d'aide ? »: what to have at hand, the wizard's steps with the guide's names, who to contact."""

from nicegui import ui

from auth.guard import protected_page
from components.display import section_title
from pages.background import in_thread
from services import admin_texts
from services.actor import Actor
from services.i18n import N_, _
from settings import get_settings

AT_HAND = (
    N_('Votre numéro de sécurité sociale et votre caisse d’assurance maladie.'),
    N_(
        "Les coordonnées de l'établissement d'accueil, son numéro SIRET, son code NAF/APE, son effectif "
        'et son statut juridique (à défaut, cherchez « nom de l’entreprise SIRET » sur internet, '
        'ou sur societe.com, infogreffe.com, manageo.fr).'
    ),
    N_('Le nom et les coordonnées de votre tuteur professionnel dans l’établissement d’accueil.'),
    N_('Le nom de la personne signataire de votre convention dans l’établissement d’accueil.'),
    N_(
        'La thématique de votre stage, les dates précises, le nombre de jours de présence et d’heures, '
        'la gratification s’il y a lieu et sa modalité de versement.'
    ),
)

STEPS = (
    (
        N_('Etape 1 : Recherche étudiant'),
        N_('Vérifiez vos informations, votre affiliation sécurité sociale et votre caisse.'),
    ),
    (
        N_("Etape 2 : Recherche de l'établissement"),
        N_('Retrouvez l’établissement par son nom ou son SIRET, ou créez-le.'),
    ),
    (N_("Etape 3 : Service d'accueil / lieu de stage"), N_('Choisissez ou créez le service où se déroule le stage.')),
    (N_('Etape 4 : Tuteur professionnel'), N_('Choisissez ou créez votre tuteur dans l’établissement d’accueil.')),
    (N_('Etape 5 : Contenu du stage'), N_('Sujet, activités, dates, horaires, gratification.')),
    (N_('Etape 6 : Responsable pédagogique'), N_('Recherchez votre enseignant référent par son nom.')),
    (N_('Etape 7 : Signataire'), N_('La personne qui signe pour l’établissement d’accueil.')),
    (
        N_('Etape 8 : Récapitulatif de la convention'),
        N_('Relisez tout, puis cliquez sur « Créer » : un numéro est attribué.'),
    ),
    (N_('Etape 9 : Impression'), N_('Imprimez la convention en 3 exemplaires.')),
    (N_('Etape 10 : Validation de la convention'), N_('Faite par le bureau des stages ou votre enseignant référent.')),
)


@protected_page('/aide', title="Besoin d'aide ?")
async def help_page(actor: Actor) -> None:
    own_text = await in_thread(admin_texts.help_text, actor.language)  # written in Administration → Textes
    if own_text:
        with ui.card().classes('w-full').mark('help-own-text'):
            ui.markdown(own_text)  # sanitised in the browser (DOMPurify)
    with ui.card().classes('w-full').mark('help-at-hand'):
        section_title(_('Avant de commencer, munissez-vous de'))
        with ui.element('ul').classes('list-disc pl-6'):
            for item in AT_HAND:
                with ui.element('li'):
                    ui.label(_(item))
    with ui.card().classes('w-full').mark('help-steps'):
        section_title(_('Les étapes de la convention'))
        with ui.element('ol').classes('pl-0 list-none'):
            for title, text in STEPS:
                with ui.element('li').classes('mb-2'):
                    ui.label(_(title)).classes('font-semibold')
                    ui.label(_(text))
        ui.label(
            _('Une convention non validée se modifie depuis son « Récapitulatif » ; une fois validée, par un avenant.')
        )
    with ui.card().classes('w-full').mark('help-contact'):
        section_title(_('Une question ? Contactez le bureau des stages'))
        ui.label(get_settings().help_contact).mark('help-contact-text')
        ui.link(_('Accéder à mes conventions'), '/conventions')
