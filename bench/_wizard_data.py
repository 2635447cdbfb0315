"""Data of demo size for bench/wizard.py when `services.demo` is not available: hosts, students, teachers."""

from datetime import date

from faker import Faker

from models import Composante, Contact, Formation, Organisation, OrganisationType, Service, Sex, Student, Teacher
from services.accounts import add_user
from services.database import session_scope

STUDENTS, TEACHERS, HOSTS = 500, 150, 2000


def generate() -> str:
    fake = Faker('fr_FR')
    Faker.seed(11)
    with session_scope() as session:
        composante = Composante(code='UFR-ST', name='UFR Sciences et Techniques', representative_name='Claire Martin')
        session.add(composante)
        session.flush()
        assert composante.id is not None
        formation = Formation(
            composante_id=composante.id,
            code='LINF',
            label='Licence Informatique',
            diploma='Licence',
            etape_code='LINF3',
            etape_label='Licence 3 Informatique',
            yearly_hours=520,
        )
        session.add(formation)
        session.flush()
        session.add_all(
            Student(
                student_number=f'B{index:07d}',
                last_name=fake.last_name(),
                first_name=fake.first_name(),
                birth_date=date(2004, 1, 1),
                sex=Sex.FEMALE,
                institutional_email=f'e{index}@etu.example',
                composante_id=composante.id,
                formation_id=formation.id,
                academic_year='2026-2027',
            )
            for index in range(STUDENTS)
        )
        session.add_all(
            Teacher(last_name=fake.last_name(), first_name=fake.first_name(), email=f't{index}@univ.example')
            for index in range(TEACHERS)
        )
        for index in range(HOSTS):
            host = Organisation(
                name=fake.company(),
                siret=f'{index:014d}',
                kind=OrganisationType.PRIVATE_COMPANY,
                address=fake.street_address(),
                postal_code='21000',
                city='Dijon',
            )
            session.add(host)
            session.flush()
            assert host.id is not None
            service = Service(organisation_id=host.id, name='Direction')
            session.add(service)
            session.flush()
            session.add_all(
                Contact(
                    organisation_id=host.id,
                    service_id=service.id,
                    last_name=fake.last_name(),
                    first_name=fake.first_name(),
                    function='Responsable',
                    phone='0380000000',
                    email=f'c{index}@h.example',
                )
                for _ in range(2)
            )
        add_user(session, login='bench', display_name='Bench', password=None, roles=[])
    return f'generated: {STUDENTS} students, {TEACHERS} teachers, {HOSTS} hosts'
