"""The demo accounts: one per role, shown on the login page in demo mode only."""

from dataclasses import dataclass

from models import Role
from services.i18n import N_

DEMO_PASSWORD = 'pstage-demo'


@dataclass(frozen=True)
class DemoAccount:
    login: str
    role: Role
    description: str


DEMO_ACCOUNTS = (
    DemoAccount('etudiant', Role.STUDENT, N_('étudiant·e, avec des conventions à plusieurs stades')),
    DemoAccount('enseignant', Role.TEACHER, N_('enseignant·e référent·e')),
    DemoAccount('gestionnaire', Role.MANAGER, N_('bureau des stages de la première composante')),
    DemoAccount('admin', Role.ADMIN, N_("administrateur·rice de l'application")),
)
