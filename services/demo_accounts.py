"""The demo accounts: one per role, shown on the login page in demo mode only."""

from dataclasses import dataclass

from models import Role

DEMO_PASSWORD = 'pstage-demo'


@dataclass(frozen=True)
class DemoAccount:
    login: str
    role: Role
    description: str


DEMO_ACCOUNTS = (
    DemoAccount('etudiant', Role.STUDENT, 'étudiant·e, avec des conventions à plusieurs stades'),
    DemoAccount('enseignant', Role.TEACHER, 'enseignant·e référent·e'),
    DemoAccount('gestionnaire', Role.MANAGER, 'bureau des stages de la première composante'),
    DemoAccount('admin', Role.ADMIN, "administrateur·rice de l'application"),
)
