"""The demo conventions, built from their plans: durations computed, gratification where the law wants it."""

from datetime import timedelta
from typing import Any

from models import (
    AmountBasis,
    Convention,
    GratificationUnit,
    NomenclatureKind,
    PaymentMethod,
    PrintLanguage,
    WorkingTime,
)
from services.demo.context import DEMO_TODAY, DemoContext, ident
from services.demo.fields import DELIVERABLES, FIELDS, SUPERVISION
from services.demo.places import communes
from services.demo.plans import Plan
from services.demo.schedule import (
    MAX_HOURS_PER_HOST_YEAR,
    Duration,
    check_lawful,
    duration,
    is_full_time,
    is_public_holiday,
    minimum_cents,
    needs_gratification,
)
from services.demo.university import nir_of
from services.numbering import convention_number
from services.reference_data import shipped_entries
from services.rules import identity

_LANGUAGE = {'DE': PrintLanguage.GERMAN, 'ES': PrintLanguage.SPANISH, 'GB': PrintLanguage.ENGLISH}
_ECTS = {'BAC2': 6.0, 'BAC3': 6.0, 'BAC4': 12.0, 'BAC5': 30.0}


def create_conventions(ctx: DemoContext, plans: list[Plan], rates: dict[int, int]) -> list[tuple[Convention, Plan]]:
    """The conventions, numbered per academic year in the order they were created."""
    made = [(_convention(ctx, plan, rates), plan) for plan in plans]
    made.sort(key=lambda pair: pair[0].created_at)
    for convention, plan in made:
        convention.number = convention_number(ctx.session, plan.year)
    ctx.session.add_all([convention for convention, _ in made])
    ctx.session.flush()
    return made


def fit_duration(plan: Plan) -> Duration:
    """Ends the stage on a working day, shortened by whole weeks until it fits in 924 hours."""
    in_france = plan.organisation.country_code == 'FR'
    while in_france and is_public_holiday(plan.end):  # nobody's last day is Christmas or New Year's Day
        plan.end -= timedelta(days=1)
    while True:
        spent = duration(plan.start, plan.end, plan.hours_per_week, plan.days_per_week, in_france=in_france)
        if spent.hours <= MAX_HOURS_PER_HOST_YEAR:
            return spent
        plan.end -= timedelta(weeks=1)


def gratification(ctx: DemoContext, plan: Plan, spent: Duration, rates: dict[int, int]) -> dict[str, Any]:
    """Due beyond 308 hours, then at least the legal minimum; offered now and then below that."""
    if not needs_gratification(spent.hours) and ctx.rng.random() > 0.25:
        return {'gratified': False}
    if is_full_time(plan.hours_per_week, plan.days_per_week):
        unit, extra = GratificationUnit.MONTH, ctx.rng.choice((0, 0, 0, 5000, 25000))
    else:
        unit, extra = GratificationUnit.HOUR, ctx.rng.choice((0, 0, 10, 25, 50))
    return {
        'gratified': True,
        'gratification_amount_cents': minimum_cents(rates, unit, plan.hours_per_week, plan.days_per_week, spent)
        + extra,
        'gratification_unit': unit,
        'gratification_basis': AmountBasis.NET,
        'gratification_payment': PaymentMethod.TRANSFER,
    }


def _created_on(ctx: DemoContext, plan: Plan) -> None:
    """Conventions are entered a few weeks before the stage, and never after the demo day."""
    last = min(plan.start - timedelta(days=14), DEMO_TODAY - timedelta(days=1))
    plan.created_on = last - timedelta(days=ctx.rng.randint(20, 60))


def _convention(ctx: DemoContext, plan: Plan, rates: dict[int, int]) -> Convention:
    rng = ctx.rng
    spent = fit_duration(plan)
    paid = gratification(ctx, plan, spent, rates)
    check_lawful(
        academic_year=f'{plan.year}-{plan.year + 1}',
        start=plan.start,
        end=plan.end,
        hours_per_week=plan.hours_per_week,
        days_per_week=plan.days_per_week,
        spent=spent,
        gratified=paid['gratified'],
        amount_cents=paid.get('gratification_amount_cents'),
        unit=paid.get('gratification_unit'),
        rates=rates,
        in_france=plan.organisation.country_code == 'FR',
    )
    _created_on(ctx, plan)
    field = FIELDS[plan.formation.field]
    student = plan.student
    formation = ctx.formations[ident(student.formation_id)]
    organisation_id = plan.organisation.id
    if plan.offer is not None:
        service_id, tutor_id = ident(plan.offer.offer.service_id), ident(plan.offer.offer.contact_id)
    else:
        service = rng.choice(ctx.services[organisation_id])
        service_id, tutor_id = service.id, rng.choice(ctx.tutors[service.id]).id
    signatory_id = tutor_id if rng.random() < 0.1 else ctx.signatories[organisation_id].id
    full_time = is_full_time(plan.hours_per_week, plan.days_per_week)
    assert plan.referent is not None
    return Convention(
        number='',
        status=plan.status,
        academic_year=f'{plan.year}-{plan.year + 1}',
        composante_id=ident(plan.composante.id),
        created_by_id=ctx.users['etudiant'].id if student is ctx.demo_student else None,
        student_id=ident(student.id),
        formation_id=formation.id,
        formation_label=formation.label,
        etape_label=formation.etape_label,
        formation_yearly_hours=formation.yearly_hours,
        student_email=student.institutional_email,
        student_personal_email=student.personal_email,
        student_phone=student.phone,
        student_address=student.address,
        student_postal_code=student.postal_code,
        student_city=student.city,
        student_country_code=student.country_code,
        health_insurance_fund=_health_fund(student.city, student.postal_code),
        nir_encrypted=identity.encrypt(nir_of(student)),
        offer_id=plan.offer.offer.id if plan.offer is not None else None,
        organisation_id=organisation_id,
        service_id=service_id,
        tutor_id=tutor_id,
        referent_id=ident(plan.referent.id),
        signatory_id=signatory_id,
        internship_type=plan.internship_type,
        thematique_code=field.thematique,
        subject=rng.choice(field.subjects),
        activities=rng.choice(field.activities) + '.',
        competences=rng.choice(field.competences) + '.',
        supervision=rng.choice(SUPERVISION),
        start_date=plan.start,
        end_date=plan.end,
        working_time=WorkingTime.FULL_TIME if full_time else WorkingTime.PART_TIME,
        hours_per_week=plan.hours_per_week,
        days_per_week=plan.days_per_week,
        effective_hours=spent.hours,
        effective_days=spent.days,
        leave_days=rng.choice((0, 2, 5)) if spent.days > 44 else 0,
        **paid,
        benefits_meals='Accès au restaurant d’entreprise' if rng.random() < 0.4 else None,
        benefits_transport='Remboursement de 50 % de l’abonnement de transport' if rng.random() < 0.5 else None,
        found_how='OFFRE_UNIV' if plan.offer is not None else rng.choice(list(_found_how())),
        deliverable=rng.choice(DELIVERABLES),
        validation_mode='Évaluation du rapport et de la soutenance par l’enseignant référent',
        confidential=rng.random() < 0.05,
        ects_credits=_ECTS[plan.formation.study_level],
        print_language=_LANGUAGE.get(plan.organisation.country_code, PrintLanguage.FRENCH),
        created_at=ctx.moment(plan.created_on),
    )


def _found_how() -> dict[str, str]:
    return shipped_entries(NomenclatureKind.FOUND_HOW)


def _health_fund(city: str | None, postal_code: str | None) -> str:
    departement = next((c.departement for c in communes() if (c.name, c.postal_code) == (city, postal_code)), '21')
    name = shipped_entries(NomenclatureKind.DEPARTEMENT)[departement]
    return f'Caisse primaire d’assurance maladie — {name} ({departement})'
