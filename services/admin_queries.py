"""« Administration », read-only for now: composantes and their settings, users and roles,
nomenclatures, yearly gratification rates."""

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import col, select

from models import Composante, GratificationRate, NomenclatureEntry, NomenclatureKind, Role, User, UserRole
from services.actor import Actor
from services.database import session_scope
from services.labels import ROLE, VALIDATION_KIND
from services.permissions import Action, require

NOMENCLATURE_KIND = {
    NomenclatureKind.NAF: 'Codes NAF',
    NomenclatureKind.NAF_SECTION: 'Sections NAF',
    NomenclatureKind.LEGAL_CATEGORY: 'Catégories juridiques',
    NomenclatureKind.HEADCOUNT_RANGE: "Tranches d'effectif",
    NomenclatureKind.DEPARTEMENT: 'Départements',
    NomenclatureKind.REGION: 'Régions',
    NomenclatureKind.COUNTRY: 'Pays',
    NomenclatureKind.THEMATIQUE: 'Thématiques',
    NomenclatureKind.FOUND_HOW: 'Modes de recherche du stage',
    NomenclatureKind.STUDY_LEVEL: "Niveaux d'études",
}


@dataclass(frozen=True)
class ComposanteSettings:
    id: int
    code: str
    name: str
    validation_circuit: list[str]  # French labels, in order
    academic_year_switch: str  # « 01/09 »
    overlap_allowed: bool
    students_print_before_validation: bool
    students_create_amendments: bool
    alert_days_before_start: int
    internship_office: str


@dataclass(frozen=True)
class UserLine:
    id: int
    login: str
    display_name: str
    email: str | None
    roles: list[str]  # « gestionnaire (UFR-ST) »
    active: bool


@dataclass(frozen=True)
class NomenclatureCount:
    kind: str
    label: str
    active: int
    total: int


@dataclass(frozen=True)
class RateLine:
    year: int
    hourly_minimum_cents: int


def _circuit_labels(circuit: str) -> list[str]:
    labels = {kind.value: label for kind, label in VALIDATION_KIND.items()}
    return [labels.get(code.strip(), code.strip()) for code in circuit.split(',') if code.strip()]


def composantes(actor: Actor) -> list[ComposanteSettings]:
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        rows = session.exec(select(Composante).order_by(col(Composante.code))).all()
    return [
        ComposanteSettings(
            id=c.id or 0,
            code=c.code,
            name=c.name,
            validation_circuit=_circuit_labels(c.validation_circuit),
            academic_year_switch=f'{c.academic_year_switch_day:02d}/{c.academic_year_switch_month:02d}',
            overlap_allowed=c.overlap_allowed,
            students_print_before_validation=c.students_print_before_validation,
            students_create_amendments=c.students_create_amendments,
            alert_days_before_start=c.alert_days_before_start,
            internship_office=' — '.join(
                part for part in (c.internship_office_email, c.internship_office_phone) if part
            ),
        )
        for c in rows
    ]


def users(actor: Actor) -> list[UserLine]:
    """Every account with its roles and their composante (none: all composantes)."""
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        accounts = session.exec(select(User).order_by(col(User.login))).all()
        role_rows = session.exec(
            select(UserRole.user_id, UserRole.role, Composante.code)
            .outerjoin(Composante, col(Composante.id) == UserRole.composante_id)
            .order_by(col(UserRole.role))
        ).all()
    roles: dict[int, list[str]] = defaultdict(list)
    for user_id, role, composante_code in role_rows:
        label = ROLE[Role(role)]
        roles[user_id].append(f'{label} ({composante_code})' if composante_code else label)
    return [UserLine(u.id or 0, u.login, u.display_name, u.email, roles.get(u.id or 0, []), u.active) for u in accounts]


def nomenclature_counts(actor: Actor) -> list[NomenclatureCount]:
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        rows = session.exec(
            select(
                NomenclatureEntry.kind,
                sa.func.count(),
                sa.func.sum(sa.case((col(NomenclatureEntry.active), 1), else_=0)),
            ).group_by(col(NomenclatureEntry.kind))
        ).all()
    counts = {kind: (int(active or 0), total) for kind, total, active in rows}
    return [NomenclatureCount(kind, label, *counts.get(kind, (0, 0))) for kind, label in NOMENCLATURE_KIND.items()]


def gratification_rates(actor: Actor) -> list[RateLine]:
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        rows = session.exec(select(GratificationRate).order_by(col(GratificationRate.year).desc())).all()
    return [RateLine(rate.year, rate.hourly_minimum_cents) for rate in rows]
