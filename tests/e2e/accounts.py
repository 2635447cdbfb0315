"""Accounts of the browser journeys, added to the demo data: students with no convention yet, and one
whose convention waits for validation (the validation and avenant journey starts from it).

Run by the e2e fixture in the server's database (`python -m tests.e2e.accounts`), after `pstage seed-demo`;
the demo's own `gestionnaire` validates (the students belong to its composante).
"""

import sys

from sqlmodel import col, select

from models import (
    Composante,
    Contact,
    Convention,
    ConventionDraft,
    Organisation,
    OrganisationType,
    Role,
    Service,
    Student,
    Teacher,
    User,
)
from services import conventions, database, drafts
from services.accounts import add_user
from services.database import session_scope
from services.people import load_actor
from settings import reload_settings
from tests.factories import known_id
from tests.wizard_fill import CONTENT, STUDENT

PASSWORD = 'journees-e2e-2026'
STUDENTS = ('e2e-creation', 'e2e-offre', 'e2e-avenant', 'e2e-mobile', 'e2e-english')
WITH_CONVENTION = 'e2e-avenant'
HOST = 'Imprimerie Beaulieu'


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


def add_convention(login: str) -> str:
    """A convention created through the wizard's service for `login`, with a host of its own; its number."""
    with session_scope() as session:
        user = session.exec(select(User).where(User.login == login)).one()
        composante_id = session.exec(select(Student.composante_id).where(Student.id == user.student_id)).one()
        referent = session.exec(
            select(Teacher).where(Teacher.composante_id == composante_id).order_by(col(Teacher.id))
        ).first()
        host = Organisation(
            name=HOST,
            siret='73282932000074',
            kind=OrganisationType.PRIVATE_COMPANY,
            naf_code='18.12Z',
            legal_category='5499',
            address='3 rue des Presses',
            postal_code='21000',
            city='Dijon',
            country_code='FR',
        )
        session.add(host)
        session.flush()
        host_id = known_id(host.id)
        service = Service(organisation_id=host_id, name='Atelier PAO')
        session.add(service)
        session.flush()
        tutor, signatory = (
            Contact(organisation_id=host_id, service_id=service.id, last_name=last, first_name=first,
                    function=function, phone='03 80 00 00 11', email=f'{first.lower()}@beaulieu.example')
            for last, first, function in (('Marchand', 'Léa', 'Infographiste'), ('Beaulieu', 'Marc', 'Gérant'))
        )  # fmt: skip
        session.add_all([tutor, signatory])
        session.flush()
        user_id = known_id(user.id)
        ids = (
            host_id,
            known_id(service.id),
            known_id(tutor.id),
            known_id(signatory.id),
            referent.id if referent else None,
        )
    actor = load_actor(user_id)
    assert actor is not None
    organisation_id, service_id, tutor_id, signatory_id, referent_id = ids
    draft = drafts.start_or_resume(actor)
    content = {**CONTENT, 'start_date': '2027-04-05', 'end_date': '2027-04-30', 'subject': 'Mise en page du catalogue'}
    for step, values in (
        (1, STUDENT),
        (2, {'organisation_id': organisation_id}),
        (3, {'service_id': service_id}),
        (4, {'tutor_id': tutor_id}),
        (5, content),
        (6, {'referent_id': referent_id}),
        (7, {'signatory_id': signatory_id}),
        (8, {}),
    ):
        result = drafts.save_step(actor, draft.id, step, values)
        assert result.ok or step < 8, result.errors
    return conventions.create_from_draft(actor, draft.id).number


if __name__ == '__main__':
    database.configure(reload_settings().database_url)
    add_accounts()
    add_convention(WITH_CONVENTION)
    sys.exit(0)
