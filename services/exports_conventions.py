"""The conventions export: every field of a convention (and of its parties), French headers, search criteria.

The full export covers every column of the `convention` table except `nir_encrypted` (the NIR never leaves
the application in bulk) and `version` (an internal lock counter); ids of linked rows are shown as what
they name (the student's number and names, the establishment's, the tutor's…).
"""

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased, join
from sqlmodel import col

from models import (
    Amendment,
    AmendmentStatus,
    Composante,
    Contact,
    Convention,
    ConventionStatus,
    Formation,
    NomenclatureKind,
    Offer,
    Organisation,
    Service,
    Student,
    Teacher,
    User,
)
from services import convention_search
from services.actor import Actor
from services.convention_queries import visible_to
from services.convention_search import SearchCriteria
from services.evaluation_queries import effective_end_date
from services.exports import CellKind, Column, Dataset
from services.labels import CONVENTION_STATUS, GRATIFICATION_UNIT, INTERNSHIP_TYPE, ORGANISATION_TYPE, WORKING_TIME
from services.organisation_queries import format_siret
from services.permissions import Action
from services.rules.fields import FieldError, parse_date

NOT_EXPORTED = frozenset({'nir_encrypted', 'version'})
SEX = {'F': 'Femme', 'M': 'Homme', 'X': 'Autre'}
BASIS = {'net': 'net', 'brut': 'brut'}
PAYMENT = {'virement': 'virement bancaire', 'cheque': 'chèque', 'especes': 'espèces'}
PRINT_LANGUAGE = {'fr': 'français', 'en': 'anglais', 'de': 'allemand', 'es': 'espagnol'}
CIVILITY = {'Mme': 'Mme', 'M.': 'M.'}

tutor = aliased(Contact, name='tutor')
signatory = aliased(Contact, name='signatory')
creator = aliased(User, name='creator')
K, NK = CellKind, NomenclatureKind


def _euros(cents: int) -> float:
    return cents / 100


def _c(group: str, key: str, header: str, sql: Any, *fields: str, kind: CellKind = K.TEXT, **extra: Any) -> Column:
    own = fields or ((key,) if hasattr(Convention, key) else ())
    return Column(key, header, group, sql, kind, fields=own, **extra)


def _person(group: str, prefix: str, person: Any, field: str) -> list[Column]:
    return [
        _c(group, f'{prefix}_civility', 'Civilité', person.civility, field, labels=CIVILITY),
        _c(group, f'{prefix}_last_name', 'Nom', person.last_name, field),
        _c(group, f'{prefix}_first_name', 'Prénom', person.first_name, field),
        _c(group, f'{prefix}_function', 'Fonction', person.function, field),
        _c(group, f'{prefix}_phone', 'Téléphone', person.phone, field),
        _c(group, f'{prefix}_email', 'E-mail', person.email, field),
    ]


def _validated_amendments() -> Any:
    return (
        sa.select(sa.func.count(col(Amendment.id)))
        .where(col(Amendment.convention_id) == Convention.id, col(Amendment.status) == AmendmentStatus.VALIDATED)
        .correlate(Convention)
        .scalar_subquery()
    )


def columns() -> list[Column]:
    c, conv = Convention, 'Convention'
    student, stage, money = 'Étudiant', 'Stage', 'Gratification'
    host, service = "Établissement d'accueil", "Service d'accueil"
    columns = [
        _c(conv, 'id', 'Identifiant', c.id, kind=K.INTEGER),
        _c(conv, 'number', 'N° convention', c.number),
        _c(conv, 'status', 'Statut', c.status, labels=CONVENTION_STATUS),
        _c(conv, 'academic_year', 'Année universitaire', c.academic_year),
        _c(conv, 'composante', 'Composante', Composante.name, 'composante_id'),
        _c(conv, 'created_by', 'Créée par', creator.display_name, 'created_by_id'),
        _c(conv, 'created_at', 'Créée le', c.created_at, kind=K.DATETIME),
        _c(conv, 'updated_at', 'Modifiée le', c.updated_at, kind=K.DATETIME),
        _c(conv, 'print_language', "Langue d'impression", c.print_language, labels=PRINT_LANGUAGE),
        _c(conv, 'validated_amendments', 'Avenants validés', _validated_amendments(), kind=K.INTEGER),
        _c(conv, 'end_in_force', 'Date de fin en vigueur (avenants compris)', effective_end_date(), kind=K.DATE),
        _c(student, 'student_number', 'N° étudiant', Student.student_number, 'student_id'),
        _c(student, 'student_last_name', 'Nom', Student.last_name, 'student_id'),
        _c(student, 'student_first_name', 'Prénom', Student.first_name, 'student_id'),
        _c(student, 'student_birth_date', 'Date de naissance', Student.birth_date, 'student_id', kind=K.DATE),
        _c(student, 'student_sex', 'Sexe', Student.sex, 'student_id', labels=SEX),
        _c(student, 'student_email', 'E-mail institutionnel', c.student_email),
        _c(student, 'student_personal_email', 'E-mail personnel', c.student_personal_email),
        _c(student, 'student_phone', 'Téléphone', c.student_phone),
        _c(student, 'student_address', 'Adresse', c.student_address),
        _c(student, 'student_postal_code', 'Code postal', c.student_postal_code),
        _c(student, 'student_city', 'Commune', c.student_city),
        _c(student, 'student_country_code', 'Pays', c.student_country_code, code_list=NK.COUNTRY),
        _c(student, 'formation_code', 'Code formation', Formation.code, 'formation_id'),
        _c(student, 'etape_code', 'Code étape', Formation.etape_code, 'formation_id'),
        _c(student, 'formation_label', 'Formation', c.formation_label),
        _c(student, 'etape_label', 'Étape', c.etape_label),
        _c(student, 'formation_yearly_hours', 'Volume horaire de la formation', c.formation_yearly_hours,
           kind=K.INTEGER),
        _c(student, 'social_security_affiliation', 'Affiliation sécurité sociale', c.social_security_affiliation,
           kind=K.BOOL),
        _c(student, 'health_insurance_fund', "Caisse d'assurance maladie", c.health_insurance_fund),
        _c(stage, 'internship_type', 'Type de stage', c.internship_type, labels=INTERNSHIP_TYPE),
        _c(stage, 'thematique', 'Thématique', c.thematique_code, 'thematique_code', code_list=NK.THEMATIQUE),
        _c(stage, 'subject', 'Sujet', c.subject),
        _c(stage, 'activities', 'Activités confiées', c.activities),
        _c(stage, 'competences', 'Compétences à acquérir', c.competences),
        _c(stage, 'supervision', "Modalités d'encadrement et de suivi", c.supervision),
        _c(stage, 'start_date', 'Date de début', c.start_date, kind=K.DATE),
        _c(stage, 'end_date', 'Date de fin', c.end_date, kind=K.DATE),
        _c(stage, 'working_time', 'Temps de travail', c.working_time, labels=WORKING_TIME),
        _c(stage, 'hours_per_week', 'Heures par semaine', c.hours_per_week, kind=K.NUMBER),
        _c(stage, 'days_per_week', 'Jours par semaine', c.days_per_week, kind=K.NUMBER),
        _c(stage, 'irregular_schedule', 'Calendrier irrégulier', c.irregular_schedule, kind=K.BOOL),
        _c(stage, 'effective_hours', 'Durée effective (heures)', c.effective_hours, kind=K.NUMBER),
        _c(stage, 'effective_days', 'Durée effective (jours)', c.effective_days, kind=K.NUMBER),
        _c(stage, 'duration_override_reason', 'Motif de la durée saisie', c.duration_override_reason),
        _c(stage, 'night_work', 'Présence la nuit', c.night_work, kind=K.BOOL),
        _c(stage, 'sunday_work', 'Présence le dimanche', c.sunday_work, kind=K.BOOL),
        _c(stage, 'public_holiday_work', 'Présence les jours fériés', c.public_holiday_work, kind=K.BOOL),
        _c(stage, 'leave_days', 'Jours de congés', c.leave_days, kind=K.INTEGER),
        _c(stage, 'found_how', 'Mode de recherche du stage', c.found_how, code_list=NK.FOUND_HOW),
        _c(stage, 'deliverable', 'Nature du travail à fournir', c.deliverable),
        _c(stage, 'validation_mode', 'Mode de validation du stage', c.validation_mode),
        _c(stage, 'confidential', 'Confidentiel', c.confidential, kind=K.BOOL),
        _c(stage, 'ects_credits', 'Crédits ECTS', c.ects_credits, kind=K.NUMBER),
        _c(stage, 'offer_number', 'N° offre', Offer.number, 'offer_id'),
        _c(money, 'gratified', 'Gratification', c.gratified, kind=K.BOOL),
        _c(money, 'gratification_amount', 'Montant', c.gratification_amount_cents, 'gratification_amount_cents',
           kind=K.MONEY, transform=_euros),
        _c(money, 'gratification_unit', 'Unité', c.gratification_unit, labels=GRATIFICATION_UNIT),
        _c(money, 'gratification_basis', 'Net ou brut', c.gratification_basis, labels=BASIS),
        _c(money, 'gratification_currency', 'Devise', c.gratification_currency),
        _c(money, 'gratification_payment', 'Modalité de versement', c.gratification_payment, labels=PAYMENT),
        _c(money, 'benefits_meals', 'Avantages : restauration', c.benefits_meals),
        _c(money, 'benefits_transport', 'Avantages : transport', c.benefits_transport),
        _c(money, 'benefits_other', 'Autres avantages', c.benefits_other),
    ]  # fmt: skip
    o, org = Organisation, 'organisation_id'
    columns += [
        _c(host, 'organisation_name', 'Raison sociale', o.name, org),
        _c(host, 'organisation_trade_name', 'Enseigne', o.trade_name, org),
        _c(host, 'organisation_siret', 'SIRET', o.siret, org, transform=format_siret),
        _c(host, 'organisation_naf', 'Code NAF', o.naf_code, org, code_list=NK.NAF),
        _c(host, 'organisation_legal', 'Statut juridique', o.legal_category, org, code_list=NK.LEGAL_CATEGORY),
        _c(host, 'organisation_headcount', 'Effectif', o.headcount_range, org, code_list=NK.HEADCOUNT_RANGE),
        _c(host, 'organisation_kind', 'Type', o.kind, org, labels=ORGANISATION_TYPE),
        _c(host, 'organisation_address', 'Adresse', o.address, org),
        _c(host, 'organisation_postal_code', 'Code postal', o.postal_code, org),
        _c(host, 'organisation_city', 'Commune', o.city, org),
        _c(host, 'organisation_departement', 'Département', o.departement_code, org, code_list=NK.DEPARTEMENT),
        _c(host, 'organisation_country', 'Pays', o.country_code, org, code_list=NK.COUNTRY),
        _c(host, 'organisation_phone', 'Téléphone', o.phone, org),
        _c(host, 'organisation_email', 'E-mail', o.email, org),
        _c(host, 'organisation_website', 'Site web', o.website, org),
        _c(service, 'service_name', 'Service', Service.name, 'service_id'),
        _c(service, 'service_address', 'Adresse du service',
           sa.func.coalesce(Service.address, o.address), 'service_id'),
        _c(service, 'service_postal_code', 'Code postal du service',
           sa.func.coalesce(Service.postal_code, o.postal_code), 'service_id'),
        _c(service, 'service_city', 'Commune du service', sa.func.coalesce(Service.city, o.city), 'service_id'),
        _c(service, 'service_phone', 'Téléphone du service', Service.phone, 'service_id'),
    ]  # fmt: skip
    columns += _person('Tuteur professionnel', 'tutor', tutor, 'tutor_id')
    columns += _person('Signataire', 'signatory', signatory, 'signatory_id')
    t, ref, teacher = Teacher, 'referent_id', 'Enseignant référent'
    columns += [
        _c(teacher, 'referent_last_name', 'Nom', t.last_name, ref),
        _c(teacher, 'referent_first_name', 'Prénom', t.first_name, ref),
        _c(teacher, 'referent_email', 'E-mail', t.email, ref),
        _c(teacher, 'referent_phone', 'Téléphone', t.phone, ref),
        _c(teacher, 'referent_discipline', 'Discipline', t.discipline, ref),
    ]
    return [
        replace(column, header=f'{column.header} ({column.group.lower()})')
        if column.group not in (conv, stage, money) and column.header in _SHARED_HEADERS
        else column
        for column in columns
    ]


# Headers that several groups use (« Nom », « E-mail »…) get their group in the file, so each header is unique.
_SHARED_HEADERS = frozenset(
    {'Nom', 'Prénom', 'E-mail', 'Téléphone', 'Adresse', 'Code postal', 'Commune', 'Pays', 'Civilité', 'Fonction'}
)


def _from() -> Any:
    return (
        join(Convention, Student, col(Student.id) == Convention.student_id)
        .join(Composante, col(Composante.id) == Convention.composante_id)
        .join(Organisation, col(Organisation.id) == Convention.organisation_id)
        .join(Service, col(Service.id) == Convention.service_id)
        .join(tutor, col(tutor.id) == Convention.tutor_id)
        .join(signatory, col(signatory.id) == Convention.signatory_id)
        .join(Teacher, col(Teacher.id) == Convention.referent_id)
        .outerjoin(Formation, col(Formation.id) == Convention.formation_id)
        .outerjoin(Offer, col(Offer.id) == Convention.offer_id)
        .outerjoin(creator, col(creator.id) == Convention.created_by_id)
    )


def _date(value: str) -> date | None:
    try:
        return parse_date(value) if value.strip() else None
    except FieldError:
        return None


def search_criteria(values: Mapping[str, str]) -> SearchCriteria:
    """The URL parameters of « Rechercher une convention » as its criteria (wrong values are ignored)."""
    text = {key: (value or '').strip() for key, value in values.items()}
    status = text.get('statut', '')
    return SearchCriteria(
        number=text.get('numero', ''),
        student=text.get('etudiant', ''),
        host=text.get('etablissement', ''),
        teacher=text.get('enseignant', ''),
        formation=text.get('formation', ''),
        status=ConventionStatus(status) if status in ConventionStatus._value2member_map_ else None,
        academic_year=text.get('annee', ''),
        from_date=_date(text.get('du', '')),
        to_date=_date(text.get('au', '')),
    )


def _source(actor: Actor, values: Mapping[str, str]) -> tuple[Any, list[Any], list[Any]]:
    """The very conditions of the search (its fuzzy names included), within the export scope."""
    conditions, _ranked = convention_search.matching(actor, search_criteria(values))
    return _from(), [visible_to(actor, Action.EXPORT), *conditions], [col(Convention.number)]


CRITERIA_LABELS = {
    'numero': 'N° de convention',
    'etudiant': "Nom de l'étudiant",
    'etablissement': "Établissement d'accueil",
    'enseignant': 'Enseignant référent',
    'formation': 'Formation ou étape',
    'statut': 'Statut',
    'annee': 'Année universitaire',
    'du': 'En stage entre le (JJ/MM/AAAA)',
    'au': 'et le',
}

CONVENTIONS = Dataset('conventions', 'Conventions de stage', columns, _source, CRITERIA_LABELS)
