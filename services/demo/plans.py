"""Who does which internship, where and when: one plan per demo convention, lawful by construction.

Every student but the demo one has a single convention, so no student's stages overlap and no
student × host × year passes 924 hours; the demo student's three stages follow each other at three
different hosts. Dates follow the status: a « terminée » stage ended before the demo day, a « signée »
one is under way or to come, « créée » and « validée » ones start later.
"""

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from models import Composante, ConventionStatus, InternshipType, OfferStatus, Student, Teacher
from services.demo.catalogue import FormationSpec
from services.demo.context import ACADEMIC_YEAR_LAST_FRIDAY, CURRENT_YEAR, DEMO_TODAY, DemoContext, Host, ident
from services.demo.fields import FIELDS
from services.demo.hosts import pick_host
from services.demo.offers import DemoOffer

STATUS_COUNTS = {
    ConventionStatus.CREATED: 34,
    ConventionStatus.VALIDATED: 26,
    ConventionStatus.SIGNED: 30,
    ConventionStatus.FINISHED: 18,
    ConventionStatus.CANCELLED: 12,
}
FINISHED_LAST_YEAR = 8  # « terminée » conventions of 2025-2026
DEMO_TEACHER_CONVENTIONS = 12
MAX_PER_REFERENT = 16  # quota of students per enseignant référent (legal-rules.md)
ABROAD_SHARE = 0.05
_TYPES = {
    InternshipType.MANDATORY: 78,
    InternshipType.ADVISED: 14,
    InternshipType.GAP_YEAR: 4,
    InternshipType.CONTINUING_EDUCATION: 4,
}
_SCHEDULES = {(35.0, 5): 82, (28.0, 4): 10, (21.0, 3): 4, (24.0, 4): 4}  # (hours, days) per week


@dataclass
class Plan:
    status: ConventionStatus
    year: int  # first year of the academic year
    composante: Composante
    student: Student
    formation: FormationSpec
    organisation: Host
    start: date
    end: date
    hours_per_week: float = 35.0
    days_per_week: int = 5
    internship_type: InternshipType = InternshipType.MANDATORY
    offer: DemoOffer | None = None
    referent: Teacher | None = None
    created_on: date = DEMO_TODAY


def plan_conventions(ctx: DemoContext, offers: list[DemoOffer]) -> list[Plan]:
    assert ctx.demo_student is not None
    pools = {cid: ctx.rng.sample(students, len(students)) for cid, students in ctx.students.items()}
    pools[ctx.demo_student.composante_id].remove(ctx.demo_student)
    plans = _demo_student_plans(ctx)
    remaining = Counter(STATUS_COUNTS)
    remaining.subtract(Counter(plan.status for plan in plans))

    filled = [demo for demo in offers if demo.offer.status == OfferStatus.FILLED]
    for index, demo in enumerate(filled):
        status = ConventionStatus.SIGNED if index % 2 == 0 else ConventionStatus.VALIDATED
        plans.append(_from_offer(ctx, status, demo, pools))
        remaining[status] -= 1

    last_year_left = FINISHED_LAST_YEAR - sum(1 for p in plans if p.year < CURRENT_YEAR)
    for status, count in remaining.items():
        for index in range(count):
            year = CURRENT_YEAR - 1 if status == ConventionStatus.FINISHED and index < last_year_left else CURRENT_YEAR
            composante = ctx.composantes[0] if ctx.rng.random() < 0.6 else ctx.composantes[1]
            plans.append(_random_plan(ctx, status, year, composante, pools[ident(composante.id)].pop()))
    _assign_referents(ctx, plans)
    return plans


def _spec(ctx: DemoContext, student: Student) -> FormationSpec:
    return ctx.formation_specs[ident(student.formation_id)]


def _plan(
    ctx: DemoContext,
    status: ConventionStatus,
    year: int,
    student: Student,
    start: date,
    weeks: int,
    organisation: Host | None = None,
    offer: DemoOffer | None = None,
) -> Plan:
    spec = _spec(ctx, student)
    organisation = organisation or pick_host(
        ctx, FIELDS[spec.field].naf_prefixes, abroad=ctx.rng.random() < ABROAD_SHARE
    )
    hours, days = ctx.rng.choices(list(_SCHEDULES), weights=list(_SCHEDULES.values()))[0]
    if organisation.country_code != 'FR':
        hours, days = 35.0, 5
    composante = next(c for c in ctx.composantes if c.id == student.composante_id)
    end = start + timedelta(weeks=weeks, days=-3)  # the Friday of the last week
    return Plan(
        status=status,
        year=year,
        composante=composante,
        student=student,
        formation=spec,
        organisation=organisation,
        start=start,
        end=end,
        hours_per_week=hours,
        days_per_week=days,
        internship_type=ctx.rng.choices(list(_TYPES), weights=list(_TYPES.values()))[0],
        offer=offer,
    )


def _demo_student_plans(ctx: DemoContext) -> list[Plan]:
    """Last year's stage, a validated one in the spring and a summer one just created (three hosts)."""
    assert ctx.demo_student is not None
    student = ctx.demo_student
    plans = [
        _plan(ctx, ConventionStatus.FINISHED, CURRENT_YEAR - 1, student, date(CURRENT_YEAR, 5, 4), 8),
        _plan(ctx, ConventionStatus.VALIDATED, CURRENT_YEAR, student, date(CURRENT_YEAR + 1, 4, 5), 10),
        _plan(ctx, ConventionStatus.CREATED, CURRENT_YEAR, student, date(CURRENT_YEAR + 1, 6, 28), 6),
    ]
    while len({p.organisation.id for p in plans}) < len(plans) or any(
        p.organisation.country_code != 'FR' for p in plans
    ):
        for plan in plans:
            plan.organisation = pick_host(ctx, FIELDS[plan.formation.field].naf_prefixes)
    plans[2].internship_type = InternshipType.ADVISED
    for plan in plans[:2]:
        plan.internship_type = InternshipType.MANDATORY
    plans[1].hours_per_week, plans[1].days_per_week = 35.0, 5
    return plans


def _from_offer(ctx: DemoContext, status: ConventionStatus, demo: DemoOffer, pools: dict[int, list[Student]]) -> Plan:
    """The student who got a filled offer: same host, field, dates and length as the offer."""
    offer = demo.offer
    candidates = [cid for cid in pools if offer.composante_id in (None, cid)]
    student = next(
        (s for cid in candidates for s in pools[cid] if _spec(ctx, s).field == demo.field),
        pools[candidates[0]][-1],
    )
    pools[student.composante_id].remove(student)
    assert offer.start_date is not None
    assert offer.duration_weeks is not None
    organisation = ctx.organisations[offer.organisation_id]
    return _plan(ctx, status, CURRENT_YEAR, student, offer.start_date, offer.duration_weeks, organisation, demo)


def _random_plan(
    ctx: DemoContext, status: ConventionStatus, year: int, composante: Composante, student: Student
) -> Plan:
    weeks = ctx.rng.randint(*_spec(ctx, student).weeks)
    september = ctx.monday_between(date(CURRENT_YEAR, 9, 7), date(CURRENT_YEAR, 11, 23))
    if status == ConventionStatus.FINISHED and year < CURRENT_YEAR:
        start = ctx.monday_between(date(year + 1, 1, 5), date(year + 1, 6, 1))
        weeks = min(weeks, (date(year + 1, 8, 28) - start).days // 7)
    elif status == ConventionStatus.FINISHED:  # a short autumn stage, over before the demo day
        start = ctx.monday_between(date(CURRENT_YEAR, 9, 7), date(CURRENT_YEAR, 10, 5))
        weeks = max(2, min(weeks, ((DEMO_TODAY - start).days - 1) // 7))
    elif status == ConventionStatus.SIGNED and ctx.rng.random() < 0.4:  # under way
        start = september
        weeks = max(weeks, math.ceil((DEMO_TODAY - start).days / 7) + 1)
    elif status in (ConventionStatus.SIGNED, ConventionStatus.VALIDATED):
        start = ctx.monday_between(date(CURRENT_YEAR, 12, 7), date(CURRENT_YEAR + 1, 5, 3))
    elif status == ConventionStatus.CREATED:
        start = ctx.monday_between(date(CURRENT_YEAR + 1, 1, 4), date(CURRENT_YEAR + 1, 6, 28))
    else:  # cancelled: some before they started, some broken off
        start = september if ctx.rng.random() < 0.4 else ctx.monday_between(date(2027, 1, 4), date(2027, 5, 3))
    if year == CURRENT_YEAR:
        weeks = min(weeks, (ACADEMIC_YEAR_LAST_FRIDAY - start).days // 7 + 1)
    return _plan(ctx, status, year, student, start, weeks)


def _assign_referents(ctx: DemoContext, plans: list[Plan]) -> None:
    """The demo teacher follows the demo student and others of the first composante; nobody exceeds 16."""
    teacher = ctx.demo_teacher
    assert teacher is not None
    load: Counter[int] = Counter()
    first_id = ident(ctx.composantes[0].id)
    for plan in plans:
        if load[ident(teacher.id)] < DEMO_TEACHER_CONVENTIONS and plan.composante.id == first_id:
            plan.referent = teacher
        else:
            others = [t for t in ctx.teachers[ident(plan.composante.id)] if t is not teacher]
            plan.referent = ctx.rng.choice([t for t in others if load[ident(t.id)] < MAX_PER_REFERENT])
        load[ident(plan.referent.id)] += 1
