"""Exports of the établissements d'accueil and of the offres de stage, with their search criteria.

Establishments are shared by every composante (any staff member may export them); offers are exported
within the composantes one manages, plus the offers open to every composante.
"""

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import join
from sqlmodel import col

from models import Composante, NomenclatureKind, Offer, OfferStatus, Organisation
from services.actor import Actor
from services.exports import CellKind, Column, Dataset
from services.labels import OFFER_STATUS, ORGANISATION_TYPE
from services.organisation_queries import format_siret
from services.permissions import Action, scope_clause
from services.text import identifier_digits

K, NK = CellKind, NomenclatureKind


def _euros(cents: int) -> float:
    return cents / 100


def organisation_columns() -> list[Column]:
    o, g = Organisation, "Établissement d'accueil"
    columns = [
        Column('id', 'Identifiant', g, o.id, K.INTEGER),
        Column('name', 'Raison sociale', g, o.name),
        Column('trade_name', 'Enseigne', g, o.trade_name),
        Column('siret', 'SIRET', g, o.siret, transform=format_siret),
        Column('foreign_identifier', "Identifiant à l'étranger", g, o.foreign_identifier),
        Column('naf_code', 'Code NAF', g, o.naf_code, code_list=NK.NAF),
        Column('activity', 'Activité', g, o.activity),
        Column('headcount_range', 'Tranche d’effectif', g, o.headcount_range, code_list=NK.HEADCOUNT_RANGE),
        Column('headcount', 'Effectif', g, o.headcount, K.INTEGER),
        Column('legal_category', 'Statut juridique', g, o.legal_category, code_list=NK.LEGAL_CATEGORY),
        Column('kind', 'Type', g, o.kind, labels=ORGANISATION_TYPE),
        Column('address', 'Adresse', g, o.address),
        Column('postal_code', 'Code postal', g, o.postal_code),
        Column('city', 'Commune', g, o.city),
        Column('departement_code', 'Département', g, o.departement_code, code_list=NK.DEPARTEMENT),
        Column('country_code', 'Pays', g, o.country_code, code_list=NK.COUNTRY),
        Column('phone', 'Téléphone', g, o.phone),
        Column('email', 'E-mail', g, o.email),
        Column('website', 'Site web', g, o.website),
        Column('needs_review', 'À vérifier', g, o.needs_review, K.BOOL),
        Column('closed_on', 'Fermé le', g, o.closed_on, K.DATE),
        Column('created_at', 'Créé le', g, o.created_at, K.DATETIME),
    ]
    return [replace(c, fields=(c.key,)) for c in columns]


def organisation_criteria(values: Mapping[str, str]) -> list[Any]:
    text = {key: (value or '').strip() for key, value in values.items()}
    where: list[Any] = [col(Organisation.merged_into_id).is_(None)]
    query = text.get('q', '')
    digits = identifier_digits(query) if query else None
    if digits:
        where.append(col(Organisation.siret).startswith(digits))
    else:
        for word in query.split():
            where.append(
                sa.or_(
                    col(Organisation.name).icontains(word, autoescape=True),
                    col(Organisation.trade_name).icontains(word, autoescape=True),
                )
            )
    for key, column in (('departement', Organisation.departement_code), ('pays', Organisation.country_code)):
        if text.get(key):
            where.append(col(column) == text[key].upper())
    if text.get('naf'):
        where.append(col(Organisation.naf_code).startswith(text['naf'].upper(), autoescape=True))
    if text.get('a_verifier') == '1':
        where.append(col(Organisation.needs_review).is_(True))
    if text.get('ouverts') == '1':
        where.append(col(Organisation.closed_on).is_(None))
    return where


def _organisations(_actor: Actor, values: Mapping[str, str]) -> tuple[Any, list[Any], list[Any]]:
    return Organisation, organisation_criteria(values), [col(Organisation.name), col(Organisation.id)]


def offer_columns() -> list[Column]:
    f, o, g = Offer, Organisation, 'Offre'
    return [
        Column('number', 'N° offre', g, f.number),
        Column('title', 'Intitulé', g, f.title),
        Column('status', 'Statut', g, f.status, labels=OFFER_STATUS),
        Column('organisation', "Établissement d'accueil", g, o.name),
        Column('composante', 'Composante', g, sa.func.coalesce(Composante.name, 'Toutes')),
        Column('description', 'Description', g, f.description),
        Column('missions', 'Missions', g, f.missions),
        Column('profile', 'Profil recherché', g, f.profile),
        Column('thematique', 'Thématique', g, f.thematique_code, code_list=NK.THEMATIQUE),
        Column('city', 'Commune', g, f.city),
        Column('departement', 'Département', g, f.departement_code, code_list=NK.DEPARTEMENT),
        Column('country', 'Pays', g, f.country_code, code_list=NK.COUNTRY),
        Column('start_date', 'Début', g, f.start_date, K.DATE),
        Column('duration_weeks', 'Durée (semaines)', g, f.duration_weeks, K.INTEGER),
        Column('remote_possible', 'Télétravail possible', g, f.remote_possible, K.BOOL),
        Column('gratified', 'Gratification', g, f.gratified, K.BOOL),
        Column('gratification', 'Montant de la gratification', g, f.gratification_amount_cents, K.MONEY,
               transform=_euros),
        Column('study_level', "Niveau d'études", g, f.study_level, code_list=NK.STUDY_LEVEL),
        Column('how_to_apply', 'Comment postuler', g, f.how_to_apply),
        Column('publish_from', 'Publiée du', g, f.publish_from, K.DATE),
        Column('publish_until', "Publiée jusqu'au", g, f.publish_until, K.DATE),
        Column('created_at', 'Créée le', g, f.created_at, K.DATETIME),
    ]  # fmt: skip


def _offers(actor: Actor, values: Mapping[str, str]) -> tuple[Any, list[Any], list[Any]]:
    text = {key: (value or '').strip() for key, value in values.items()}
    scope = scope_clause(actor, Action.EXPORT, composante=col(Offer.composante_id), student=None, referent=None)
    where: list[Any] = [sa.or_(scope, col(Offer.composante_id).is_(None))]
    for word in text.get('q', '').split():
        where.append(col(Offer.title).icontains(word, autoescape=True))
    if text.get('statut') in {status.value for status in OfferStatus}:
        where.append(col(Offer.status) == OfferStatus(text['statut']))
    if text.get('composante', '').isdigit():
        where.append(col(Offer.composante_id) == int(text['composante']))
    if text.get('departement'):
        where.append(col(Offer.departement_code) == text['departement'])
    source = join(Offer, Organisation, col(Organisation.id) == Offer.organisation_id).outerjoin(
        Composante, col(Composante.id) == Offer.composante_id
    )
    return source, where, [col(Offer.number)]


ORGANISATIONS = Dataset(
    'etablissements',
    "Établissements d'accueil",
    organisation_columns,
    _organisations,
    {
        'q': 'Nom ou SIRET',
        'departement': 'Département',
        'pays': 'Pays',
        'naf': 'Code NAF',
        'a_verifier': 'À vérifier',
        'ouverts': 'Ouverts seulement',
    },
)
OFFERS = Dataset(
    'offres',
    'Offres de stage',
    offer_columns,
    _offers,
    {'q': 'Mots du titre', 'statut': 'Statut', 'composante': 'Composante', 'departement': 'Département'},
)
