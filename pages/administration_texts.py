"""Administration → « Textes des conventions et aide »: the printed clauses per language, the help page's text."""

from nicegui import ui

from auth.guard import protected_page
from components.display import section_title
from pages.administration import admin_path, back_link
from pages.background import in_thread
from pdf.formatting import LANGUAGES
from services import admin_texts, clauses
from services.actor import Actor
from services.clauses import Clause
from services.i18n import _
from services.permissions import Action

PATH = admin_path('textes')
LANGUAGE_NAMES = {'fr': 'français', 'en': 'anglais', 'de': 'allemand', 'es': 'espagnol'}
CLAUSE_TITLES = {
    'social_protection': 'Régime de protection sociale',
    'abroad_cover': 'Protection sociale pour un stage à l’étranger',
    'civil_liability': 'Responsabilité civile et assurances',
    'internal_rules': 'Discipline et règlement intérieur',
    'absences': 'Congés et autorisations d’absence',
    'termination': 'Suspension et résiliation du stage',
    'interrupted_validation': 'Validation du stage en cas d’interruption',
    'confidentiality': 'Devoir de réserve et confidentialité',
    'attestation': 'Fin de stage : attestation et évaluation',
    'applicable_law': 'Droit applicable',
    'abroad_annex': 'Annexe : fiche d’information pays',
    'pension_quarters': 'Attestation : trimestres de retraite',
}


def _clause_card(actor: Actor, clause: Clause) -> None:
    marker = f'clause-{clause.key}'
    with ui.card().classes('w-full').mark(marker):
        with ui.row().classes('items-center gap-2'):
            ui.label(_(CLAUSE_TITLES.get(clause.key, clause.key))).classes('font-semibold')
            state = ui.label(_('modifiée') if clause.edited else _('texte par défaut')).classes('text-sm text-grey-8')
        text = ui.textarea(value=clause.text).props('outlined autogrow').classes('w-full').mark(f'{marker}-text')

        async def save() -> None:
            try:
                await in_thread(clauses.update_clause, actor, clause.key, clause.language, text.value or '')
            except ValueError as refused:
                ui.notify(str(refused), type='warning')
                return
            state.text = _('modifiée')
            ui.notify(_('Clause enregistrée : les prochaines impressions l’utilisent.'), type='positive')

        async def reset() -> None:
            back = await in_thread(clauses.reset_clause, actor, clause.key, clause.language)
            text.value, state.text = back.text, _('texte par défaut')
            ui.notify(_('Texte par défaut rétabli.'), type='positive')

        with ui.row().classes('gap-2'):
            ui.button(_('Enregistrer'), icon='save', on_click=save).props('dense').mark(f'{marker}-save')
            ui.button(_('Texte par défaut'), icon='restore', on_click=reset).props('flat dense').mark(f'{marker}-reset')


@protected_page(PATH, title='Textes des conventions et aide', needs_any=(Action.ADMINISTER,))
async def texts_page(actor: Actor, langue: str = 'fr') -> None:
    back_link()
    language = langue if langue in LANGUAGES else 'fr'
    with ui.card().classes('w-full').mark('help-text-card'):
        section_title(_("Page « Besoin d'aide ? »"))
        ui.label(
            _(
                'Ce texte (au format Markdown : titres « ## », listes « - », liens) s’affiche en tête de la page '
                'd’aide, avant les étapes de la convention. Laissez-le vide pour ne rien ajouter.'
            )
        ).classes('text-sm text-grey-8')
        current = await in_thread(admin_texts.help_text, 'fr')
        help_text = ui.textarea(value=current).props('outlined autogrow').classes('w-full').mark('help-text')

        async def save_help() -> None:
            try:
                await in_thread(admin_texts.set_help_text, actor, help_text.value or '', 'fr')
            except ValueError as refused:
                ui.notify(str(refused), type='warning')
                return
            ui.notify(_("Texte de la page d'aide enregistré."), type='positive')

        ui.button(_('Enregistrer'), icon='save', on_click=save_help).mark('help-text-save')
    section_title(_('Clauses imprimées sur les conventions'))
    with ui.row().classes('gap-2').props('role=navigation aria-label="Langue des clauses"'):
        for code in LANGUAGES:
            link = ui.link(_(LANGUAGE_NAMES[code]), f'{PATH}?langue={code}').mark(f'clause-language-{code}')
            link.classes('px-3 py-1 rounded-full border no-underline')
            if code == language:
                link.classes('bg-primary text-white').props('aria-current=page')
    for clause in await in_thread(clauses.list_clauses, actor, language):
        _clause_card(actor, clause)
