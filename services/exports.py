"""« Exports »: the conventions of the actor's scope as a CSV file a spreadsheet opens as is.

French headers, `;` separator and a UTF-8 byte-order mark: what French Excel expects by default.
"""

import csv
import io
from collections.abc import Callable
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from models import Composante, Contact, Convention, Organisation, Service, Student, Teacher
from services.actor import Actor
from services.database import session_scope
from services.labels import CONVENTION_STATUS, GRATIFICATION_UNIT, INTERNSHIP_TYPE
from services.organisation_queries import format_siret
from services.permissions import Action, require, scope_clause

Row = Any  # one result row of the export query, fields by name


def _date(value: date | None) -> str:
    return value.strftime('%d/%m/%Y') if value else ''


def _amount(cents: int | None) -> str:
    return f'{cents / 100:.2f}'.replace('.', ',') if cents is not None else ''


def _person(first: str | None, last: str | None) -> str:
    return f'{first or ""} {last or ""}'.strip()


COLUMNS: list[tuple[str, Callable[[Row], object]]] = [
    ('N° convention', lambda r: r.Convention.number),
    ('Statut', lambda r: CONVENTION_STATUS[r.Convention.status]),
    ('Année universitaire', lambda r: r.Convention.academic_year),
    ('Composante', lambda r: r.composante_name),
    ('N° étudiant', lambda r: r.Student.student_number),
    ('Nom', lambda r: r.Student.last_name),
    ('Prénom', lambda r: r.Student.first_name),
    ('E-mail étudiant', lambda r: r.Convention.student_email),
    ('Formation', lambda r: r.Convention.formation_label),
    ('Étape', lambda r: r.Convention.etape_label or ''),
    ('Type de stage', lambda r: INTERNSHIP_TYPE[r.Convention.internship_type]),
    ('Sujet', lambda r: r.Convention.subject),
    ('Date de début', lambda r: _date(r.Convention.start_date)),
    ('Date de fin', lambda r: _date(r.Convention.end_date)),
    ('Durée effective (heures)', lambda r: f'{r.Convention.effective_hours:g}'.replace('.', ',')),
    ('Durée effective (jours)', lambda r: f'{r.Convention.effective_days:g}'.replace('.', ',')),
    ('Gratification', lambda r: 'oui' if r.Convention.gratified else 'non'),
    ('Montant de la gratification', lambda r: _amount(r.Convention.gratification_amount_cents)),
    (
        'Unité de la gratification',
        lambda r: GRATIFICATION_UNIT[r.Convention.gratification_unit] if r.Convention.gratification_unit else '',
    ),
    ("Établissement d'accueil", lambda r: r.Organisation.name),
    ('SIRET', lambda r: format_siret(r.Organisation.siret)),
    ('Code NAF', lambda r: r.Organisation.naf_code or ''),
    ('Commune', lambda r: r.Organisation.city),
    ('Pays', lambda r: r.Organisation.country_code),
    ("Service d'accueil", lambda r: r.service_name),
    ('Tuteur professionnel', lambda r: _person(r.tutor_first, r.tutor_last)),
    ('E-mail du tuteur', lambda r: r.tutor_email),
    ('Enseignant référent', lambda r: _person(r.Teacher.first_name, r.Teacher.last_name)),
    ('Signataire', lambda r: _person(r.signatory_first, r.signatory_last)),
]
HEADERS = [header for header, _value in COLUMNS]


def _scope(actor: Actor) -> sa.ColumnElement[bool]:
    return scope_clause(
        actor,
        Action.EXPORT,
        composante=col(Convention.composante_id),
        student=col(Convention.student_id),
        referent=col(Convention.referent_id),
    )


def count_exportable(actor: Actor) -> int:
    require(actor, Action.EXPORT)
    with session_scope() as session:
        return session.exec(select(sa.func.count()).select_from(Convention).where(_scope(actor))).one()


def conventions_csv(actor: Actor) -> bytes:
    """Every convention of the actor's scope, one line each, ordered by number."""
    require(actor, Action.EXPORT)
    tutor, signatory = aliased(Contact), aliased(Contact)
    query = (
        select(  # type: ignore[call-overload]
            Convention,
            Student,
            Organisation,
            Teacher,
            col(Composante.name).label('composante_name'),
            col(Service.name).label('service_name'),
            col(tutor.first_name).label('tutor_first'),
            col(tutor.last_name).label('tutor_last'),
            col(tutor.email).label('tutor_email'),
            col(signatory.first_name).label('signatory_first'),
            col(signatory.last_name).label('signatory_last'),
        )
        .join(Student, col(Student.id) == Convention.student_id)
        .join(Organisation, col(Organisation.id) == Convention.organisation_id)
        .join(Teacher, col(Teacher.id) == Convention.referent_id)
        .join(Composante, col(Composante.id) == Convention.composante_id)
        .join(Service, col(Service.id) == Convention.service_id)
        .join(tutor, col(tutor.id) == Convention.tutor_id)
        .join(signatory, col(signatory.id) == Convention.signatory_id)
        .where(_scope(actor))
        .order_by(col(Convention.number))
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=';', lineterminator='\r\n')
    writer.writerow(HEADERS)
    with session_scope() as session:
        for row in session.execute(query):
            writer.writerow([value(row) for _header, value in COLUMNS])
    return buffer.getvalue().encode('utf-8-sig')


def export_filename(today: date | None = None) -> str:
    return f'conventions-{(today or date.today()).isoformat()}.csv'
