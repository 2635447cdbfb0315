"""A small, fixed world for tests: one of each kind of person, a host, and a convention per status."""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from models import (
    Composante,
    Contact,
    Convention,
    ConventionStatus,
    Formation,
    InternshipType,
    Organisation,
    OrganisationType,
    Role,
    Service,
    Sex,
    Student,
    Teacher,
    WorkingTime,
)
from services.accounts import add_user
from services.numbering import convention_number

PASSWORD = 'mot-de-passe-de-test'


@dataclass
class World:
    composante_id: int = 0
    other_composante_id: int = 0
    formation_id: int = 0
    student_ids: dict[str, int] = field(default_factory=dict)
    teacher_ids: dict[str, int] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)
    organisation_id: int = 0
    service_id: int = 0
    tutor_id: int = 0
    signatory_id: int = 0
    convention_ids: dict[str, int] = field(default_factory=dict)


def known_id(value: int | None) -> int:
    assert value is not None
    return value


def build_world(session: Session) -> World:
    world = World()
    sciences = Composante(code='UFR-ST', name='UFR Sciences et Techniques', representative_name='Claire Martin')
    lettres = Composante(code='UFR-LSH', name='UFR Lettres et Sciences humaines', representative_name='Paul Durand')
    session.add_all([sciences, lettres])
    session.flush()
    world.composante_id, world.other_composante_id = known_id(sciences.id), known_id(lettres.id)
    formation = Formation(
        composante_id=world.composante_id,
        code='LINF',
        label='Licence Informatique',
        diploma='Licence',
        etape_code='LINF3',
        etape_label='Licence 3 Informatique',
        yearly_hours=520,
    )
    session.add(formation)
    session.flush()
    world.formation_id = known_id(formation.id)

    for key, (last, first, composante) in {
        'alice': ('Bénard', 'Alice', world.composante_id),
        'bob': ('Moreau', 'Bob', world.composante_id),
        'chloe': ('Lefèvre', 'Chloé', world.other_composante_id),
    }.items():
        student = Student(
            student_number=f'2026{len(world.student_ids) + 1:04d}',
            last_name=last,
            first_name=first,
            birth_date=date(2004, 3, 14),
            sex=Sex.FEMALE,
            institutional_email=f'{key}@etu.universite.example',
            composante_id=composante,
            formation_id=world.formation_id,
            academic_year='2026-2027',
        )
        session.add(student)
        session.flush()
        world.student_ids[key] = known_id(student.id)

    for key, (last, first) in {'dupont': ('Dupont', 'Jeanne'), 'roux': ('Roux', 'Marc')}.items():
        teacher = Teacher(
            last_name=last, first_name=first, email=f'{key}@universite.example', composante_id=world.composante_id
        )
        session.add(teacher)
        session.flush()
        world.teacher_ids[key] = known_id(teacher.id)

    accounts: dict[str, tuple[str, list[tuple[Role, int | None]], dict[str, int]]] = {
        'alice': ('Alice Bénard', [(Role.STUDENT, None)], {'student_id': world.student_ids['alice']}),
        'bob': ('Bob Moreau', [(Role.STUDENT, None)], {'student_id': world.student_ids['bob']}),
        'chloe': ('Chloé Lefèvre', [(Role.STUDENT, None)], {'student_id': world.student_ids['chloe']}),
        'dupont': ('Jeanne Dupont', [(Role.TEACHER, world.composante_id)], {'teacher_id': world.teacher_ids['dupont']}),
        'roux': ('Marc Roux', [(Role.TEACHER, world.composante_id)], {'teacher_id': world.teacher_ids['roux']}),
        'gestion': ('Sophie Gestion', [(Role.MANAGER, world.composante_id)], {}),
        'admin': ('Admin PStage', [(Role.ADMIN, None)], {}),
    }
    for login, (name, roles, links) in accounts.items():
        world.user_ids[login] = known_id(
            add_user(
                session,
                login=login,
                display_name=name,
                password=PASSWORD,
                roles=roles,
                student_id=links.get('student_id'),
                teacher_id=links.get('teacher_id'),
            ).id
        )

    host = Organisation(
        name='Garage Dupont et Fils',
        siret='73282932000074',
        naf_code='45.20A',
        legal_category='5710',
        headcount_range='11',
        kind=OrganisationType.PRIVATE_COMPANY,
        address='12 rue des Tanneries',
        postal_code='21000',
        city='Dijon',
        departement_code='21',
    )
    session.add(host)
    session.flush()
    world.organisation_id = known_id(host.id)
    service = Service(organisation_id=world.organisation_id, name='Atelier mécanique')
    session.add(service)
    session.flush()
    world.service_id = known_id(service.id)
    tutor = Contact(
        organisation_id=world.organisation_id,
        service_id=world.service_id,
        last_name='Garnier',
        first_name='Luc',
        function="Chef d'atelier",
        phone='03 80 00 00 01',
        email='luc@garage.example',
    )
    signatory = Contact(
        organisation_id=world.organisation_id,
        last_name='Dupont',
        first_name='Henri',
        function='Gérant',
        phone='03 80 00 00 02',
        email='henri@garage.example',
    )
    session.add_all([tutor, signatory])
    session.flush()
    world.tutor_id, world.signatory_id = known_id(tutor.id), known_id(signatory.id)

    for key, student_key, status in [
        ('alice_created', 'alice', ConventionStatus.CREATED),
        ('alice_validated', 'alice', ConventionStatus.VALIDATED),
        ('bob_created', 'bob', ConventionStatus.CREATED),
    ]:
        # Numbered by the real counter (2026-000001…), so conventions created by tests follow on.
        number = convention_number(session, 2026)
        convention = make_convention(world, number=number, student_key=student_key, status=status)
        session.add(convention)
        session.flush()
        world.convention_ids[key] = known_id(convention.id)
    return world


def make_convention(world: World, *, number: str, student_key: str, status: ConventionStatus) -> Convention:
    return Convention(
        number=number,
        status=status,
        academic_year='2026-2027',
        composante_id=world.composante_id,
        student_id=world.student_ids[student_key],
        formation_id=world.formation_id,
        formation_label='Licence Informatique',
        etape_label='Licence 3 Informatique',
        formation_yearly_hours=520,
        student_email=f'{student_key}@etu.universite.example',
        health_insurance_fund='CPAM de la Côte-d’Or',
        organisation_id=world.organisation_id,
        service_id=world.service_id,
        tutor_id=world.tutor_id,
        referent_id=world.teacher_ids['dupont'],
        signatory_id=world.signatory_id,
        internship_type=InternshipType.MANDATORY,
        thematique_code='INF',
        subject='Diagnostic électronique des véhicules',
        activities='Lecture des codes défaut, rédaction de fiches',
        competences='Méthode de diagnostic, communication client',
        supervision="Point hebdomadaire avec le tuteur, visite de l'enseignant",
        start_date=date(2027, 4, 6),
        end_date=date(2027, 5, 28),
        working_time=WorkingTime.FULL_TIME,
        hours_per_week=35,
        days_per_week=5,
        effective_hours=280,
        effective_days=40,
    )
