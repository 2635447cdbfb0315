"""Read side of avenants: the list of a convention, one avenant's recap (each change before → after), the terms in
force, and the choices the form offers. Plain strings, ready to display."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from models import (
    Amendment,
    AmendmentStatus,
    AmountBasis,
    Contact,
    Convention,
    GratificationUnit,
    Organisation,
    PaymentMethod,
    Service,
    Teacher,
    User,
)
from services.actor import Actor
from services.amendment_rules import CHANGE_LABELS, Change
from services.amendments import AmendmentError, creation_refusal, form_data_of, target_of
from services.current_terms import Terms, load_current_terms, with_amendment
from services.database import session_scope
from services.documents_amendment import amendment_changes
from services.i18n import N_, _
from services.labels import AMENDMENT_STATUS, GRATIFICATION_UNIT
from services.permissions import Action, can, require
from services.rules import fmt

PAYMENT_LABELS = {
    PaymentMethod.TRANSFER: N_('virement'),
    PaymentMethod.CHEQUE: N_('chèque'),
    PaymentMethod.CASH: N_('espèces'),
}
CHANGE_ROW_LABELS = {
    'start_date': N_('Date de début'),
    'end_date': N_('Date de fin'),
    'interruptions': N_('Interruptions'),
    'rupture': N_('Rupture au'),
    'rupture_reason': N_('Motif de la rupture'),
    'subject': N_('Sujet'),
    'gratification': N_('Gratification'),
    'service': N_("Service d'accueil"),
    'tutor': N_('Tuteur professionnel'),
    'referent': N_('Enseignant référent'),
    'effective_hours': N_('Durée effective (heures)'),
    'effective_days': N_('Durée effective (jours)'),
    'other': N_('Autre modification'),
}


@dataclass(frozen=True)
class AmendmentSummary:
    id: int
    number: str
    status: AmendmentStatus
    status_label: str
    motif: str
    created_at: datetime


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class AmendmentDetail:
    id: int
    number: str
    convention_id: int
    convention_number: str
    status: AmendmentStatus
    status_label: str
    motif: str
    created_by: str
    created_at: datetime
    version: int
    changes: list[ChangeRow]
    can_edit: bool
    can_validate: bool


@dataclass(frozen=True)
class TermsView:
    """The convention in force: original values plus validated avenants."""

    rows: list[tuple[str, str]]
    end_date: date
    amendment_numbers: list[str]


@dataclass(frozen=True)
class AmendmentsTab:
    convention_id: int
    number: str
    amendments: list[AmendmentSummary]
    terms: TermsView
    refusal: str | None  # why the actor cannot create one now (None: « Créer un avenant » is offered)


@dataclass(frozen=True)
class FormChoices:
    convention_id: int
    convention_number: str
    services: dict[int, str]
    contacts: dict[int, str]
    teachers: dict[int, str]
    units: dict[str, str]
    bases: dict[str, str]
    payments: dict[str, str]
    changes: dict[str, str]
    terms: TermsView


def _money(cents: int | None, unit: str | None, basis: str | None, currency: str) -> str:
    if not cents:
        return _('Non gratifié')
    unit_label = _(GRATIFICATION_UNIT[GratificationUnit(unit)]) if unit else ''
    return ' '.join(part for part in (fmt.money(cents, currency), unit_label, f'({basis})' if basis else '') if part)


def _person(first: str, last: str) -> str:
    return f'{first} {last}'


def terms_view(session: Session, convention: Convention, terms: Terms) -> TermsView:
    service = session.get(Service, terms.service_id)
    tutor = session.get(Contact, terms.tutor_id)
    teacher = session.get(Teacher, terms.referent_id)
    rows = [
        (_('Dates'), _('du {start} au {end}', start=fmt.day(terms.start_date), end=fmt.day(terms.end_date))),
        (_('Durée effective'), f'{fmt.hours(terms.effective_hours)} ({fmt.days(terms.effective_days)})'),
        (_('Interruptions'), ', '.join(f'{fmt.day(a)} – {fmt.day(b)}' for a, b in terms.periods) or '—'),
        (_('Sujet'), terms.subject),
        (
            _('Gratification'),
            _money(
                terms.amount_cents if terms.gratified else None,
                terms.unit,
                terms.basis,
                convention.gratification_currency,
            ),
        ),
        (_("Service d'accueil"), service.name if service else '—'),
        (_('Tuteur professionnel'), _person(tutor.first_name, tutor.last_name) if tutor else '—'),
        (_('Enseignant référent'), _person(teacher.first_name, teacher.last_name) if teacher else '—'),
    ]
    if terms.rupture_date:
        rows.append((_('Rupture'), f'{fmt.day(terms.rupture_date)} — {terms.rupture_reason or ""}'))
    for other in terms.other_changes:
        rows.append((_('Autre modification'), other))
    return TermsView(rows, terms.end_date, terms.amendment_numbers)


def _open_convention(session: Session, actor: Actor, convention_id: int) -> Convention:
    convention = session.get(Convention, convention_id)
    if convention is None:
        raise AmendmentError(_("Cette convention n'existe pas ou a été supprimée."))
    require(actor, Action.CONVENTION_READ, target_of(convention))
    return convention


def amendments_tab(actor: Actor, convention_id: int) -> AmendmentsTab:
    with session_scope() as session:
        convention = _open_convention(session, actor, convention_id)
        rows = session.exec(
            select(Amendment)
            .where(Amendment.convention_id == convention_id, Amendment.status != AmendmentStatus.CANCELLED)
            .order_by(col(Amendment.sequence))
        ).all()
        summaries = [
            AmendmentSummary(a.id or 0, a.number, a.status, AMENDMENT_STATUS[a.status], a.motif, a.created_at)
            for a in rows
        ]
        terms = terms_view(session, convention, load_current_terms(session, convention))
        return AmendmentsTab(
            convention_id, convention.number, summaries, terms, creation_refusal(session, actor, convention)
        )


def _show(kind: str, value: object, currency: str) -> str:
    if value is None:
        return '—'
    if kind == 'date' and isinstance(value, date):
        return fmt.day(value)
    if kind == 'periods' and isinstance(value, list):
        return ', '.join(f'{fmt.day(p["start_date"])} – {fmt.day(p["end_date"])}' for p in value) or '—'
    if kind == 'gratification' and isinstance(value, dict):
        amount = value['amount_cents'] if value['gratified'] else None
        return _money(amount, value['unit'], value['basis'], currency)
    if kind in ('service',) and isinstance(value, dict):
        return str(value['name'])
    if kind == 'person' and isinstance(value, dict):
        return _person(value['first_name'], value['last_name'])
    if kind == 'hours' and isinstance(value, int | float):
        return fmt.hours(value)
    if kind == 'days' and isinstance(value, int | float):
        return fmt.days(value)
    return str(value)


def amendment_detail(actor: Actor, amendment_id: int) -> AmendmentDetail:
    with session_scope() as session:
        amendment = session.get(Amendment, amendment_id)
        if amendment is None or amendment.status is AmendmentStatus.CANCELLED:
            raise AmendmentError(_("Cet avenant n'existe pas ou a été supprimé."))
        convention = _open_convention(session, actor, amendment.convention_id)
        before = load_current_terms(session, convention, before_sequence=amendment.sequence)
        after = with_amendment(before, amendment)
        currency = convention.gratification_currency
        changes = [
            ChangeRow(
                _(CHANGE_ROW_LABELS.get(change['key'], change['key'])),
                _show(change['kind'], change['before'], currency),
                _show(change['kind'], change['after'], currency),
            )
            for change in amendment_changes(session, convention, amendment, before, after)
        ]
        creator = session.get(User, amendment.created_by_id)
        target = target_of(convention)
        pending = amendment.status is AmendmentStatus.CREATED
        return AmendmentDetail(
            id=amendment.id or 0,
            number=amendment.number,
            convention_id=convention.id or 0,
            convention_number=convention.number,
            status=amendment.status,
            status_label=AMENDMENT_STATUS[amendment.status],
            motif=amendment.motif,
            created_by=creator.display_name if creator else '—',
            created_at=amendment.created_at,
            version=amendment.version,
            changes=changes,
            can_edit=pending and can(actor, Action.AMENDMENT_CREATE, target),
            can_validate=pending and can(actor, Action.AMENDMENT_VALIDATE, target),
        )


def form_choices(actor: Actor, convention_id: int) -> FormChoices:
    with session_scope() as session:
        convention = _open_convention(session, actor, convention_id)
        require(actor, Action.AMENDMENT_CREATE, target_of(convention))
        if session.get(Organisation, convention.organisation_id) is None:
            raise AmendmentError(_("L'établissement d'accueil de cette convention est introuvable."))
        services = session.exec(
            select(Service).where(Service.organisation_id == convention.organisation_id).order_by(col(Service.name))
        ).all()
        contacts = session.exec(
            select(Contact)
            .where(Contact.organisation_id == convention.organisation_id)
            .order_by(col(Contact.last_name), col(Contact.first_name))
        ).all()
        teachers = session.exec(
            select(Teacher).where(col(Teacher.active)).order_by(col(Teacher.last_name), col(Teacher.first_name))
        ).all()
        terms = terms_view(session, convention, load_current_terms(session, convention))
        return FormChoices(
            convention_id=convention_id,
            convention_number=convention.number,
            services={s.id: s.name for s in services if s.id is not None},
            contacts={c.id: f'{c.first_name} {c.last_name} — {c.function}' for c in contacts if c.id is not None},
            teachers={t.id: f'{t.last_name.upper()} {t.first_name}' for t in teachers if t.id is not None},
            units={unit.value: _(label) for unit, label in GRATIFICATION_UNIT.items()},
            bases={basis.value: basis.value for basis in AmountBasis},
            payments={payment.value: _(label) for payment, label in PAYMENT_LABELS.items()},
            changes={change.value: _(CHANGE_LABELS[change]) for change in Change},
            terms=terms,
        )


def amendment_form(actor: Actor, amendment_id: int) -> tuple[AmendmentDetail, dict[str, object]]:
    """The recap and the stored values, to open « modifier »."""
    detail = amendment_detail(actor, amendment_id)
    with session_scope() as session:
        amendment = session.get(Amendment, amendment_id)
        assert amendment is not None
        return detail, form_data_of(session, amendment)
