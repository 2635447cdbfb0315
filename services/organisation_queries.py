"""Read side of the établissements d'accueil: « Rechercher un établissement d'accueil » and the record page.

The ranking and the filters are in services/organisation_search.py (the search engine, with a SQL
fallback while its index is being built); this module loads and shapes what the pages show.
"""

from dataclasses import dataclass, field, replace
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models import Contact, NomenclatureKind, Organisation, Service
from services import convention_queries, offer_queries
from services.actor import Actor
from services.code_lists import active_entries, code_and_label, code_labels
from services.convention_queries import ConventionSummary
from services.database import session_scope
from services.i18n import _
from services.labels import ORGANISATION_TYPE
from services.offer_queries import OfferSummary, StaffOfferLine
from services.organisation_search import OrganisationFilters, naf_codes_for, ranked_ids, sql_conditions
from services.pagination import PAGE_SIZE, Page, clamp_page
from services.permissions import Action, can, require
from services.reference_data import shipped_entries

__all__ = [
    'OrganisationFilters',
    'OrganisationNotFound',
    'OrganisationPage',
    'OrganisationRecord',
    'OrganisationSummary',
    'departement_options',
    'format_siret',
    'get_organisation',
    'one_line_address',
    'search_organisations',
]


class OrganisationNotFound(LookupError):
    def __init__(self) -> None:
        super().__init__(_("Cet établissement d'accueil n'existe pas."))


@dataclass(frozen=True)
class OrganisationSummary:
    id: int
    name: str
    siret: str  # formatted '123 456 789 00012', or the foreign identifier
    address: str
    naf_code: str | None
    naf_label: str | None
    needs_review: bool = False
    closed: bool = False


@dataclass(frozen=True)
class ServiceLine:
    id: int
    name: str
    address: str
    phone: str | None


@dataclass(frozen=True)
class ContactLine:
    id: int
    name: str
    function: str
    phone: str
    email: str
    service_name: str | None


@dataclass(frozen=True)
class OrganisationRecord:
    summary: OrganisationSummary
    trade_name: str | None
    kind: str
    legal_category: str
    headcount: str
    phone: str | None
    email: str | None
    website: str | None
    services: list[ServiceLine] = field(default_factory=list)
    contacts: list[ContactLine] = field(default_factory=list)
    offers: list[OfferSummary] = field(default_factory=list)
    conventions: list[ConventionSummary] | None = None  # None: not shown to this actor (students)
    closed_on: date | None = None
    merged_into: tuple[int, str] | None = None  # (id, name) of the record it was merged into
    managed_offers: list[StaffOfferLine] | None = None  # staff: every offer of this host, any status
    can_manage: bool = False  # staff may edit, confirm, close and merge


def format_siret(siret: str | None) -> str:
    """'73282932000074' -> '732 829 320 00074' (SIREN by threes, then the NIC)."""
    if not siret:
        return ''
    if len(siret) != 14 or not siret.isdigit():
        return siret
    return f'{siret[0:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}'


def one_line_address(street: str | None, postal_code: str | None, city: str | None, country: str | None) -> str:
    town = ' '.join(part for part in (postal_code, city) if part)
    parts = [street, town]
    if country and country != 'FR':
        parts.append(shipped_entries(NomenclatureKind.COUNTRY).get(country, country))
    return ', '.join(part for part in parts if part)


def departement_options(actor: Actor) -> dict[str, str]:
    """The département filter's choices: `code -> « 21 — Côte-d'Or »`."""
    require(actor, Action.ORGANISATION_READ)
    with session_scope() as session:
        entries = active_entries(session, NomenclatureKind.DEPARTEMENT)
    return {code: f'{code} — {label}' for code, label in entries.items()}


def _summaries(session: Session, organisations: list[Organisation]) -> list[OrganisationSummary]:
    naf = code_labels(session, NomenclatureKind.NAF, (o.naf_code for o in organisations))
    summaries = []
    for o in organisations:
        assert o.id is not None
        summaries.append(
            OrganisationSummary(
                id=o.id,
                name=o.name,
                siret=format_siret(o.siret) or o.foreign_identifier or '',
                address=one_line_address(o.address, o.postal_code, o.city, o.country_code),
                naf_code=o.naf_code,
                naf_label=naf.get(o.naf_code or ''),
                needs_review=o.needs_review,
                closed=o.closed_on is not None,
            )
        )
    return summaries


@dataclass(frozen=True)
class OrganisationPage(Page[OrganisationSummary]):
    capped: bool = False  # the engine's hit limit was reached: the count reads « plus de … »


def search_organisations(
    actor: Actor,
    text: str,
    departement: str | None = None,
    page: int = 1,
    *,
    filters: OrganisationFilters | None = None,
) -> OrganisationPage:
    """By name or part of it, raison sociale/enseigne, or SIRET/SIREN digits (spaces allowed), and the
    filters (département, commune or address, activité, pays, type, statut juridique); best first."""
    require(actor, Action.ORGANISATION_READ)
    filters = filters or OrganisationFilters()
    if departement:
        filters = replace(filters, departement=departement)
    naf_codes = naf_codes_for(filters.activity)
    with session_scope() as session:
        if not text.strip():
            return _ordered_page(session, sql_conditions(filters, naf_codes), page)
        ranked, capped = ranked_ids(session, text, filters, naf_codes)
        number = clamp_page(page, len(ranked))
        chosen_ids = ranked[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        rows = {o.id: o for o in session.exec(select(Organisation).where(col(Organisation.id).in_(chosen_ids))).all()}
        items = _summaries(session, [rows[i] for i in chosen_ids if i in rows])
        return OrganisationPage(items, len(ranked), number, capped=capped)


def _ordered_page(session: Session, where: list[sa.ColumnElement[bool]], page: int) -> OrganisationPage:
    total = session.exec(select(sa.func.count()).select_from(Organisation).where(*where)).one()
    number = clamp_page(page, total)
    rows = session.exec(
        select(Organisation)
        .where(*where)
        .order_by(col(Organisation.name), col(Organisation.id))
        .offset((number - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return OrganisationPage(_summaries(session, list(rows)), total, number)


def get_organisation(actor: Actor, organisation_id: int) -> OrganisationRecord:
    """The record page: identity, services, contacts, published offers; conventions for staff, scoped."""
    require(actor, Action.ORGANISATION_READ)
    with session_scope() as session:
        organisation = session.get(Organisation, organisation_id)
        if organisation is None:
            raise OrganisationNotFound()
        summary = _summaries(session, [organisation])[0]
        services = session.exec(
            select(Service).where(Service.organisation_id == organisation_id).order_by(col(Service.name))
        ).all()
        service_names = {service.id: service.name for service in services}
        contacts = session.exec(
            select(Contact).where(Contact.organisation_id == organisation_id).order_by(col(Contact.last_name))
        ).all()
        legal = code_labels(session, NomenclatureKind.LEGAL_CATEGORY, [organisation.legal_category])
        headcount = code_labels(session, NomenclatureKind.HEADCOUNT_RANGE, [organisation.headcount_range])
        merged_into = session.get(Organisation, organisation.merged_into_id) if organisation.merged_into_id else None
    conventions = (
        convention_queries.search_conventions(actor, organisation_id=organisation_id)
        if can(actor, Action.CONVENTION_SEARCH)
        else None
    )
    headcount_label = headcount.get(organisation.headcount_range or '')
    if headcount_label is None and organisation.headcount is not None:
        headcount_label = str(organisation.headcount)
    return OrganisationRecord(
        summary=summary,
        trade_name=organisation.trade_name,
        kind=ORGANISATION_TYPE[organisation.kind],
        legal_category=code_and_label(organisation.legal_category, legal),
        headcount=headcount_label or '',
        phone=organisation.phone,
        email=organisation.email,
        website=organisation.website,
        services=[
            ServiceLine(
                id=service.id or 0,
                name=service.name,
                address=summary.address
                if service.same_address
                else one_line_address(service.address, service.postal_code, service.city, service.country_code),
                phone=service.phone,
            )
            for service in services
        ],
        contacts=[
            ContactLine(
                id=contact.id or 0,
                name=' '.join(part for part in (contact.civility, contact.first_name, contact.last_name) if part),
                function=contact.function,
                phone=contact.phone,
                email=contact.email,
                service_name=service_names.get(contact.service_id),
            )
            for contact in contacts
        ],
        offers=offer_queries.search_offers(actor, organisation_id=organisation_id).items,
        conventions=conventions,
        closed_on=organisation.closed_on,
        merged_into=(merged_into.id or 0, merged_into.name) if merged_into is not None else None,
        managed_offers=offer_queries.offers_of_organisation(actor, organisation_id)
        if can(actor, Action.OFFER_MANAGE)
        else None,
        can_manage=can(actor, Action.ORGANISATION_MANAGE),
    )
