"""The whole data model round-trips, and the database itself refuses what the law or integrity forbids.

Every test runs twice: on SQLite and on PostgreSQL.
"""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, select

from models import (
    Amendment,
    AmendmentStatus,
    AuditEntry,
    Contact,
    Convention,
    ConventionDraft,
    ConventionStatus,
    EvaluationAnswer,
    EvaluationForm,
    EvaluationQuestion,
    EvaluationResponse,
    GratificationRate,
    GratificationUnit,
    Interruption,
    NomenclatureEntry,
    Offer,
    OfferStatus,
    Organisation,
    OrganisationType,
    PaymentMethod,
    QuestionKind,
    Respondent,
    SchedulePeriod,
    Signatory,
    Signature,
    ValidationEvent,
    ValidationKind,
)
from services.database import session_scope
from tests.factories import World, known_id, make_convention

pytestmark = pytest.mark.usefixtures('any_database')

MOMENT = datetime(2026, 11, 29, 15, 30, 12, tzinfo=UTC)


def _stored_copy(instance: SQLModel) -> dict[str, object]:
    return instance.model_dump()


def _reread(instance: SQLModel) -> dict[str, object]:
    table = type(instance)
    keys = table.__table__.primary_key.columns.keys()  # type: ignore[attr-defined]
    with session_scope() as session:
        fresh = session.get(table, tuple(getattr(instance, key) for key in keys))
        assert fresh is not None
        return fresh.model_dump()


def test_every_table_round_trips(world: World) -> None:
    cid = world.convention_ids['alice_validated']
    with session_scope() as session:
        convention = session.get(Convention, cid)
        assert convention is not None
        convention.gratified = True
        convention.gratification_amount_cents = 65_000
        convention.gratification_unit = GratificationUnit.MONTH
        convention.gratification_payment = PaymentMethod.TRANSFER
        convention.benefits_meals = 'Tickets restaurant'
        convention.ects_credits = 6.5
        amendment = Amendment(
            number='2026-000002-A1',
            convention_id=cid,
            sequence=1,
            status=AmendmentStatus.CREATED,
            motif='Prolongation de deux semaines',
            new_end_date=date(2027, 6, 11),
            new_effective_hours=350.0,
            created_by_id=world.user_ids['alice'],
            created_at=MOMENT,
        )
        session.add(amendment)
        session.flush()
        form = EvaluationForm(
            composante_id=world.composante_id, respondent=Respondent.TUTOR, title='Évaluation tuteur', created_at=MOMENT
        )
        session.add(form)
        session.flush()
        question = EvaluationQuestion(
            form_id=known_id(form.id),
            section='Savoir-être',
            position=1,
            kind=QuestionKind.SINGLE_CHOICE,
            label='Ponctualité',
            choices=['Excellente', 'Bonne', 'À améliorer'],
        )
        response = EvaluationResponse(
            form_id=known_id(form.id), convention_id=cid, token_hash='ab' * 32, invited_at=MOMENT, created_at=MOMENT
        )
        session.add_all([question, response])
        session.flush()
        offer = Offer(
            number='OF-2026-00001',
            title='Stage développeur',
            status=OfferStatus.PUBLISHED,
            organisation_id=world.organisation_id,
            description='Développement d’outils internes',
            publish_from=date(2026, 11, 1),
            publish_until=date(2027, 2, 1),
            gratified=True,
            gratification_amount_cents=70_000,
            created_at=MOMENT,
        )
        rows: list[SQLModel] = [
            amendment,
            form,
            question,
            response,
            offer,
            EvaluationAnswer(response_id=known_id(response.id), question_id=known_id(question.id), value='Bonne'),
            Interruption(convention_id=cid, start_date=date(2027, 4, 20), end_date=date(2027, 4, 24)),
            SchedulePeriod(
                convention_id=cid,
                start_date=date(2027, 4, 6),
                end_date=date(2027, 4, 30),
                hours_per_week=28.5,
                days_per_week=4,
            ),
            ValidationEvent(
                convention_id=cid,
                kind=ValidationKind.PEDAGOGICAL,
                granted=True,
                actor_id=world.user_ids['dupont'],
                at=MOMENT,
            ),
            Signature(
                convention_id=cid,
                signatory=Signatory.TUTOR,
                signed_on=date(2027, 3, 1),
                outside_application=True,
                recorded_by_id=world.user_ids['gestion'],
                recorded_at=MOMENT,
            ),
            ConventionDraft(
                student_id=world.student_ids['bob'],
                owner_id=world.user_ids['bob'],
                step=3,
                data={'subject': 'Analyse de données', 'interruptions': [['2027-05-01', '2027-05-03']]},
                created_at=MOMENT,
            ),
            AuditEntry(
                actor_id=world.user_ids['gestion'],
                action='validation',
                entity_type='convention',
                entity_id=str(cid),
                summary='validation pédagogique',
                changes={'status': ['creee', 'validee']},
                at=MOMENT,
            ),
            NomenclatureEntry(kind='thematique', code='ZZZ', label='Thématique d’essai', active=False),
            GratificationRate(year=2031, hourly_minimum_cents=512),
            convention,
        ]
        session.add_all(rows)
        session.flush()
        expected = [_stored_copy(row) for row in rows]
    for row, before in zip(rows, expected, strict=True):
        assert _reread(row) == before, type(row).__name__


def test_timestamps_come_back_aware_and_in_utc(world: World) -> None:
    with session_scope() as session:
        entry = AuditEntry(action='test', entity_type='x', entity_id='1', summary='horodatage', at=MOMENT)
        session.add(entry)
    assert _reread(entry)['at'] == MOMENT


def _organisation(**overrides: object) -> Organisation:
    values: dict[str, Any] = {
        'name': 'Boulangerie Martin',
        'siret': '73282932000074',
        'naf_code': '10.71C',
        'kind': OrganisationType.PRIVATE_COMPANY,
        'address': '3 place Darcy',
        'postal_code': '21000',
        'city': 'Dijon',
        'departement_code': '21',
    }
    return Organisation(**(values | overrides))


def test_duplicate_siret_among_open_organisations_is_refused_by_the_database() -> None:
    # The test world already holds an open organisation with SIRET 732 829 320 00074.
    with pytest.raises(IntegrityError), session_scope() as session:
        session.add(_organisation())


def test_a_closed_organisation_no_longer_holds_its_siret(world: World) -> None:
    with session_scope() as session:
        host = session.get(Organisation, world.organisation_id)
        assert host is not None
        host.closed_on = date(2026, 1, 31)
    with session_scope() as session:
        session.add(_organisation())
    with session_scope() as session:
        assert len(session.exec(select(Organisation).where(Organisation.siret == '73282932000074')).all()) == 2


def test_siret_is_required_in_france_but_not_abroad() -> None:
    with pytest.raises(IntegrityError), session_scope() as session:
        session.add(_organisation(siret=None))
    with session_scope() as session:
        session.add(
            _organisation(
                siret=None,
                country_code='DE',
                postal_code='10115',
                city='Berlin',
                departement_code=None,
                foreign_identifier='HRB 123456',
            )
        )


def test_duplicate_convention_number_is_refused_by_the_database(world: World) -> None:
    with pytest.raises(IntegrityError), session_scope() as session:
        session.add(make_convention(world, number='2026-000001', student_key='bob', status=ConventionStatus.CREATED))


def test_dangling_foreign_key_is_refused_by_the_database(world: World) -> None:
    convention = make_convention(world, number='2026-009999', student_key='bob', status=ConventionStatus.CREATED)
    convention.organisation_id = 999_999
    with pytest.raises(IntegrityError), session_scope() as session:
        session.add(convention)


def test_law_required_values_cannot_be_null(world: World) -> None:
    convention = make_convention(world, number='2026-009998', student_key='bob', status=ConventionStatus.CREATED)
    convention.competences = None  # type: ignore[assignment]
    with pytest.raises(IntegrityError), session_scope() as session:
        session.add(convention)


def test_a_contact_belongs_to_an_existing_organisation() -> None:
    with pytest.raises(IntegrityError), session_scope() as session:
        session.add(
            Contact(
                organisation_id=424_242,
                last_name='Fantôme',
                first_name='Léa',
                function='Gérante',
                phone='0102030405',
                email='lea@example.org',
            )
        )
