"""Shared steps of the PDF tests: actors, a richly filled convention, and text extraction."""

import io
from datetime import date

from pypdf import PdfReader

from models import (
    AmountBasis,
    ConventionStatus,
    GratificationUnit,
    Interruption,
    Organisation,
    OrganisationType,
    PaymentMethod,
    PrintLanguage,
    Service,
    Sex,
    Student,
)
from services.actor import Actor
from services.database import session_scope
from services.people import load_actor
from tests.factories import World, make_convention

STUDENT_FIRST, STUDENT_LAST = 'Zoë', 'Ñúñez-Łukasiewicz'
HOST_NAME = "L'Œuf & Cie <script>"


def actor(world: World, login: str) -> Actor:
    found = load_actor(world.user_ids[login])
    assert found is not None
    return found


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Line breaks and non-breaking spaces as plain spaces: a value may wrap anywhere in the PDF."""
    return ' '.join(text.split())


def pdf_text(pdf: bytes) -> str:
    return flat('\n'.join(page_texts(pdf)))


def create_rich_convention(world: World, *, country: str = 'FR', print_language: str = 'fr') -> int:
    """A convention with every optional part filled, a student and a host with hard names."""
    with session_scope() as session:
        student = Student(
            student_number='20269999',
            last_name=STUDENT_LAST,
            first_name=STUDENT_FIRST,
            birth_date=date(2003, 7, 21),
            sex=Sex.FEMALE,
            institutional_email='zoe@etu.universite.example',
            composante_id=world.composante_id,
            formation_id=world.formation_id,
            academic_year='2026-2027',
        )
        host = Organisation(
            name=HOST_NAME,
            siret='42109508400016' if country == 'FR' else None,
            foreign_identifier=None if country == 'FR' else 'HRB 12345',
            naf_code='10.89Z' if country == 'FR' else None,
            kind=OrganisationType.PRIVATE_COMPANY,
            address='3 place du Marché',
            postal_code='69001' if country == 'FR' else '10115',
            city='Lyon' if country == 'FR' else 'Berlin',
            country_code=country,
        )
        session.add_all([student, host])
        session.flush()
        assert student.id is not None
        assert host.id is not None
        service = Service(organisation_id=host.id, name='Laboratoire qualité')
        session.add(service)
        session.flush()
        convention = make_convention(
            world, number='2026-000777', student_key='alice', status=ConventionStatus.VALIDATED
        )
        convention.student_id = student.id
        convention.organisation_id = host.id
        convention.service_id = service.id or 0
        convention.subject = 'Traçabilité des œufs bio'
        convention.activities = 'Relevés en élevage\n\nSaisie des lots dans le logiciel qualité'
        convention.competences = 'Démarche HACCP, rigueur documentaire'
        convention.supervision = 'Entretien mensuel à trois, visite du référent à mi-parcours'
        convention.start_date, convention.end_date = date(2027, 2, 1), date(2027, 6, 30)
        convention.effective_hours, convention.effective_days = 665, 95
        convention.night_work, convention.sunday_work, convention.public_holiday_work = False, True, False
        convention.leave_days = 3
        convention.gratified = True
        convention.gratification_amount_cents = 123456
        convention.gratification_unit = GratificationUnit.MONTH
        convention.gratification_basis = AmountBasis.GROSS
        convention.gratification_payment = PaymentMethod.TRANSFER
        convention.benefits_meals = 'Tickets restaurant à 9 €'
        convention.benefits_transport = 'Remboursement de 50 % du titre de transport'
        convention.benefits_other = 'Tenue de travail fournie'
        convention.deliverable = 'Rapport de stage'
        convention.validation_mode = 'Soutenance orale'
        convention.print_language = PrintLanguage(print_language)
        session.add(convention)
        session.flush()
        assert convention.id is not None
        session.add(Interruption(convention_id=convention.id, start_date=date(2027, 4, 12), end_date=date(2027, 4, 16)))
        return convention.id
