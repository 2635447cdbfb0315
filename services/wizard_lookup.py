"""What the wizard's search boxes and lists call: établissements by name (+ département) or SIRET, offers,
students (staff on behalf of one), the step-5 lists, and whether a convention may be reopened.

Établissements by name go through the search engine, like the « Etablissements d'accueil » page.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from rapidfuzz import fuzz, process
from sqlmodel import col, select

from models import Composante, Convention, NomenclatureKind, Offer, Organisation, Student
from services import convention_mapping
from services.actor import Actor
from services.code_lists import active_entries
from services.database import session_scope
from services.offer_queries import OfferSummary, get_offer, published_now, search_offers
from services.organisation_search import OrganisationFilters, ranked_ids
from services.organisations import OrganisationView, fold_organisation_name, open_organisations, view_of
from services.permissions import Action, Target, can, require, scope_clause
from services.text import identifier_digits, normalise

NAME_SCORE_CUTOFF = 70
LIVE_RESULTS = 10  # a live search box lists the ten best; more typing narrows them


def find_organisations_by_name(
    actor: Actor, text: str, *, departement: str | None = None, limit: int = LIVE_RESULTS
) -> list[OrganisationView]:
    """Open établissements whose raison sociale (or enseigne) looks like `text`, best first; typos tolerated.

    The same ranking as « Rechercher un établissement d'accueil » (the search engine, or its SQL fallback
    while the engine's index is being built at start-up).
    """
    require(actor, Action.ORGANISATION_READ)
    if len(fold_organisation_name(text)) < 2:
        return []
    wanted_departement = departement.strip().upper() if departement else None
    filters = OrganisationFilters(departement=wanted_departement, include_closed=False)
    with session_scope() as session:
        order, _capped = ranked_ids(session, text, filters, None)
        wanted = order[:limit]
        found = {
            organisation.id: organisation
            for organisation in session.exec(
                select(Organisation).where(col(Organisation.id).in_(wanted), open_organisations())
            ).all()
        }
        return [view_of(found[record_id]) for record_id in wanted if record_id in found]


def find_organisations_by_siret(actor: Actor, text: str, *, limit: int = LIVE_RESULTS) -> list[OrganisationView]:
    """Open établissements whose SIRET starts with the digits typed (spaces and dots tolerated, SIREN works)."""
    require(actor, Action.ORGANISATION_READ)
    digits = identifier_digits(text)
    if not digits or len(digits) < 3:
        return []
    with session_scope() as session:
        rows = session.exec(
            select(Organisation)
            .where(open_organisations(), col(Organisation.siret).startswith(digits, autoescape=True))
            .order_by(col(Organisation.siret))
            .limit(limit)
        ).all()
        return [view_of(organisation) for organisation in rows]


def find_published_offers(actor: Actor, text: str, *, limit: int = 10) -> list[OfferSummary]:
    """« Votre stage est-il en rapport avec une offre ? »: by number (exact or its digits), raison sociale, keyword."""
    require(actor, Action.OFFER_READ)
    typed = text.strip()
    if len(typed) < 2:
        return []
    digits = identifier_digits(typed.replace('-', ''))
    by_number: list[OfferSummary] = []
    if digits:
        with session_scope() as session:
            offer_ids = session.exec(
                select(Offer.id)
                .where(published_now(), sa.func.replace(col(Offer.number), '-', '').contains(digits, autoescape=True))
                .order_by(col(Offer.number))
                .limit(limit)
            ).all()
        by_number = [get_offer(actor, offer_id).summary for offer_id in offer_ids if offer_id is not None]
    by_words = search_offers(actor, typed).items if not by_number else []
    return (by_number + by_words)[:limit]


@dataclass(frozen=True)
class StudentHit:
    id: int
    student_number: str
    name: str
    composante: str


def search_students(actor: Actor, text: str, *, limit: int = 10) -> list[StudentHit]:
    """Staff running the wizard on behalf of a student: students of their composantes, by name or number."""
    require(actor, Action.CONVENTION_CREATE)
    wanted = normalise(text)
    if len(wanted) < 2:
        return []
    scope = scope_clause(
        actor,
        Action.CONVENTION_CREATE,
        composante=col(Student.composante_id),
        student=col(Student.id),
        referent=sa.null(),
    )
    with session_scope() as session:
        rows = session.exec(
            select(Student, Composante.code).join(Composante, col(Composante.id) == Student.composante_id).where(scope)
        ).all()
    choices = {
        index: f'{normalise(student.last_name)} {normalise(student.first_name)} {student.student_number}'
        for index, (student, _code) in enumerate(rows)
    }
    best = process.extract(wanted, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=NAME_SCORE_CUTOFF)
    hits = []
    for _choice, _score, index in best:
        student, code = rows[index]
        assert student.id is not None
        hits.append(
            StudentHit(student.id, student.student_number, f'{student.last_name.upper()} {student.first_name}', code)
        )
    return hits


@dataclass(frozen=True)
class ContentChoices:
    """The lists of step 5 « Contenu du stage » that come from the nomenclatures."""

    thematiques: dict[str, str]
    found_how: dict[str, str]


def content_choices(actor: Actor) -> ContentChoices:
    require(actor, Action.ORGANISATION_READ)
    with session_scope() as session:
        return ContentChoices(
            thematiques=active_entries(session, NomenclatureKind.THEMATIQUE),
            found_how=active_entries(session, NomenclatureKind.FOUND_HOW),
        )


@dataclass(frozen=True)
class Modification:
    allowed: bool  # may reopen it in the wizard and delete it
    reason: str | None = None  # why not, for someone who could modify it before validation (an avenant now)


def modification_status(actor: Actor, convention_id: int) -> Modification:
    """Whether `actor` may still modify or delete the convention directly (not once validated)."""
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        if convention is None:
            return Modification(False)
        target = Target(convention.composante_id, convention.student_id, convention.referent_id)
        if not can(actor, Action.CONVENTION_UPDATE, target):
            return Modification(False)
        reason = convention_mapping.locked_reason(session, convention)
        return Modification(reason is None, reason)
