"""The « Créer un établissement » form on the server: what it sends, its lists, and the field-level checks.

Values come from a browser: anything may arrive (None, numbers, control characters, 5,000 letters).
Each field is cleaned to text first; every problem is reported at once, next to its field, in French.
"""

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from models import NomenclatureKind, Organisation, OrganisationType
from services.actor import Actor
from services.code_lists import active_entries
from services.database import session_scope
from services.i18n import _
from services.identifiers import (
    InvalidIdentifier,
    check_email,
    check_naf,
    check_phone,
    check_postal_code,
    check_siret,
    check_website,
    departement_of,
)
from services.labels import ORGANISATION_TYPE
from services.permissions import Action, require
from services.reference_data import shipped_entries
from services.text import normalise

MAX_HEADCOUNT = 10_000_000
# Column sizes of models/organisation.py: PostgreSQL refuses longer text, so say it before.
MAX_LENGTHS = {'name': 200, 'foreign_identifier': 60, 'address': 300, 'city': 100, 'email': 200, 'website': 300}


class FormErrors(Exception):
    """Field-level refusals: `errors` maps a field name to the French message shown next to it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__('; '.join(errors.values()))
        self.errors = errors


def clean_text(value: Any) -> str:
    """What was typed, as text without control characters (NUL breaks PostgreSQL), trimmed."""
    text = '' if value is None else str(value)
    return ''.join(char for char in text if char in '\t\n' or unicodedata.category(char) != 'Cc').strip()


def check_lengths(errors: dict[str, str], values: Mapping[str, str], limits: Mapping[str, int]) -> None:
    for name, limit in limits.items():
        if len(values.get(name, '')) > limit and name not in errors:
            errors[name] = _(
                'Texte trop long : {limit} caractères au plus ({count} saisis).', limit=limit, count=len(values[name])
            )


def require_fields(errors: dict[str, str], values: Mapping[str, Any], labels: dict[str, str]) -> None:
    for name, label in labels.items():
        if not str(values.get(name) or '').strip():
            errors[name] = _('Le champ « {label} » est obligatoire.', label=label)


def checked_field(errors: dict[str, str], name: str, value: str, check: Callable[[str], str]) -> str | None:
    """Run `check` on a non-empty value; record its message under `name` when it refuses."""
    if not value.strip():
        return None
    try:
        return check(value)
    except InvalidIdentifier as refused:
        errors[name] = str(refused)
        return None


@dataclass
class OrganisationInput:
    """What the « Créer un établissement » form sends (strings as typed)."""

    name: str = ''
    siret: str = ''
    foreign_identifier: str = ''
    naf_code: str = ''
    headcount_range: str = ''
    headcount: int | None = None
    legal_category: str = ''
    kind: str = OrganisationType.PRIVATE_COMPANY.value
    address: str = ''
    postal_code: str = ''
    city: str = ''
    country_code: str = 'FR'
    phone: str = ''
    email: str = ''
    website: str = ''


def _headcount(value: Any, errors: dict[str, str]) -> int | None:
    if value is None or value == '':
        return None
    try:
        number = int(value) if not isinstance(value, bool) else -1
    except (TypeError, ValueError, OverflowError):
        number = -1
    if not 0 <= number <= MAX_HEADCOUNT:
        errors['headcount'] = _("L'effectif est un nombre entier de personnes (0 ou plus).")
        return None
    return number


def validate_organisation(data: OrganisationInput) -> Organisation:
    """The new record with normalised values, or FormErrors with every field's problem at once."""
    errors: dict[str, str] = {}
    text = {f.name: clean_text(getattr(data, f.name)) for f in fields(data) if f.name != 'headcount'}
    country = text['country_code'].upper()
    in_france = country == 'FR'
    require_fields(
        errors,
        text,
        {
            'name': _('Raison sociale'),
            'naf_code': _('Code NAF/APE'),
            'legal_category': _('Statut juridique'),
            'address': _('Adresse'),
            'postal_code': _('Code postal'),
            'city': _('Commune'),
            'country_code': _('Pays'),
        },
    )
    if in_france and not text['siret']:
        errors['siret'] = _(
            'Le SIRET est obligatoire pour un établissement situé en France (14 chiffres, sur le Kbis ou societe.com).'
        )
    if country and country not in shipped_entries(NomenclatureKind.COUNTRY):
        errors['country_code'] = _('Choisissez le pays dans la liste.')
    siret = checked_field(errors, 'siret', text['siret'], check_siret)
    naf = checked_field(errors, 'naf_code', text['naf_code'], check_naf)
    postal_code = text['postal_code'] or None
    if in_france:
        postal_code = checked_field(errors, 'postal_code', text['postal_code'], check_postal_code)
    elif postal_code and len(postal_code) > 20:
        errors['postal_code'] = _('Le code postal compte au plus 20 caractères.')
    legal_category = text['legal_category']
    if legal_category and legal_category not in shipped_entries(NomenclatureKind.LEGAL_CATEGORY):
        errors['legal_category'] = _('Choisissez le statut juridique dans la liste des catégories juridiques.')
    headcount_range = text['headcount_range'] or None
    if headcount_range and headcount_range not in shipped_entries(NomenclatureKind.HEADCOUNT_RANGE):
        errors['headcount_range'] = _("Choisissez la tranche d'effectif dans la liste.")
    headcount = _headcount(data.headcount, errors)
    try:
        kind = OrganisationType(text['kind'])
    except ValueError:
        errors['kind'] = _("Choisissez le type d'établissement dans la liste.")
        kind = OrganisationType.OTHER
    phone = checked_field(errors, 'phone', text['phone'], lambda value: check_phone(value, country or 'FR'))
    email = checked_field(errors, 'email', text['email'], check_email)
    website = checked_field(errors, 'website', text['website'], check_website)
    check_lengths(errors, text, MAX_LENGTHS)
    if errors:
        raise FormErrors(errors)
    return Organisation(
        name=' '.join(text['name'].split()),
        siret=siret,
        foreign_identifier=text['foreign_identifier'] or None,
        naf_code=naf,
        headcount_range=headcount_range,
        headcount=headcount,
        legal_category=legal_category,
        kind=kind,
        address=text['address'],
        postal_code=postal_code,
        city=text['city'],
        departement_code=departement_of(postal_code or '') if in_france else None,
        country_code=country,
        phone=phone,
        email=email,
        website=website,
    )


@dataclass(frozen=True)
class OrganisationChoices:
    """The lists of the « Créer un établissement » form: code -> label, in their official order."""

    naf: dict[str, str]
    legal_categories: dict[str, str]
    headcount_ranges: dict[str, str]
    countries: dict[str, str]
    kinds: dict[str, str]
    departements: dict[str, str]  # code -> « 21 — Côte-d'Or », for the search filter


def organisation_choices(actor: Actor) -> OrganisationChoices:
    require(actor, Action.ORGANISATION_READ)
    with session_scope() as session:
        lists = {
            kind: active_entries(session, kind)
            for kind in (
                NomenclatureKind.NAF,
                NomenclatureKind.LEGAL_CATEGORY,
                NomenclatureKind.HEADCOUNT_RANGE,
                NomenclatureKind.COUNTRY,
                NomenclatureKind.DEPARTEMENT,
            )
        }
    countries = lists[NomenclatureKind.COUNTRY]
    france = {'FR': countries.pop('FR', 'France')}
    return OrganisationChoices(
        naf=lists[NomenclatureKind.NAF],
        legal_categories=lists[NomenclatureKind.LEGAL_CATEGORY],
        headcount_ranges=lists[NomenclatureKind.HEADCOUNT_RANGE],
        countries=france | dict(sorted(countries.items(), key=lambda pair: normalise(pair[1]))),
        kinds={kind.value: _(label) for kind, label in ORGANISATION_TYPE.items()},
        departements={code: f'{code} — {label}' for code, label in lists[NomenclatureKind.DEPARTEMENT].items()},
    )
