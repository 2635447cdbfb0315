"""Administration of the composantes: their bureau des stages, validation circuit, academic-year switch date,
what students may do, whether stages may overlap, and how early staff are alerted.

The validation circuit is stored as the ordered list of the required validations (services.validations
reads it); at least one is required.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from models import Composante, ValidationKind
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.identifiers import check_email, check_phone
from services.permissions import Action, require
from services.rules.fields import FieldError, clean_text

MAX_ALERT_DAYS = 365


@dataclass(frozen=True)
class ComposanteForm:
    """What the settings form shows and sends back."""

    name: str
    representative_name: str
    representative_function: str
    internship_office_email: str
    internship_office_phone: str
    circuit: tuple[str, ...]  # ValidationKind values, in order: the required validations
    switch_day: int
    switch_month: int
    overlap_allowed: bool
    students_print_before_validation: bool
    students_create_amendments: bool
    alert_days_before_start: int


def composante_form(actor: Actor, composante_id: int) -> ComposanteForm:
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        composante = session.get(Composante, composante_id)
        if composante is None:
            raise LookupError(_("Cette composante n'existe pas."))
        return _form_of(composante)


def _form_of(c: Composante) -> ComposanteForm:
    return ComposanteForm(
        name=c.name,
        representative_name=c.representative_name,
        representative_function=c.representative_function,
        internship_office_email=c.internship_office_email or '',
        internship_office_phone=c.internship_office_phone or '',
        circuit=tuple(code.strip() for code in c.validation_circuit.split(',') if code.strip()),
        switch_day=c.academic_year_switch_day,
        switch_month=c.academic_year_switch_month,
        overlap_allowed=c.overlap_allowed,
        students_print_before_validation=c.students_print_before_validation,
        students_create_amendments=c.students_create_amendments,
        alert_days_before_start=c.alert_days_before_start,
    )


def check_circuit(circuit: Sequence[str]) -> str:
    """The stored circuit, or FieldError: known validations, each once, at least one."""
    kinds: list[str] = []
    for code in circuit:
        try:
            kind = ValidationKind(code).value
        except ValueError as error:
            raise FieldError(_('Validation inconnue : {code}.', code=code)) from error
        if kind in kinds:
            raise FieldError(_('Chaque validation ne figure qu’une fois dans le circuit.'))
        kinds.append(kind)
    if not kinds:
        raise FieldError(_('Le circuit doit comporter au moins une validation.'))
    return ','.join(kinds)


def _switch_date(day: int, month: int) -> None:
    try:
        date(2001, int(month), int(day))  # a year without 29 February: the date must exist every year
    except (TypeError, ValueError) as error:
        raise FieldError(
            _('La date de changement d’année universitaire {d}/{m} n’existe pas chaque année.', d=day, m=month)
        ) from error


def _required(value: str, label: str, limit: int = 200) -> str:
    text = clean_text(value)
    if not text:
        raise FieldError(_('Le champ « {label} » est obligatoire.', label=label))
    if len(text) > limit:
        raise FieldError(_('Le champ « {label} » ne doit pas dépasser {n} caractères.', label=label, n=limit))
    return text


def update_composante(actor: Actor, composante_id: int, data: ComposanteForm) -> ComposanteForm:
    """Check and save every setting at once; FieldError (or InvalidIdentifier) says what to fix."""
    require(actor, Action.ADMINISTER)
    circuit = check_circuit(data.circuit)
    _switch_date(data.switch_day, data.switch_month)
    if not 0 <= int(data.alert_days_before_start) <= MAX_ALERT_DAYS:
        raise FieldError(_("Le délai d'alerte est un nombre de jours entre 0 et {n}.", n=MAX_ALERT_DAYS))
    email = clean_text(data.internship_office_email)
    phone = clean_text(data.internship_office_phone)
    values = {
        'name': _required(data.name, _('Nom')),
        'representative_name': _required(data.representative_name, _('Signataire pour l’université')),
        'representative_function': _required(data.representative_function, _('Fonction du signataire')),
        'internship_office_email': check_email(email) if email else None,
        'internship_office_phone': check_phone(phone) if phone else None,
        'validation_circuit': circuit,
        'academic_year_switch_day': int(data.switch_day),
        'academic_year_switch_month': int(data.switch_month),
        'overlap_allowed': bool(data.overlap_allowed),
        'students_print_before_validation': bool(data.students_print_before_validation),
        'students_create_amendments': bool(data.students_create_amendments),
        'alert_days_before_start': int(data.alert_days_before_start),
    }
    with session_scope() as session:
        composante = session.get(Composante, composante_id)
        if composante is None:
            raise LookupError(_("Cette composante n'existe pas."))
        before = {key: getattr(composante, key) for key in values}
        for key, value in values.items():
            setattr(composante, key, value)
        session.add(composante)
        changed = {key: [before[key], value] for key, value in values.items() if before[key] != value}
        if changed:
            audit.record(
                session,
                actor_id=actor.user_id,
                action='composante.update',
                entity_type='composante',
                entity_id=composante_id,
                summary=_('Réglages de la composante {code} modifiés', code=composante.code),
                changes=changed,
            )
        return _form_of(composante)
