"""« Administration »: the sections of the application's settings, each on its own page."""

from nicegui import ui

from auth.guard import protected_page
from services.actor import Actor
from services.i18n import _
from services.permissions import Action

ADMIN = '/administration'
SECTIONS = (
    ('composantes', 'Composantes', 'Circuit de validation, année universitaire, droits des étudiants, alertes.',
     'account_balance'),
    ('utilisateurs', 'Utilisateurs et rôles', 'Rechercher un compte, lui donner plusieurs rôles, le désactiver.',
     'group'),
    ('nomenclatures', 'Nomenclatures', 'Activer ou désactiver les entrées des listes (NAF, pays, thématiques…).',
     'list'),
    ('gratification', 'Taux de gratification', 'La gratification minimale horaire de chaque année.', 'euro'),
    ('textes', 'Textes des conventions et aide', 'Les clauses imprimées, par langue, et la page « Besoin d’aide ? ».',
     'article'),
    ('courriels', 'Courriels', 'Envois activés ou non pour chaque événement, file d’envoi.', 'mail'),
    ('modeles-courriels', 'Modèles des e-mails', 'Objet et texte de chaque e-mail, envoi d’essai.', 'edit_note'),
    ('imports', 'Imports', 'Étudiants et enseignants depuis un fichier CSV, avec le rapport des erreurs.',
     'upload_file'),
)  # fmt: skip


def admin_path(section: str) -> str:
    return f'{ADMIN}/{section}'


def back_link() -> None:
    ui.link(_('← Administration'), ADMIN).mark('admin-back')


@protected_page(ADMIN, title='Administration', needs_any=(Action.ADMINISTER,))
def administration_page(actor: Actor) -> None:
    with ui.row().classes('gap-4 items-stretch flex-wrap'):
        for key, title, text, icon in SECTIONS:
            with (
                ui.link(target=admin_path(key)).classes('no-underline text-grey-10'),
                ui.card().classes('w-72 h-full hover:shadow-lg').mark(f'admin-section admin-section-{key}'),
            ):
                with ui.row().classes('items-center gap-2'):
                    ui.icon(icon).classes('text-2xl text-primary')
                    ui.label(_(title)).classes('text-lg font-semibold text-primary')
                ui.label(_(text))
