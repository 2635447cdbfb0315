"""Staff work on the établissements d'accueil: confirm one « à vérifier », edit, close (cessation), merge duplicates.

Merging moves everything that points to the duplicate (services, contacts, offers, conventions, wizard
drafts) to the record kept, marks the duplicate `merged_into_id`, and writes the history to the audit
trail of both records — all in one transaction: either everything moved or nothing did.
"""

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models import Contact, Convention, ConventionDraft, Offer, Organisation, Service
from services import audit, search
from services.actor import Actor
from services.database import session_scope
from services.drafts import hold_draft
from services.i18n import _
from services.organisation_input import FormErrors, OrganisationInput, validate_organisation
from services.organisation_search import index_changed
from services.organisations import DuplicateOrganisation, OrganisationView, open_organisations, view_of
from services.permissions import Action, require

# Fields an edit may change (the others are bookkeeping: review flag, closure, merge, authorship).
EDITABLE = (
    'name', 'siret', 'foreign_identifier', 'naf_code', 'headcount_range', 'headcount', 'legal_category', 'kind',
    'address', 'postal_code', 'city', 'departement_code', 'country_code', 'phone', 'email', 'website',
)  # fmt: skip
# Contact details the kept record borrows from the duplicate when it has none.
BORROWED = ('trade_name', 'activity', 'phone', 'email', 'website', 'headcount', 'headcount_range')


class OrganisationMissing(LookupError):
    def __init__(self) -> None:
        super().__init__(_("Cet établissement d'accueil n'existe pas."))


class MergeRefused(ValueError):
    """The French message says why (same record, already merged…)."""


@dataclass(frozen=True)
class MergeReport:
    kept_id: int
    removed_id: int
    services: int
    contacts: int
    offers: int
    conventions: int
    drafts: int


def _load(session: Session, organisation_id: int) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise OrganisationMissing()
    return organisation


def _audit(
    session: Session, actor: Actor, organisation: Organisation, action: str, summary: str, **changes: Any
) -> None:
    audit.record(
        session,
        actor_id=actor.user_id or None,
        action=action,
        entity_type='organisation',
        entity_id=organisation.id,
        summary=summary,
        changes=changes or None,
    )


def edit_values(actor: Actor, organisation_id: int) -> OrganisationInput:
    """The record as the shared form shows it, for « Modifier »."""
    require(actor, Action.ORGANISATION_MANAGE)
    with session_scope() as session:
        organisation = _load(session, organisation_id)
    text = {
        f.name: getattr(organisation, f.name) or ''
        for f in fields(OrganisationInput)
        if f.name not in ('headcount', 'kind')
    }
    return OrganisationInput(**text, headcount=organisation.headcount, kind=organisation.kind.value)


def update_organisation(actor: Actor, organisation_id: int, data: OrganisationInput) -> OrganisationView:
    """Staff edit: the same checks as a creation; a SIRET held by another open record is refused with its link."""
    require(actor, Action.ORGANISATION_MANAGE)
    checked = validate_organisation(data)
    with session_scope() as session:
        organisation = _load(session, organisation_id)
        if organisation.merged_into_id is not None:
            raise FormErrors({'name': _('Cette fiche a été fusionnée : modifiez la fiche conservée.')})
        if checked.siret and checked.siret != organisation.siret:
            other = session.exec(
                select(Organisation).where(
                    Organisation.siret == checked.siret, open_organisations(), col(Organisation.id) != organisation_id
                )
            ).first()
            if other is not None:
                raise DuplicateOrganisation(other.id or 0, other.name, checked.siret)
        changes = {
            name: [_plain(getattr(organisation, name)), _plain(getattr(checked, name))]
            for name in EDITABLE
            if getattr(organisation, name) != getattr(checked, name)
        }
        for name in changes:
            setattr(organisation, name, getattr(checked, name))
        if changes:
            _audit(session, actor, organisation, 'organisation.update', _('Fiche modifiée'), **changes)
        session.flush()
        view = view_of(organisation)
    index_changed(search.ESTABLISHMENTS, [organisation_id])
    return view


def _plain(value: object) -> object:
    return value.value if hasattr(value, 'value') else value


def confirm_organisation(actor: Actor, organisation_id: int) -> int:
    """« Confirmer » a record a student created: it is no longer « à vérifier ». Its id."""
    require(actor, Action.ORGANISATION_MANAGE)
    with session_scope() as session:
        organisation = _load(session, organisation_id)
        if organisation.needs_review:
            organisation.needs_review = False
            _audit(session, actor, organisation, 'organisation.confirm', _('Fiche vérifiée et confirmée'))
    index_changed(search.ESTABLISHMENTS, [organisation_id])
    return organisation_id


def close_organisation(actor: Actor, organisation_id: int, closed_on: date | None) -> int:
    """Record the cessation (date given), or reopen with None — refused if another open record took its SIRET."""
    require(actor, Action.ORGANISATION_MANAGE)
    with session_scope() as session:
        organisation = _load(session, organisation_id)
        if closed_on is not None and closed_on > date.today():
            raise FormErrors({'closed_on': _('La date de cessation ne peut pas être dans le futur.')})
        if closed_on is None and organisation.siret:
            other = session.exec(
                select(Organisation).where(Organisation.siret == organisation.siret, open_organisations())
            ).first()
            if other is not None and other.id != organisation_id:
                raise DuplicateOrganisation(other.id or 0, other.name, organisation.siret)
        previous, organisation.closed_on = organisation.closed_on, closed_on
        if closed_on is None:
            _audit(session, actor, organisation, 'organisation.reopen', _('Établissement rouvert'))
        else:
            summary = _('Cessation d’activité le {date}', date=closed_on.strftime('%d/%m/%Y'))
            _audit(
                session, actor, organisation, 'organisation.close', summary, closed_on=[str(previous), str(closed_on)]
            )
    index_changed(search.ESTABLISHMENTS, [organisation_id])
    return organisation_id


def _move(session: Session, model: Any, removed_id: int, kept_id: int) -> list[int]:
    table = model.__table__
    ids = [int(row[0]) for row in session.execute(sa.select(table.c.id).where(table.c.organisation_id == removed_id))]
    if ids:
        session.execute(sa.update(table).where(table.c.organisation_id == removed_id).values(organisation_id=kept_id))
    return ids


def _move_drafts(session: Session, removed_id: int, kept_id: int) -> int:
    """Wizard drafts keep the chosen host in their JSON: point them to the record kept. Each draft is held, then
    read again, as a wizard save does: a student saving it meanwhile keeps what she saved."""
    pointing = [
        draft_id
        for draft_id, data in session.exec(select(ConventionDraft.id, ConventionDraft.data)).all()
        if draft_id is not None and data.get('organisation_id') == removed_id
    ]
    moved = 0
    for draft_id in pointing:
        hold_draft(session, draft_id)
        draft = session.get(ConventionDraft, draft_id)
        if draft is None or draft.data.get('organisation_id') != removed_id:
            continue  # created or given another host meanwhile
        draft.data = {**draft.data, 'organisation_id': kept_id}
        session.add(draft)
        moved += 1
    return moved


def merge_organisations(actor: Actor, kept_id: int, removed_id: int) -> MergeReport:
    """Merge the duplicate `removed_id` into `kept_id` (one transaction; history in the audit trail)."""
    require(actor, Action.ORGANISATION_MANAGE)
    if kept_id == removed_id:
        raise MergeRefused(_('Choisissez deux fiches différentes.'))
    with session_scope() as session:
        kept, removed = _load(session, kept_id), _load(session, removed_id)
        if kept.merged_into_id is not None or removed.merged_into_id is not None:
            raise MergeRefused(_('Une des deux fiches a déjà été fusionnée : partez de la fiche conservée.'))
        services = _move(session, Service, removed_id, kept_id)
        contacts = _move(session, Contact, removed_id, kept_id)
        offers = _move(session, Offer, removed_id, kept_id)
        conventions = _move(session, Convention, removed_id, kept_id)
        drafts = _move_drafts(session, removed_id, kept_id)
        borrowed = {
            name: getattr(removed, name) for name in BORROWED if not getattr(kept, name) and getattr(removed, name)
        }
        for name, value in borrowed.items():
            setattr(kept, name, value)
        removed.merged_into_id = kept_id
        removed.needs_review = False
        moved = {'services': services, 'contacts': contacts, 'offers': offers, 'conventions': conventions}
        _audit(
            session, actor, kept, 'organisation.merge',
            _('Fiche « {name} » (n° {id}) fusionnée dans celle-ci', name=removed.name, id=removed_id),
            removed_id=removed_id, borrowed=sorted(borrowed), drafts=drafts, **moved,
        )  # fmt: skip
        _audit(
            session, actor, removed, 'organisation.merged',
            _('Fusionnée dans « {name} » (n° {id})', name=kept.name, id=kept_id),
            kept_id=kept_id, **moved,
        )  # fmt: skip
    index_changed(search.ESTABLISHMENTS, [kept_id, removed_id])
    index_changed(search.CONVENTIONS, conventions)
    index_changed(search.OFFERS, offers)
    return MergeReport(kept_id, removed_id, len(services), len(contacts), len(offers), len(conventions), drafts)
