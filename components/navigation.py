"""The menus of the PStage guide, and who sees each entry (derived from the permission policy)."""

from dataclasses import dataclass

from services.actor import Actor
from services.i18n import N_
from services.permissions import Action, can


@dataclass(frozen=True)
class MenuEntry:
    label: str
    path: str
    icon: str
    needs_any: tuple[Action, ...] = ()

    def visible_to(self, actor: Actor) -> bool:
        return not self.needs_any or any(can(actor, action) for action in self.needs_any)


TOP_MENU = (
    MenuEntry(N_('Accueil'), '/', 'home'),
    MenuEntry(N_("Besoin d'aide ?"), '/aide', 'help_outline'),
)

SIDE_MENU = (
    MenuEntry(N_('Conventions de stage'), '/conventions', 'description'),
    MenuEntry(N_("Etablissements d'accueil"), '/etablissements', 'business', (Action.ORGANISATION_READ,)),
    MenuEntry(N_('Offres'), '/offres', 'work_outline', (Action.OFFER_READ,)),
    MenuEntry(N_('Evaluation des stages'), '/evaluations', 'rate_review'),
    MenuEntry(
        N_('Validation'), '/validation', 'task_alt', (Action.VALIDATE_PEDAGOGICAL, Action.VALIDATE_ADMINISTRATIVE)
    ),
    MenuEntry(N_('Statistiques'), '/statistiques', 'bar_chart', (Action.STATISTICS_VIEW,)),
    MenuEntry(N_('Exports'), '/exports', 'download', (Action.EXPORT,)),
    MenuEntry(N_('Administration'), '/administration', 'settings', (Action.ADMINISTER,)),
)


def side_menu_for(actor: Actor) -> list[MenuEntry]:
    return [entry for entry in SIDE_MENU if entry.visible_to(actor)]


def entry_for(path: str) -> MenuEntry:
    return next(entry for entry in (*TOP_MENU, *SIDE_MENU) if entry.path == path)
