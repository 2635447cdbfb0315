"""What the wizard draws from a draft: its values, the student's read-only identity, the chosen parties' names."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from models import Composante, Contact, Convention, ConventionDraft, Offer, Organisation, Service, Student, Teacher
from services.rules import identity
from services.rules.facts import WizardFacts
from services.rules.loading import chosen_row


@dataclass(frozen=True)
class DraftView:
    id: int
    student_id: int
    convention_id: int | None  # set when the draft edits an existing convention
    convention_number: str | None
    step: int  # the furthest step reached: every step before it passed its checks
    data: dict[str, Any]  # the draft's values (without the encrypted NIR)
    student_name: str
    student_number: str
    birth_date: date
    sex: str
    formation_label: str
    etape_label: str | None
    composante_id: int
    composante_name: str
    academic_year: str
    abroad: bool | None  # None until the host is chosen
    country_code: str | None
    nir_masked: str | None  # « 1 85 05 •• ••• ••• 42 » once a valid NIR is saved
    nir_input: str | None  # what was typed when it is not a valid NIR, for the owner to correct it
    labels: dict[str, str] = field(default_factory=dict)  # chosen ids → display names, for the recap


def _name(contact: Contact | Teacher | None) -> str | None:
    return f'{contact.first_name} {contact.last_name}' if contact else None


def _labels(session: Session, data: dict[str, Any]) -> dict[str, str]:
    def get(model: Any, key: str) -> Any:
        return chosen_row(session, model, data.get(key))

    found = {
        'organisation_id': getattr(get(Organisation, 'organisation_id'), 'name', None),
        'service_id': getattr(get(Service, 'service_id'), 'name', None),
        'tutor_id': _name(get(Contact, 'tutor_id')),
        'signatory_id': _name(get(Contact, 'signatory_id')),
        'referent_id': _name(get(Teacher, 'referent_id')),
        'offer_id': getattr(get(Offer, 'offer_id'), 'number', None),
    }
    return {key: value for key, value in found.items() if value}


def build_view(
    session: Session, draft: ConventionDraft, student: Student, facts: WizardFacts | None = None
) -> DraftView:
    data = dict(draft.data)
    token = data.pop('nir_encrypted', None)
    clear = identity.decrypt(token) if token else None
    valid = clear is not None and identity.nir_error(clear) is None
    composante = session.get(Composante, student.composante_id)
    convention = session.get(Convention, draft.convention_id) if draft.convention_id else None
    country = facts.country_code if facts else None
    if facts is None and (organisation := chosen_row(session, Organisation, data.get('organisation_id'))):
        country = organisation.country_code
    assert draft.id is not None
    assert student.id is not None
    return DraftView(
        id=draft.id,
        student_id=student.id,
        convention_id=draft.convention_id,
        convention_number=convention.number if convention else None,
        step=draft.step,
        data=data,
        student_name=f'{student.last_name.upper()} {student.first_name}',
        student_number=student.student_number,
        birth_date=student.birth_date,
        sex=student.sex.value,
        formation_label=str(data.get('formation_label') or ''),
        etape_label=data.get('etape_label'),
        composante_id=student.composante_id,
        composante_name=composante.name if composante else '',
        academic_year=str(data.get('academic_year') or student.academic_year),
        abroad=None if country is None else country != 'FR',
        country_code=country,
        nir_masked=identity.mask(clear) if clear and valid else None,
        nir_input=clear if clear and not valid else None,
        labels=_labels(session, data),
    )
