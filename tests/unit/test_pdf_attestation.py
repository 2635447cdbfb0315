"""The attestation de stage (D124-9): total effective duration and total gratification paid, as amended."""

from datetime import date
from typing import Any

from models import (
    Amendment,
    AmendmentStatus,
    Convention,
    ConventionStatus,
    GratificationUnit,
    Interruption,
    PaymentMethod,
)
from services.database import session_scope
from services.documents import Document, print_convention
from services.rules.durations import effective_duration
from tests.factories import World, make_convention
from tests.unit.pdf_support import actor, pdf_text

START, END = date(2026, 12, 14), date(2027, 1, 29)
WINTER_BREAK = (date(2026, 12, 24), date(2027, 1, 1))


def winter_convention(world: World) -> int:
    """Full time, 14 December → 29 January, away from 24 December to 1 January, 700 € per month."""
    hours = effective_duration(START, END, hours_per_week=35, days_per_week=5, interruptions=[WINTER_BREAK]).hours
    with session_scope() as session:
        convention = make_convention(world, number='2026-000500', student_key='bob', status=ConventionStatus.VALIDATED)
        convention.start_date, convention.end_date = START, END
        convention.effective_hours, convention.effective_days = hours, hours / 7
        convention.gratified = True
        convention.gratification_amount_cents = 70000
        convention.gratification_unit = GratificationUnit.MONTH
        convention.gratification_payment = PaymentMethod.TRANSFER
        session.add(convention)
        session.flush()
        assert convention.id is not None
        session.add(Interruption(convention_id=convention.id, start_date=WINTER_BREAK[0], end_date=WINTER_BREAK[1]))
        return convention.id


def add_amendment(world: World, convention_id: int, sequence: int, status: AmendmentStatus, **changes: Any) -> None:
    with session_scope() as session:
        session.add(
            Amendment(
                number=f'2026-000500-A{sequence}',
                convention_id=convention_id,
                sequence=sequence,
                status=status,
                motif='Prolongation demandée par le tuteur',
                created_by_id=world.user_ids['gestion'],
                **changes,
            )
        )


def test_winter_stage_totals_count_both_years_without_the_break(world: World) -> None:
    convention_id = winter_convention(world)
    text = pdf_text(print_convention(actor(world, 'bob'), convention_id, Document.ATTESTATION))
    # Weeks of 14 and 21 December (the 24th on: break), then four full weeks of January: 28 days of 7 h.
    assert 'Durée totale effective du stage : 196 heures, soit 28 jours' in text
    # 700 € per month of 154 h (full time), over 196 h: 700 × 196 / 154 = 890,909… → 890,91 €.
    assert 'Montant total de la gratification versée au stagiaire : 890,91 €' in text
    assert 'Sur la base de 700,00 € par mois' in text
    assert 'du 14 décembre 2026 au 29 janvier 2027' in text
    assert 'Interruption du stage du 24 décembre 2026 au 1 janvier 2027' in text
    assert 'Attestation de stage' in text
    assert 'Bob Moreau' in text
    assert 'Garage Dupont et Fils' in text
    assert 'Licence Informatique' in text
    assert 'deux ans suivant la fin du stage' in text  # pension quarters notice


def test_validated_avenants_change_the_totals_pending_ones_do_not(world: World) -> None:
    convention_id = winter_convention(world)
    add_amendment(
        world, convention_id, 1, AmendmentStatus.VALIDATED, new_end_date=date(2027, 2, 5), new_effective_hours=231
    )
    add_amendment(world, convention_id, 2, AmendmentStatus.CREATED, new_gratification_amount_cents=90000)
    text = pdf_text(print_convention(actor(world, 'gestion'), convention_id, Document.ATTESTATION))
    assert 'Durée totale effective du stage : 231 heures, soit 33 jours' in text
    assert 'du 14 décembre 2026 au 5 février 2027' in text
    assert 'Montant total de la gratification versée au stagiaire : 1 050,00 €' in text  # 700 × 231 / 154


def test_an_unpaid_stage_says_no_gratification_was_paid(world: World) -> None:
    text = pdf_text(
        print_convention(actor(world, 'alice'), world.convention_ids['alice_validated'], Document.ATTESTATION)
    )
    assert "Aucune gratification n'a été versée au stagiaire." in text
    assert 'Durée totale effective du stage : 280 heures, soit 40 jours' in text


def test_an_early_termination_ends_the_stage_on_its_date(world: World) -> None:
    convention_id = winter_convention(world)
    add_amendment(
        world,
        convention_id,
        1,
        AmendmentStatus.VALIDATED,
        rupture_date=date(2027, 1, 15),
        rupture_reason='Raisons de santé',
        new_effective_hours=161,
    )
    text = pdf_text(print_convention(actor(world, 'gestion'), convention_id, Document.ATTESTATION))
    assert 'Stage terminé de manière anticipée le 15 janvier 2027.' in text
    assert '161 heures, soit 23 jours' in text
    assert 'du 14 décembre 2026 au 15 janvier 2027' in text
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        assert convention is not None
        assert convention.end_date == END  # the convention itself is unchanged: history keeps both
