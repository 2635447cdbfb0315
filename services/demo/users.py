"""The demo accounts (one per role, password `pstage-demo`) and the second composante's gestionnaire."""

from auth.passwords import hash_password
from models import Formation, Role, Student
from services.accounts import add_user
from services.demo.context import UNIVERSITY_DOMAIN, DemoContext, ident
from services.demo.places import person_email
from services.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

DEMO_STUDENT_ETAPE = 'MINF1'  # Master 1 Informatique: several internships make sense
SECOND_MANAGER_LOGIN = 'gestionnaire-iut'


def create_users(ctx: DemoContext) -> None:
    first, second = ctx.composantes
    first_id = ident(first.id)
    student = _demo_student(ctx, first_id)
    teacher = next(t for t in ctx.teachers[first_id] if t.discipline == 'Informatique')
    ctx.demo_student, ctx.demo_teacher = student, teacher
    manager_first, manager_last = ctx.fake.first_name_female(), ctx.fake.last_name()
    people = {
        Role.STUDENT: (f'{student.first_name} {student.last_name}', student.institutional_email, None),
        Role.TEACHER: (f'{teacher.first_name} {teacher.last_name}', teacher.email, first_id),
        Role.MANAGER: (
            f'{manager_first} {manager_last}',
            person_email(manager_first, manager_last, UNIVERSITY_DOMAIN),
            first_id,
        ),
        Role.ADMIN: ('Administrateur·rice PStage', f'admin@{UNIVERSITY_DOMAIN}', None),
    }
    password_hash = hash_password(DEMO_PASSWORD)  # argon2 is slow on purpose: hash once, share it
    for account in DEMO_ACCOUNTS:
        name, email, scope = people[account.role]
        user = add_user(
            ctx.session,
            login=account.login,
            display_name=name,
            password=None,
            roles=[(account.role, scope)],
            email=email,
            student_id=student.id if account.role == Role.STUDENT else None,
            teacher_id=teacher.id if account.role == Role.TEACHER else None,
            is_demo=True,
        )
        user.password_hash = password_hash
        ctx.users[account.login] = user
    ctx.managers[first_id] = ctx.users['gestionnaire']

    # Validations of the second composante are given by its own bureau des stages; this account has
    # no password, so it only appears in histories.
    other_first, other_last = ctx.fake.first_name_male(), ctx.fake.last_name()
    ctx.managers[ident(second.id)] = ctx.users[SECOND_MANAGER_LOGIN] = add_user(
        ctx.session,
        login=SECOND_MANAGER_LOGIN,
        display_name=f'{other_first} {other_last}',
        password=None,
        roles=[(Role.MANAGER, ident(second.id))],
        email=person_email(other_first, other_last, UNIVERSITY_DOMAIN),
        is_demo=True,
    )
    ctx.session.flush()


def _demo_student(ctx: DemoContext, composante_id: int) -> Student:
    etape: Formation = next(f for f in ctx.formations.values() if f.etape_code == DEMO_STUDENT_ETAPE)
    return next(s for s in ctx.students[composante_id] if s.formation_id == etape.id)
