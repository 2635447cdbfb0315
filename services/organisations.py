"""Établissements d'accueil: create one with field-level checks and the duplicate guard, read one.

The form's fields and checks are in services/organisation_input.py (re-exported here); services and
contacts in services/host_units.py; look-ups for the wizard in services/wizard_lookup.py.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from models import NomenclatureKind, Organisation, OrganisationType
from services import audit, search
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.identifiers import format_siret
from services.labels import ORGANISATION_TYPE
from services.organisation_input import (
    FormErrors,
    OrganisationChoices,
    OrganisationInput,
    organisation_choices,
    validate_organisation,
)
from services.organisation_search import index_changed
from services.permissions import Action, can, require
from services.reference_data import shipped_entries
from services.text import normalise

__all__ = [
    'DuplicateOrganisation',
    'FormErrors',
    'OrganisationChoices',
    'OrganisationInput',
    'OrganisationView',
    'SimilarOrganisations',
    'create_organisation',
    'get_organisation',
    'organisation_choices',
    'validate_organisation',
]

SIMILAR_NAME_SCORE = 88  # WRatio over folded names: "Garage Dupont" ~ "Garage Dupont et Fils SARL"

# Legal forms and filler words that say nothing about which organisation is meant.
_FILLER = 'sa sas sasu sarl eurl sci snc scop scp scm selarl selas gie eirl ei earl gaec ets etablissements'
LEGAL_FORMS = frozenset([*_FILLER.split(' '), 'societe', 'ste', 'cie'])


def fold_organisation_name(name: str) -> str:
    """'Garage Dupont & Fils SARL' -> 'garage dupont fils': normalised, legal forms dropped."""
    words = [word for word in normalise(name).split() if word not in LEGAL_FORMS]
    return ' '.join(words) or normalise(name)


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
        created = view_of(organisation)
    index_changed(search.ESTABLISHMENTS, [created.id])  # findable at once in this instance
    return created


def get_organisation(actor: Actor, organisation_id: int) -> OrganisationView | None:
    require(actor, Action.ORGANISATION_READ)
    with session_scope() as session:
        organisation = session.get(Organisation, organisation_id)
        return view_of(organisation) if organisation is not None else None
