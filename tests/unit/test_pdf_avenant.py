"""The avenant PDF: its number, the motif, each change before → after, five signatures, 3 copies."""

from datetime import date
from typing import Any

from sqlmodel import select

from models import Amendment, AmendmentStatus, AmountBasis, AuditEntry, Contact, GratificationUnit, Interruption
from services.database import session_scope
from services.documents import Document, amendment_print_job, operator_print_job, render_job
from tests.factories import World
from tests.unit.pdf_support import actor, page_texts, pdf_text


def amend(world: World, sequence: int, status: AmendmentStatus, **changes: Any) -> int:
    with session_scope() as session:
        amendment = Amendment(
            number=f'2026-000002-A{sequence}',
            convention_id=world.convention_ids['alice_validated'],
            sequence=sequence,
            status=status,
            motif='Le garage ouvre un second atelier ; prolongation du stage.',
            created_by_id=world.user_ids['gestion'],
            **changes,
        )
        session.add(amendment)
        session.flush()
        assert amendment.id is not None
        return amendment.id


def new_tutor(world: World) -> int:
    with session_scope() as session:
        tutor = Contact(
            organisation_id=world.organisation_id,
            last_name='Nakamura',
            first_name='Aiko',
            function='Responsable atelier carrosserie',
            phone='03 80 00 00 09',
            email='aiko@garage.example',
        )
        session.add(tutor)
        session.flush()
        assert tutor.id is not None
        return tutor.id


def test_avenant_lists_each_change_before_and_after(world: World) -> None:
    tutor_id = new_tutor(world)
    amendment_id = amend(
        world,
        1,
        AmendmentStatus.CREATED,
        new_end_date=date(2027, 6, 11),
        new_tutor_id=tutor_id,
        new_gratification_amount_cents=60000,
        new_gratification_unit=GratificationUnit.MONTH,
        new_gratification_basis=AmountBasis.NET,
        new_effective_hours=350,
        new_effective_days=50,
        other_change='Accès au parking du personnel',
    )
    with session_scope() as session:
        session.add(
            Interruption(
                convention_id=world.convention_ids['alice_validated'],
                amendment_id=amendment_id,
                start_date=date(2027, 5, 3),
                end_date=date(2027, 5, 7),
            )
        )
    pdf = render_job(amendment_print_job(actor(world, 'alice'), amendment_id))
    text = pdf_text(pdf)
    for expected in [
        'Avenant à la convention de stage',
        'Avenant n° 2026-000002-A1',
        'à la convention de stage n° 2026-000002',
        'Le garage ouvre un second atelier ; prolongation du stage.',
        'Élément modifié Avant Après',
        'Date de fin du stage 28 mai 2027 → 11 juin 2027',
        "Tuteur professionnel Luc Garnier — Chef d'atelier → Aiko Nakamura — Responsable atelier carrosserie",
        'Gratification sans gratification → 600,00 € par mois (net)',
        'Durée effective (heures) 280 heures → 350 heures',
        'Durée effective (jours) 40 jours → 50 jours',
        'Interruptions du stage — → du 3 mai 2027 au 7 mai 2027',
        'Autre modification — → Accès au parking du personnel',
        'À imprimer en 3 exemplaires',
        'Le tuteur professionnel Aiko Nakamura',  # the new tutor signs
        "L'enseignant référent Jeanne Dupont",
        'Le stagiaire Alice Bénard',
    ]:
        assert expected in text, expected
    pages = page_texts(pdf)
    assert all('Avenant n° 2026-000002-A1' in page for page in pages)


def test_a_later_avenant_starts_from_the_validated_earlier_one(world: World) -> None:
    amend(world, 1, AmendmentStatus.VALIDATED, new_end_date=date(2027, 6, 11))
    second = amend(world, 2, AmendmentStatus.CREATED, rupture_date=date(2027, 6, 4), rupture_reason='Déménagement')
    text = pdf_text(render_job(amendment_print_job(actor(world, 'gestion'), second)))
    assert 'Fin anticipée (rupture) du stage — → 4 juin 2027' in text
    assert 'Motif de la rupture — → Déménagement' in text
    assert 'Date de fin' not in text  # only what this avenant changes


def test_the_operator_prints_an_avenant_by_number_and_it_is_traced(world: World) -> None:
    amendment_id = amend(world, 1, AmendmentStatus.VALIDATED, new_subject='Diagnostic des véhicules hybrides')
    job = operator_print_job('2026-000002-A1', Document.AMENDMENT)
    text = pdf_text(render_job(job))
    assert 'Sujet du stage Diagnostic électronique des véhicules → Diagnostic des véhicules hybrides' in text
    assert job.filename == 'avenant-2026-000002-A1.pdf'
    with session_scope() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.entity_id == str(amendment_id))).one()
    assert entry.actor_id is None
    assert '(ligne de commande)' in entry.summary
