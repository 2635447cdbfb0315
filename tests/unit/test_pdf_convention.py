"""The convention PDF carries the 15 mentions of D124-4 with the convention's own values (legal-rules.md)."""

import pytest
from sqlmodel import select

from models import AuditEntry, Composante, Convention
from pdf.render import render_html
from services.database import session_scope
from services.documents import Document, convention_print_job, print_convention
from services.permissions import PermissionDenied
from tests.factories import World
from tests.unit.pdf_support import (
    HOST_NAME,
    STUDENT_FIRST,
    STUDENT_LAST,
    actor,
    create_rich_convention,
    flat,
    page_texts,
    pdf_text,
)

# The 15 mentions: each heading (fixed text) with the values the convention must show under it.
WORLD_MENTIONS = {
    '1 formation and hours': [
        'Licence Informatique',
        "Volume horaire annuel d'enseignement de la formation",
        '520 heures',
    ],
    '2 referent and tutor': ['Enseignant référent : Jeanne Dupont', 'Tuteur professionnel : Luc Garnier'],
    '3 competences': ['Compétences à acquérir ou à développer Méthode de diagnostic, communication client'],
    '4 activities': ['Activités confiées au stagiaire Lecture des codes défaut, rédaction de fiches'],
    '5 dates and effective duration': [
        'du 6 avril 2027 au 28 mai 2027',
        'Durée totale du stage en présence effective : 280 heures, soit 40 jours',
    ],
    '6 weekly presence, night, Sunday, holidays': [
        'Durée hebdomadaire de présence : 35 heures sur 5 jours par semaine (temps plein)',
        'Présence de nuit : non',
        'Présence le dimanche : non',
        'Présence les jours fériés : non',
    ],
    '7 supervision': [
        "Modalités d'encadrement et de suivi du stagiaire Point hebdomadaire avec le tuteur, visite de l'enseignant"
    ],
    '8 gratification and terms': [
        'Gratification et avantages',
        "Le stage ne donne pas lieu au versement d'une gratification",
    ],
    '9 social protection and liability': [
        'Régime de protection sociale',
        'accidents du travail',
        'Responsabilité civile et assurances',
        'CPAM de la Côte-d’Or',
    ],
    '10 absences and leave': [
        "Congés et autorisations d'absence",
        'Nombre de jours de congés autorisés pendant le stage : 0',
    ],
    '11 suspension and termination': ['Suspension et résiliation du stage', 'délai de prévenance de huit jours'],
    '12 validation if interrupted': ["Validation du stage en cas d'interruption", 'modalité alternative de validation'],
    '13 benefits': ["Avantages Aucun avantage particulier n'est prévu"],
    '14 règlement intérieur': ['Discipline et règlement intérieur', "règlement intérieur de l'organisme d'accueil"],
    '15 attestation conditions': [
        'Fin de stage : attestation et évaluation',
        'délivre au stagiaire une attestation de stage',
    ],
}

SIGNATORIES = [
    'Le stagiaire Alice Bénard',
    "Pour l'organisme d'accueil, le signataire Henri Dupont Gérant",
    "Pour l'établissement, le représentant Claire Martin",
    "L'enseignant référent Jeanne Dupont",
    "Le tuteur professionnel Luc Garnier Chef d'atelier",
]


def test_world_convention_shows_every_mandatory_mention_and_signatory(world: World) -> None:
    pdf = print_convention(actor(world, 'gestion'), world.convention_ids['alice_validated'])
    text = pdf_text(pdf)
    missing = {item: [v for v in values if v not in text] for item, values in WORLD_MENTIONS.items()}
    assert {item: values for item, values in missing.items() if values} == {}
    assert [s for s in SIGNATORIES if s not in text] == []
    assert 'À imprimer en 3 exemplaires' in text
    assert 'Garage Dupont et Fils' in text
    assert '732 829 320 00074' in text  # SIRET, grouped
    assert '45.20A' in text
    assert '12 rue des Tanneries, 21000 Dijon' in text
    assert 'Université de démonstration' in text
    assert 'UFR Sciences et Techniques' in text


def assert_every_page_numbered(pages: list[str], number: str) -> None:
    assert len(pages) >= 2
    for index, page in enumerate(pages, start=1):
        assert f'Convention n° {number}' in page
        assert f'Page {index} sur {len(pages)}' in flat(page)


def test_every_page_carries_the_number_and_its_page_count(world: World) -> None:
    pages = page_texts(print_convention(actor(world, 'gestion'), world.convention_ids['alice_validated']))
    assert_every_page_numbered(pages, '2026-000002')


def test_a_fully_filled_convention_prints_its_own_values(world: World) -> None:
    convention_id = create_rich_convention(world)
    pdf = print_convention(actor(world, 'gestion'), convention_id)
    text = pdf_text(pdf)
    for expected in [
        f'{STUDENT_FIRST} {STUDENT_LAST}',
        HOST_NAME,
        'Traçabilité des œufs bio',
        'Intitulé complet du cursus ou de la formation : Licence Informatique',
        "Volume horaire annuel d'enseignement de la formation : 520 heures",
        'Tuteur professionnel : Luc Garnier',
        'Enseignant référent : Jeanne Dupont',
        'Régime de protection sociale',
        'Discipline et règlement intérieur',
        "Validation du stage en cas d'interruption",
        'Suspension et résiliation du stage',
        'Fin de stage : attestation et évaluation',
        'Relevés en élevage',
        'Saisie des lots dans le logiciel qualité',
        'Démarche HACCP, rigueur documentaire',
        'Entretien mensuel à trois, visite du référent à mi-parcours',
        'du 1 février 2027 au 30 juin 2027',
        '665 heures, soit 95 jours',
        'Présence le dimanche : oui',
        'Interruption du stage du 12 avril 2027 au 16 avril 2027',
        'Le stagiaire perçoit une gratification de 1 234,56 € par mois (brut)',
        'Modalités de versement : virement bancaire',
        'Restauration : Tickets restaurant à 9 €',
        'Transport : Remboursement de 50 % du titre de transport',
        'Autres avantages : Tenue de travail fournie',
        'Nombre de jours de congés autorisés pendant le stage : 3',
        'Nature du travail à fournir : Rapport de stage',
        'Laboratoire qualité',
        '3 place du Marché, 69001 Lyon',
        'Le stagiaire Zoë Ñúñez-Łukasiewicz',
    ]:
        assert expected in text, expected
    assert [s for s in SIGNATORIES[1:] if s not in text] == []  # the four other signatories
    assert 'À imprimer en 3 exemplaires' in text
    assert_every_page_numbered(page_texts(pdf), '2026-000777')
    # French amounts keep their groups together with U+00A0, never U+202F (which may break a line):
    # the HTML given to xhtml2pdf has U+00A0, and the amount stays on one line of the PDF.
    job = convention_print_job(actor(world, 'gestion'), convention_id)
    html = render_html(job.template, job.context, job.language)
    assert '1\u00a0234,56\u00a0€' in html
    assert '\u202f' not in html
    assert '1 234,56 € par mois' in '\n'.join(page_texts(pdf))
    assert "Fiche d'information pays" not in text  # only for a stage abroad


def test_a_stage_abroad_annexes_the_country_sheet_and_the_cover_abroad(world: World) -> None:
    convention_id = create_rich_convention(world, country='DE', print_language='de')
    text = pdf_text(print_convention(actor(world, 'gestion'), convention_id))
    assert "Annexe – Fiche d'information pays" in text
    assert "Pays d'accueil : Allemagne" in text
    assert "carte européenne d'assurance maladie (CEAM)" in text
    assert 'assurance rapatriement' in text
    assert 'HRB 12345' in text


def test_printing_is_recorded_in_the_audit_trail(world: World) -> None:
    convention_id = world.convention_ids['alice_validated']
    print_convention(actor(world, 'alice'), convention_id, Document.ATTESTATION)
    with session_scope() as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.entity_id == str(convention_id))).all()
    assert [(e.action, e.actor_id) for e in entries] == [('attestation.print', world.user_ids['alice'])]
    assert "l'attestation de stage n° 2026-000002" in entries[0].summary


def test_students_print_before_validation_only_when_the_composante_allows(world: World) -> None:
    created = world.convention_ids['alice_created']
    assert print_convention(actor(world, 'alice'), created).startswith(b'%PDF-')
    with session_scope() as session:
        composante = session.get(Composante, world.composante_id)
        assert composante is not None
        composante.students_print_before_validation = False
        session.add(composante)
    with pytest.raises(PermissionDenied, match='une fois la convention validée'):
        print_convention(actor(world, 'alice'), created)
    assert print_convention(actor(world, 'alice'), world.convention_ids['alice_validated']).startswith(b'%PDF-')
    assert print_convention(actor(world, 'gestion'), created).startswith(b'%PDF-')  # staff: any status
    assert print_convention(actor(world, 'dupont'), created).startswith(b'%PDF-')  # the référent


def test_nobody_else_prints_a_convention(world: World) -> None:
    for login in ('bob', 'chloe', 'roux'):
        with pytest.raises(PermissionDenied):
            print_convention(actor(world, login), world.convention_ids['alice_validated'])
    with session_scope() as session:
        assert session.exec(select(AuditEntry).where(AuditEntry.action == 'convention.print')).all() == []
        assert session.get(Convention, world.convention_ids['alice_validated']) is not None
