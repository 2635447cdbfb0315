"""Read side of the établissements d'accueil: « Rechercher un établissement d'accueil » and the record page.

The search is deliberately simple (SQL LIKE on word prefixes to get a bounded candidate set, then a
rapidfuzz re-rank); a dedicated search engine replaces its internals behind the same function.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from rapidfuzz import fuzz, process
from sqlmodel import Session, col, select

from models import Contact, NomenclatureKind, Organisation, Service
from services import convention_queries, offer_queries
from services.actor import Actor
from services.code_lists import active_entries, code_and_label, code_labels
from services.convention_queries import ConventionSummary
from services.database import session_scope
from services.i18n import _
from services.labels import ORGANISATION_TYPE
from services.offer_queries import OfferSummary
from services.pagination import PAGE_SIZE, Page, clamp_page
from services.permissions import Action, can, require
from services.reference_data import shipped_entries
from services.text import identifier_digits, normalise, words

CANDIDATE_LIMIT = 2000
MIN_SCORE = 70  # rapidfuzz WRatio, 0–100: below this a candidate is noise
PREFIX = 3  # candidates share the first letters of a query word, so small typos further on still match


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


def search_organisations(
    actor: Actor, text: str, departement: str | None = None, page: int = 1
) -> Page[OrganisationSummary]:
    """By name or part of it, raison sociale/enseigne, or SIRET/SIREN digits (spaces allowed); best first."""
    require(actor, Action.ORGANISATION_READ)
    base: list[sa.ColumnElement[bool]] = [col(Organisation.merged_into_id).is_(None)]
    if departement:
        base.append(col(Organisation.departement_code) == departement)
    digits = identifier_digits(text)
    query_words = [word for word in words(text) if len(word) >= 2]
    with session_scope() as session:
        if digits is not None and len(digits) >= 3:
            return _ordered_page(session, [*base, col(Organisation.siret).startswith(digits)], page)
        if not query_words:
            return _ordered_page(session, base, page)
        candidates = _candidates(session, base, query_words)  # (id, searchable name) pairs
        matches = process.extract(
            ' '.join(query_words),
            [name for _id, name in candidates],
            scorer=fuzz.WRatio,
            score_cutoff=MIN_SCORE,
            limit=None,
        )
        matches.sort(key=lambda match: (-match[1], match[0]))  # best score, then alphabetical
        number = clamp_page(page, len(matches))
        start = (number - 1) * PAGE_SIZE
        chosen_ids = [candidates[index][0] for _name, _score, index in matches[start : start + PAGE_SIZE]]
        rows = {o.id: o for o in session.exec(select(Organisation).where(col(Organisation.id).in_(chosen_ids))).all()}
        return Page(_summaries(session, [rows[i] for i in chosen_ids]), len(matches), number)


def _candidates(session: Session, base: list[sa.ColumnElement[bool]], query_words: list[str]) -> list[tuple[int, str]]:
    """Names sharing every word's first letters come first, then those sharing some, up to the bound.

    Only ids and names are read: building whole rows for thousands of candidates costs more than ranking them.
    """
    matches = [
        sa.or_(
            col(Organisation.name).icontains(word[:PREFIX], autoescape=True),
            col(Organisation.trade_name).icontains(word[:PREFIX], autoescape=True),
        )
        for word in query_words
    ]
    columns = select(Organisation.id, Organisation.name, Organisation.trade_name)
    rows = list(session.exec(columns.where(*base, *matches).limit(CANDIDATE_LIMIT)).all())
    if len(matches) > 1 and len(rows) < CANDIDATE_LIMIT:
        seen = [row[0] for row in rows]
        rows += session.exec(
            columns.where(*base, sa.or_(*matches), col(Organisation.id).not_in(seen)).limit(CANDIDATE_LIMIT - len(rows))
        ).all()
    return [(id_ or 0, normalise(f'{name} {trade_name or ""}')) for id_, name, trade_name in rows]


def _ordered_page(session: Session, where: list[sa.ColumnElement[bool]], page: int) -> Page[OrganisationSummary]:
    total = session.exec(select(sa.func.count()).select_from(Organisation).where(*where)).one()
    number = clamp_page(page, total)
    rows = session.exec(
        select(Organisation)
        .where(*where)
        .order_by(col(Organisation.name), col(Organisation.id))
        .offset((number - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return Page(_summaries(session, list(rows)), total, number)


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
    )
