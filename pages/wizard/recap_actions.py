"""On a convention's « Récapitulatif »: « Modifier » per group and « Supprimer » while it is not validated;
once validated, the sentence saying that changes go through an avenant."""

from nicegui import ui

from components.convention_recap import SectionActions
from pages.wizard.deletion import confirm_deletion
from services.actor import Actor
from services.i18n import _
from services.wizard_lookup import Modification

# The recap's groups and the wizard step that edits each.
GROUP_STEPS = {
    'etudiant': 1,
    'etablissement': 2,
    'service': 3,
    'tuteur': 4,
    'contenu': 5,
    'enseignant': 6,
    'signataire': 7,
}


def edit_links(convention_id: int, status: Modification) -> SectionActions | None:
    """The per-group « Modifier » links (None when the convention cannot be modified: `status` says why)."""
    if not status.allowed:
        return None

    def section_actions(key: str) -> None:
        if key in GROUP_STEPS:
            ui.link(_('Modifier'), f'/conventions/{convention_id}/modifier?etape={GROUP_STEPS[key]}').mark(
                f'recap-modify recap-modify-{key}'
            )

    return section_actions


def edit_buttons(actor: Actor, convention_id: int, number: str, status: Modification) -> None:
    """Inside the recap's actions row."""
    if not status.allowed:
        if status.reason:
            ui.label(status.reason).classes('text-grey-8').mark('recap-locked')
        return
    ui.button(
        _('Modifier'), icon='edit', on_click=lambda: ui.navigate.to(f'/conventions/{convention_id}/modifier?etape=8')
    ).props('outline').mark('recap-modify-all')
    ui.button(_('Supprimer'), icon='delete', on_click=lambda: confirm_deletion(actor, convention_id, number)).props(
        'outline color=negative'
    ).mark('recap-delete')
