"""Walks the wizard through the service, as the UI does: used by the convention tests and the benchmark."""

from datetime import date
from typing import Any

from sqlmodel import Session

from models import Contact, Organisation, OrganisationType, Service
from services import drafts
from services.actor import Actor
from services.people import load_actor

VALID_NIR = '2 04 03 21 231 017 95'

STUDENT = {'student_phone': '06 12 34 56 78', 'health_insurance_fund': 'CPAM de la Côte-d’Or', 'nir': VALID_NIR}

CONTENT: dict[str, Any] = {
    'internship_type': 'obligatoire',
    'thematique_code': 'INF',
    'subject': 'Outil de suivi des réparations',
    'activities': 'Développement, tests',
    'competences': 'Python, SQL',
    'supervision': 'Point hebdomadaire',
    'start_date': '2027-06-01',
    'end_date': '2027-06-30',
    'interruptions': [],
    'working_time': 'temps_plein',
    'hours_per_week': 35,
    'days_per_week': 5,
    'gratified': True,
    'gratification_amount_cents': 450,
    'gratification_unit': 'heure',
    'gratification_basis': 'net',
    'gratification_payment': 'virement',
}


def actor(user_id: int) -> Actor:
    loaded = load_actor(user_id)
    assert loaded is not None
    return loaded


def add_host(session: Session, *, name: str = 'Atelier Numérique', country: str = 'FR') -> dict[str, int]:
    """A host with one service, a tutor and a signatory; returns their ids."""
    host = Organisation(
        name=name,
        siret='44306184100047' if country == 'FR' else None,
        kind=OrganisationType.PRIVATE_COMPANY,
        address='1 place du Marché' if country == 'FR' else 'Hauptstraße 1',
        postal_code='21000' if country == 'FR' else '10115',
        city='Dijon' if country == 'FR' else 'Berlin',
        country_code=country,
    )
    session.add(host)
    session.flush()
    assert host.id is not None
    service = Service(organisation_id=host.id, name='Développement')
    session.add(service)
    session.flush()
    assert service.id is not None
    people = [
        Contact(
            organisation_id=host.id,
            service_id=service.id,
            last_name=last,
            first_name=first,
            function=function,
            phone='03 80 00 00 03',
            email=f'{first.lower()}@atelier.example',
        )
        for last, first, function in (('Perrin', 'Nadia', 'Développeuse'), ('Blanc', 'Yves', 'Directeur'))
    ]
    session.add_all(people)
    session.flush()
    assert people[0].id is not None
    assert people[1].id is not None
    return {
        'organisation_id': host.id,
        'service_id': service.id,
        'tutor_id': people[0].id,
        'signatory_id': people[1].id,
    }


def fill(
    who: Actor, host: dict[str, int], referent_id: int, *, student_id: int | None = None, **content: Any
) -> drafts.StepResult:
    """Every step up to the recap; returns the recap's result (`.ok`, every error, step 5's figures)."""
    draft = drafts.start_or_resume(who, student_id=student_id)
    steps: list[tuple[int, dict[str, Any]]] = [
        (1, STUDENT),
        (2, {'organisation_id': host['organisation_id']}),
        (3, {'service_id': host['service_id']}),
        (4, {'tutor_id': host['tutor_id']}),
        (5, {**CONTENT, **content}),
        (6, {'referent_id': referent_id}),
        (7, {'signatory_id': host['signatory_id']}),
        (8, {}),  # the recap checks every step again and returns all that was computed
    ]
    result = None
    for step, values in steps:
        result = drafts.save_step(who, draft.id, step, values)
    assert result is not None
    return result


def weekdays(start: date, count: int) -> date:
    """The date of the `count`-th weekday from `start` (inclusive), holidays ignored."""
    day = start
    seen = 0
    while True:
        if day.weekday() < 5:
            seen += 1
            if seen == count:
                return day
        day = date.fromordinal(day.toordinal() + 1)
