"""What happened to the demo conventions after creation: validations, signatures, avenants, a draft.

Validations follow each composante's circuit in order and come before the signatures, which come
before the stage and the demo day. A validated convention has every step of its circuit granted.
"""

from datetime import date, timedelta

from models import (
    Amendment,
    AmendmentStatus,
    Convention,
    ConventionDraft,
    ConventionStatus,
    Signatory,
    Signature,
    User,
    ValidationEvent,
    ValidationKind,
)
from services.demo.context import ACADEMIC_YEAR_LAST_FRIDAY, DEMO_TODAY, DemoContext, ident
from services.demo.fields import FIELDS
from services.demo.hosts import pick_host
from services.demo.plans import Plan
from services.demo.schedule import MAX_HOURS_PER_HOST_YEAR, check_lawful, duration, is_public_holiday
from services.numbering import amendment_number

SIGNING_ORDER = (
    Signatory.STUDENT,
    Signatory.HOST_SIGNATORY,
    Signatory.TUTOR,
    Signatory.REFERENT,
    Signatory.UNIVERSITY,
)
_FULLY_VALIDATED = (ConventionStatus.VALIDATED, ConventionStatus.SIGNED, ConventionStatus.FINISHED)
_WITHDRAWAL_REASONS = (
    'Les activités confiées sont à préciser avec le tuteur.',
    'Le volume horaire hebdomadaire ne correspond pas au planning de l’entreprise.',
    'Le sujet ne correspond pas aux objectifs pédagogiques de la formation.',
)


def create_workflow(ctx: DemoContext, made: list[tuple[Convention, Plan]], rates: dict[int, int]) -> int:
    """Validation history and signatures of every convention, two avenants and a draft; returns the avenants."""
    rows: list[ValidationEvent | Signature] = []
    for convention, plan in made:
        rows += _history(ctx, convention, plan)
    ctx.session.add_all(rows)
    amendments = [_extension(ctx, made, rates), _new_subject(ctx, made)]
    ctx.session.add_all(amendments)
    ctx.session.flush()
    extension = amendments[0]
    plan = next(p for c, p in made if c.id == extension.convention_id)
    days = sorted(ctx.day_between(DEMO_TODAY - timedelta(days=18), DEMO_TODAY - timedelta(days=3)) for _ in range(3))
    ctx.session.add_all(
        [
            _validation(ctx, plan, ident(extension.convention_id), ValidationKind(kind), day, ident(extension.id))
            for kind, day in zip(plan.composante.validation_circuit.split(','), days, strict=False)
        ]
    )
    ctx.session.add(_draft(ctx, made))
    ctx.session.flush()
    return len(amendments)


def _validator(ctx: DemoContext, plan: Plan, kind: ValidationKind) -> User:
    if kind == ValidationKind.PEDAGOGICAL and plan.referent is ctx.demo_teacher:
        return ctx.users['enseignant']
    return ctx.managers[ident(plan.composante.id)]


def _validation(
    ctx: DemoContext, plan: Plan, convention_id: int, kind: ValidationKind, day: date, amendment_id: int | None = None
) -> ValidationEvent:
    """Granted by the référent (pédagogique, when it is the demo teacher) or the gestionnaire; avenants by staff."""
    actor = ctx.managers[ident(plan.composante.id)] if amendment_id is not None else _validator(ctx, plan, kind)
    return ValidationEvent(
        convention_id=convention_id,
        amendment_id=amendment_id,
        kind=kind,
        granted=True,
        actor_id=ident(actor.id),
        at=ctx.moment(day),
    )


def _history(ctx: DemoContext, convention: Convention, plan: Plan) -> list[ValidationEvent | Signature]:
    rng = ctx.rng
    circuit = [ValidationKind(kind) for kind in plan.composante.validation_circuit.split(',')]
    last = min(plan.start - timedelta(days=2), DEMO_TODAY - timedelta(days=1))
    days = sorted(ctx.day_between(plan.created_on + timedelta(days=1), last) for _ in range(len(circuit) + 6))
    if plan.status in _FULLY_VALIDATED:
        granted = len(circuit)
    elif plan.status == ConventionStatus.CREATED:
        granted = rng.choice((0, 0, 1, 1, len(circuit) - 1))
    else:
        granted = rng.choice((0, len(circuit)))
    convention_id = ident(convention.id)
    rows: list[ValidationEvent | Signature] = [
        _validation(ctx, plan, convention_id, kind, day) for kind, day in zip(circuit[:granted], days, strict=False)
    ]
    if plan.status == ConventionStatus.CREATED and granted and rng.random() < 0.3:
        withdrawn = _validation(ctx, plan, convention_id, circuit[granted - 1], days[granted])
        withdrawn.granted, withdrawn.reason = False, rng.choice(_WITHDRAWAL_REASONS)
        rows.append(withdrawn)
    signers = 0
    if plan.status in (ConventionStatus.SIGNED, ConventionStatus.FINISHED):
        signers = len(SIGNING_ORDER)
    elif plan.status == ConventionStatus.VALIDATED and rng.random() < 0.3:
        signers = rng.randint(1, 3)  # « signée » only once all five have signed
    manager = ctx.managers[ident(plan.composante.id)]
    for signatory, day in zip(SIGNING_ORDER[:signers], days[granted + 1 :], strict=False):
        rows.append(
            Signature(
                convention_id=convention_id,
                signatory=signatory,
                signed_on=day,
                outside_application=True,
                recorded_by_id=ident(manager.id),
                recorded_at=ctx.moment(day),
            )
        )
    return rows


def _extension(ctx: DemoContext, made: list[tuple[Convention, Plan]], rates: dict[int, int]) -> Amendment:
    """A validated avenant giving two more weeks to a stage under way (still within 924 h)."""
    for convention, plan in made:
        if not (
            plan.status == ConventionStatus.SIGNED
            and plan.start <= DEMO_TODAY < plan.end
            and plan.student is not ctx.demo_student
            and convention.gratified
        ):
            continue
        new_end = plan.end + timedelta(weeks=2)
        in_france = plan.organisation.country_code == 'FR'
        while in_france and is_public_holiday(new_end):
            new_end -= timedelta(days=1)
        spent = duration(plan.start, new_end, plan.hours_per_week, plan.days_per_week, in_france=in_france)
        if new_end <= ACADEMIC_YEAR_LAST_FRIDAY and spent.hours <= MAX_HOURS_PER_HOST_YEAR:
            check_lawful(
                academic_year=convention.academic_year,
                start=plan.start,
                end=new_end,
                hours_per_week=plan.hours_per_week,
                days_per_week=plan.days_per_week,
                spent=spent,
                gratified=convention.gratified,
                amount_cents=convention.gratification_amount_cents,
                unit=convention.gratification_unit,
                rates=rates,
                in_france=in_france,
            )
            return Amendment(
                number=amendment_number(convention.number, 1),
                convention_id=ident(convention.id),
                sequence=1,
                status=AmendmentStatus.VALIDATED,
                motif='Prolongation de deux semaines pour achever la mise en service du projet.',
                new_end_date=new_end,
                new_effective_hours=spent.hours,
                new_effective_days=spent.days,
                created_by_id=ident(ctx.managers[ident(plan.composante.id)].id),
                created_at=ctx.moment(DEMO_TODAY - timedelta(days=20)),
            )
    raise AssertionError('no signed convention under way can be extended')


def _new_subject(ctx: DemoContext, made: list[tuple[Convention, Plan]]) -> Amendment:
    """An avenant the demo student has just created on his validated convention, not yet validated."""
    convention, plan = next(
        (c, p) for c, p in made if p.student is ctx.demo_student and p.status == ConventionStatus.VALIDATED
    )
    subjects = [s for s in FIELDS[plan.formation.field].subjects if s != convention.subject]
    return Amendment(
        number=amendment_number(convention.number, 1),
        convention_id=ident(convention.id),
        sequence=1,
        status=AmendmentStatus.CREATED,
        motif='Le tuteur propose de recentrer le sujet sur un projet prioritaire du service.',
        new_subject=ctx.rng.choice(subjects),
        created_by_id=ident(ctx.users['etudiant'].id),
        created_at=ctx.moment(DEMO_TODAY - timedelta(days=2)),
    )


def _draft(ctx: DemoContext, made: list[tuple[Convention, Plan]]) -> ConventionDraft:
    """The demo student's wizard left at step 3 (service d'accueil): steps 1 and 2 filled as the wizard saves them."""
    student = ctx.demo_student
    assert student is not None
    used = {p.organisation.id for _, p in made if p.student is student}
    formation = ctx.formations[ident(student.formation_id)]
    field = FIELDS[ctx.formation_specs[ident(student.formation_id)].field]
    organisation = pick_host(ctx, field.naf_prefixes)
    while organisation.id in used:
        organisation = pick_host(ctx, field.naf_prefixes)
    last_convention = next(c for c, p in made if p.student is student)
    return ConventionDraft(
        student_id=ident(student.id),
        owner_id=ident(ctx.users['etudiant'].id),
        step=3,
        data={
            'composante_id': student.composante_id,
            'formation_id': formation.id,
            'formation_label': formation.label,
            'etape_label': formation.etape_label,
            'formation_yearly_hours': formation.yearly_hours,
            'academic_year': student.academic_year,
            'student_email': student.institutional_email,
            'student_personal_email': student.personal_email,
            'student_phone': student.phone,
            'student_address': student.address,
            'student_postal_code': student.postal_code,
            'student_city': student.city,
            'student_country_code': student.country_code,
            'social_security_affiliation': True,
            'health_insurance_fund': last_convention.health_insurance_fund,
            'nir_encrypted': last_convention.nir_encrypted,
            'offer_id': None,
            'organisation_id': organisation.id,
            'organisation_name': organisation.name,
        },
        created_at=ctx.moment(DEMO_TODAY - timedelta(days=1)),
    )
