"""Établissements d'accueil: create one with field-level checks and the duplicate guard, read one.

The form's rules (guide step 2): raison sociale*, SIRET* (not abroad), NAF*, effectif, statut
juridique*, type, adresse*, code postal*, commune*, pays*, téléphone, e-mail, site web.
Services and contacts are in services/host_units.py; look-ups for the wizard in
services/organisation_lookup.py.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from models import NomenclatureKind, Organisation, OrganisationType
from services import audit
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
    format_siret,
)
from services.labels import ORGANISATION_TYPE
from services.permissions import Action, can, require
from services.reference_data import shipped_entries
from services.text import normalise

SIMILAR_NAME_SCORE = 88  # WRatio over folded names: "Garage Dupont" ~ "Garage Dupont et Fils SARL"

# Legal forms and filler words that say nothing about which organisation is meant.
_FILLER = 'sa sas sasu sarl eurl sci snc scop scp scm selarl selas gie eirl ei earl gaec ets etablissements'
LEGAL_FORMS = frozenset([*_FILLER.split(' '), 'societe', 'ste', 'cie'])


def fold_organisation_name(name: str) -> str:
    """'Garage Dupont & Fils SARL' -> 'garage dupont fils': normalised, legal forms dropped."""
    words = [word for word in normalise(name).split() if word not in LEGAL_FORMS]
    return ' '.join(words) or normalise(name)


class FormErrors(Exception):
    """Field-level refusals: `errors` maps a field name to the French message shown next to it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__('; '.join(errors.values()))
        self.errors = errors


class DuplicateOrganisation(FormErrors):
    """An open organisation already has this SIRET: the UI links to it instead of creating a twin."""

    def __init__(self, existing_id: int, existing_name: str, siret: str) -> None:
        super().__init__(
            {
                'siret': _(
                    "L'établissement « {name} » porte déjà le SIRET {siret} : "
                    "sélectionnez-le au lieu d'en créer un autre.",
                    name=existing_name,
                    siret=format_siret(siret),
                )
            }
        )
        self.existing_id = existing_id
        self.existing_name = existing_name


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


@dataclass(frozen=True)
class OrganisationView:
    id: int
    name: str
    siret: str | None
    naf_code: str | None
    legal_category: str | None
    headcount_range: str | None
    headcount: int | None
    kind: str
    address: str
    postal_code: str | None
    city: str
    departement_code: str | None
    country_code: str
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    needs_review: bool = False
    foreign_identifier: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def siret_display(self) -> str:
        return format_siret(self.siret)

    @property
    def naf_label(self) -> str:
        return shipped_entries(NomenclatureKind.NAF).get(self.naf_code or '', '')

    @property
    def kind_label(self) -> str:
        return ORGANISATION_TYPE.get(OrganisationType(self.kind), self.kind)

    @property
    def legal_category_label(self) -> str:
        return shipped_entries(NomenclatureKind.LEGAL_CATEGORY).get(self.legal_category or '', '')

    @property
    def headcount_label(self) -> str:
        if self.headcount is not None:
            return _('{count} personnes', count=self.headcount)
        return shipped_entries(NomenclatureKind.HEADCOUNT_RANGE).get(self.headcount_range or '', '')

    @property
    def country_name(self) -> str:
        return shipped_entries(NomenclatureKind.COUNTRY).get(self.country_code, self.country_code)

    @property
    def full_address(self) -> str:
        place = ' '.join(part for part in (self.postal_code, self.city) if part)
        country = '' if self.country_code == 'FR' else f', {self.country_name}'
        return f'{self.address}, {place}{country}'


def view_of(organisation: Organisation) -> OrganisationView:
    assert organisation.id is not None
    return OrganisationView(
        id=organisation.id,
        name=organisation.name,
        siret=organisation.siret,
        naf_code=organisation.naf_code,
        legal_category=organisation.legal_category,
        headcount_range=organisation.headcount_range,
        headcount=organisation.headcount,
        kind=organisation.kind.value,
        address=organisation.address,
        postal_code=organisation.postal_code,
        city=organisation.city,
        departement_code=organisation.departement_code,
        country_code=organisation.country_code,
        phone=organisation.phone,
        email=organisation.email,
        website=organisation.website,
        needs_review=organisation.needs_review,
        foreign_identifier=organisation.foreign_identifier,
    )


def open_organisations() -> sa.ColumnElement[bool]:
    """Neither closed nor merged into another record."""
    return sa.and_(col(Organisation.closed_on).is_(None), col(Organisation.merged_into_id).is_(None))


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


def validate_organisation(data: OrganisationInput) -> Organisation:
    """The new record with normalised values, or FormErrors with every field's problem at once."""
    errors: dict[str, str] = {}
    country = (data.country_code or '').strip().upper()
    in_france = country == 'FR'
    require_fields(
        errors,
        vars(data),
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
    if in_france and not data.siret.strip():
        errors['siret'] = _(
            'Le SIRET est obligatoire pour un établissement situé en France (14 chiffres, sur le Kbis ou societe.com).'
        )
    if country and country not in shipped_entries(NomenclatureKind.COUNTRY):
        errors['country_code'] = _('Choisissez le pays dans la liste.')
    siret = checked_field(errors, 'siret', data.siret, check_siret)
    naf = checked_field(errors, 'naf_code', data.naf_code, check_naf)
    postal_code = data.postal_code.strip() or None
    if in_france:
        postal_code = checked_field(errors, 'postal_code', data.postal_code, check_postal_code)
    legal_category = data.legal_category.strip()
    if legal_category and legal_category not in shipped_entries(NomenclatureKind.LEGAL_CATEGORY):
        errors['legal_category'] = _('Choisissez le statut juridique dans la liste des catégories juridiques.')
    headcount_range = data.headcount_range.strip() or None
    if headcount_range and headcount_range not in shipped_entries(NomenclatureKind.HEADCOUNT_RANGE):
        errors['headcount_range'] = _("Choisissez la tranche d'effectif dans la liste.")
    if data.headcount is not None and data.headcount < 0:
        errors['headcount'] = _("L'effectif est un nombre de personnes, positif ou nul.")
    try:
        kind = OrganisationType(data.kind)
    except ValueError:
        errors['kind'] = _("Choisissez le type d'établissement dans la liste.")
        kind = OrganisationType.OTHER
    phone = checked_field(errors, 'phone', data.phone, lambda value: check_phone(value, country or 'FR'))
    email = checked_field(errors, 'email', data.email, check_email)
    website = checked_field(errors, 'website', data.website, check_website)
    if errors:
        raise FormErrors(errors)
    return Organisation(
        name=' '.join(data.name.split()),
        siret=siret,
        foreign_identifier=data.foreign_identifier.strip() or None,
        naf_code=naf,
        headcount_range=headcount_range,
        headcount=data.headcount,
        legal_category=legal_category,
        kind=kind,
        address=data.address.strip(),
        postal_code=postal_code,
        city=data.city.strip(),
        departement_code=departement_of(postal_code or '') if in_france else None,
        country_code=country,
        phone=phone,
        email=email,
        website=website,
    )


def _existing_with_siret(session: Session, siret: str) -> Organisation | None:
    return session.exec(select(Organisation).where(Organisation.siret == siret, open_organisations())).first()


def similar_in_commune(session: Session, candidate: Organisation, limit: int = 5) -> list[OrganisationView]:
    """Open organisations of the same commune whose folded name looks like the candidate's."""
    same_place: list[sa.ColumnElement[bool]] = [
        col(Organisation.country_code) == candidate.country_code,
        open_organisations(),
    ]
    if candidate.country_code == 'FR':
        same_place.append(col(Organisation.departement_code) == candidate.departement_code)
    neighbours = session.exec(
        select(Organisation).where(
            *same_place,
            sa.or_(
                sa.func.lower(Organisation.city) == candidate.city.lower(),
                col(Organisation.postal_code) == candidate.postal_code,
            ),
        )
    ).all()
    wanted_name, wanted_city = fold_organisation_name(candidate.name), normalise(candidate.city)
    scored = [
        (fuzz.WRatio(wanted_name, fold_organisation_name(other.name)), other)
        for other in neighbours
        if normalise(other.city) == wanted_city
    ]
    scored = [(score, other) for score, other in scored if score >= SIMILAR_NAME_SCORE]
    scored.sort(key=lambda pair: -pair[0])
    return [view_of(other) for _score, other in scored[:limit]]


class SimilarOrganisations(Exception):
    """Same commune, similar name: « Vouliez-vous dire … ? » — the user picks one or confirms his own."""

    def __init__(self, suggestions: list[OrganisationView]) -> None:
        super().__init__(_('Des établissements au nom proche existent déjà dans cette commune.'))
        self.suggestions = suggestions


def create_organisation(actor: Actor, data: OrganisationInput, *, confirmed: bool = False) -> OrganisationView:
    """Create a host; raises FormErrors, DuplicateOrganisation, or SimilarOrganisations unless `confirmed`."""
    require(actor, Action.ORGANISATION_CREATE)
    organisation = validate_organisation(data)
    with session_scope() as session:
        if organisation.siret and (existing := _existing_with_siret(session, organisation.siret)):
            assert existing.id is not None
            raise DuplicateOrganisation(existing.id, existing.name, organisation.siret)
        if not confirmed and (suggestions := similar_in_commune(session, organisation)):
            raise SimilarOrganisations(suggestions)
        organisation.needs_review = not can(actor, Action.ORGANISATION_MANAGE)
        organisation.created_by_id = actor.user_id
        session.add(organisation)
        try:
            session.flush()
        except sa.exc.IntegrityError:  # created by someone else a moment ago
            session.rollback()
            if organisation.siret and (existing := _existing_with_siret(session, organisation.siret)):
                assert existing.id is not None
                raise DuplicateOrganisation(existing.id, existing.name, organisation.siret) from None
            raise
        audit.record(
            session,
            actor_id=actor.user_id,
            action='organisation.create',
            entity_type='organisation',
            entity_id=organisation.id,
            summary=_('Établissement « {name} » créé', name=organisation.name),
        )
        return view_of(organisation)


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
        kinds={kind.value: label for kind, label in ORGANISATION_TYPE.items()},
        departements={code: f'{code} — {label}' for code, label in lists[NomenclatureKind.DEPARTEMENT].items()},
    )


def get_organisation(actor: Actor, organisation_id: int) -> OrganisationView | None:
    require(actor, Action.ORGANISATION_READ)
    with session_scope() as session:
        organisation = session.get(Organisation, organisation_id)
        return view_of(organisation) if organisation is not None else None
