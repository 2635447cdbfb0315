"""Accounts of the browser journeys, added to the demo data: students with no convention yet.

Run by the e2e fixture in the server's database (`python -m tests.e2e.accounts`), after `pstage seed-demo`;
the demo's own `gestionnaire` validates (the students belong to its composante).
"""

import sys

from sqlmodel import col, select

from models import Composante, Convention, ConventionDraft, Role, Student, User
from services import database
from services.accounts import add_user
from services.database import session_scope
from settings import reload_settings

PASSWORD = 'journees-e2e-2026'
STUDENTS = ('e2e-creation', 'e2e-offre', 'e2e-avenant', 'e2e-mobile', 'e2e-english')


def add_accounts() -> None:
    with session_scope() as session:
        composante = session.exec(select(Composante).order_by(col(Composante.id))).first()
        assert composante is not None
        busy = select(Convention.student_id).union(select(ConventionDraft.student_id))
        taken = set(session.exec(select(User.student_id).where(col(User.student_id).is_not(None))).all())
        free = [
            student
            for student in session.exec(
                select(Student)
                .where(Student.composante_id == composante.id, col(Student.id).not_in(busy))
                .order_by(col(Student.id))
            ).all()
            if student.id not in taken
        ]
        for login, student in zip(STUDENTS, free, strict=False):
            add_user(
                session,
                login=login,
                display_name=f'{student.first_name} {student.last_name}',
                password=PASSWORD,
                roles=[(Role.STUDENT, None)],
                email=student.institutional_email,
                student_id=student.id,
            )


if __name__ == '__main__':
    database.configure(reload_settings().database_url)
    add_accounts()
    sys.exit(0)
