"""The university side of the demo: composantes, their formations, students and teachers."""

from datetime import date, timedelta

from stdnum.fr import nir

from models import Composante, Formation, Sex, Student, Teacher
from services.demo.catalogue import COMPOSANTES, ComposanteSpec, FormationSpec
from services.demo.context import CURRENT_YEAR, DEMO_TODAY, UNIVERSITY_DOMAIN, DemoContext, ident
from services.demo.places import landline, person_email, pick_commune

ACADEMIC_YEAR = f'{CURRENT_YEAR}-{CURRENT_YEAR + 1}'
STUDENT_DOMAIN = f'etu.{UNIVERSITY_DOMAIN}'
# Typical age at each étape; a few students are older (resumed studies, reorientation).
_USUAL_AGE = {'BAC2': 19, 'BAC3': 20, 'BAC4': 21, 'BAC5': 22}
_AGE_GAP = (0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 5, 8)


def create_university(ctx: DemoContext) -> None:
    for spec in COMPOSANTES:
        ctx.composantes.append(
            Composante(
                code=spec.code,
                name=spec.name,
                address=spec.address,
                internship_office_email=spec.email,
                internship_office_phone=spec.phone,
                representative_name=spec.representative_name,
                representative_function=spec.representative_function,
                validation_circuit=spec.validation_circuit,
            )
        )
    ctx.session.add_all(ctx.composantes)
    ctx.session.flush()

    by_composante: dict[int, list[Formation]] = {}
    for spec, composante in zip(COMPOSANTES, ctx.composantes, strict=True):
        rows = [_formation(ident(composante.id), f) for f in spec.formations]
        ctx.session.add_all(rows)
        by_composante[ident(composante.id)] = rows
    ctx.session.flush()
    for spec, composante in zip(COMPOSANTES, ctx.composantes, strict=True):
        for formation_spec, formation in zip(spec.formations, by_composante[ident(composante.id)], strict=True):
            ctx.formations[ident(formation.id)] = formation
            ctx.formation_specs[ident(formation.id)] = formation_spec

    used_numbers = ctx.rng.sample(range(20_000_000, 29_999_999), sum(s.students for s in COMPOSANTES))
    used_emails: set[str] = set()
    for spec, composante in zip(COMPOSANTES, ctx.composantes, strict=True):
        formations = by_composante[ident(composante.id)]
        students = [
            _student(ctx, composante, ctx.rng.choice(formations), str(used_numbers.pop()), used_emails)
            for _ in range(spec.students)
        ]
        teachers = [_teacher(ctx, spec, composante, used_emails) for _ in range(spec.teachers)]
        ctx.session.add_all(students)
        ctx.session.add_all(teachers)
        ctx.students[ident(composante.id)] = students
        ctx.teachers[ident(composante.id)] = teachers
    ctx.session.flush()


def _formation(composante_id: int, spec: FormationSpec) -> Formation:
    return Formation(
        composante_id=composante_id,
        code=spec.code,
        label=spec.label,
        diploma=spec.diploma,
        etape_code=spec.etape_code,
        etape_label=spec.etape_label,
        yearly_hours=spec.yearly_hours,
    )


def _unique_email(first: str, last: str, domain: str, used: set[str]) -> str:
    email, n = person_email(first, last, domain), 1
    while email in used:
        n += 1
        email = person_email(first, last, domain, suffix=str(n))
    used.add(email)
    return email


def _birth_date(ctx: DemoContext, study_level: str) -> date:
    age = min(30, max(18, _USUAL_AGE[study_level] + ctx.rng.choice(_AGE_GAP)))
    latest = DEMO_TODAY.replace(year=DEMO_TODAY.year - age)  # turns `age` today
    return latest - timedelta(days=ctx.rng.randint(0, 364))


def _student(
    ctx: DemoContext, composante: Composante, formation: Formation, number: str, used_emails: set[str]
) -> Student:
    fake, rng = ctx.fake, ctx.rng
    sex = rng.choices((Sex.FEMALE, Sex.MALE, Sex.OTHER), weights=(50, 49, 1))[0]
    first = fake.first_name_female() if sex == Sex.FEMALE else fake.first_name_male()
    last = fake.last_name()
    commune = pick_commune(rng, local_share=0.8)
    return Student(
        student_number=number,
        last_name=last,
        first_name=first,
        birth_date=_birth_date(ctx, ctx.formation_specs[ident(formation.id)].study_level),
        sex=sex,
        institutional_email=_unique_email(first, last, STUDENT_DOMAIN, used_emails),
        personal_email=person_email(first, last, 'courriel.example', str(rng.randint(1, 99)))
        if rng.random() < 0.6
        else None,
        phone=landline(rng, commune.departement),
        address=fake.street_address(),
        postal_code=commune.postal_code,
        city=commune.name,
        composante_id=ident(composante.id),
        formation_id=ident(formation.id),
        academic_year=ACADEMIC_YEAR,
    )


def _teacher(ctx: DemoContext, spec: ComposanteSpec, composante: Composante, used_emails: set[str]) -> Teacher:
    female = ctx.rng.random() < 0.5
    first = ctx.fake.first_name_female() if female else ctx.fake.first_name_male()
    last = ctx.fake.last_name()
    return Teacher(
        last_name=last,
        first_name=first,
        email=_unique_email(first, last, UNIVERSITY_DOMAIN, used_emails),
        phone=landline(ctx.rng, '21'),
        discipline=ctx.rng.choice(spec.disciplines),
        composante_id=ident(composante.id),
    )


def nir_of(student: Student) -> str:
    """A well-formed numéro de sécurité sociale for the student (sex, birth year and month, born in Côte-d'Or),
    always the same for the same student."""
    sex = '2' if student.sex == Sex.FEMALE else '1'
    number = int(student.student_number)
    body = f'{sex}{student.birth_date:%y%m}21{number // 1000 % 990 + 1:03d}{number % 999 + 1:03d}'
    return body + nir.calc_check_digits(body)
