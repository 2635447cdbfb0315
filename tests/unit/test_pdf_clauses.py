"""Clause texts come from the administration's edits, else from the shipped defaults."""

import pytest
from sqlmodel import select

from models import AuditEntry
from services.clauses import clause_keys, list_clauses, reset_clause, update_clause
from services.database import session_scope
from services.documents import print_convention
from services.permissions import PermissionDenied
from tests.factories import World
from tests.unit.pdf_support import actor, pdf_text

EDITED = "Le stagiaire relève de la MSA pour les accidents du travail ; l'université déclare l'accident sous 48 heures."


def test_an_edited_clause_is_printed_instead_of_the_default(world: World) -> None:
    convention_id = world.convention_ids['alice_validated']
    before = pdf_text(print_convention(actor(world, 'gestion'), convention_id))
    assert 'reste affilié à son régime de sécurité sociale antérieur' in before

    update_clause(actor(world, 'admin'), 'social_protection', 'fr', EDITED)

    after = pdf_text(print_convention(actor(world, 'gestion'), convention_id))
    assert EDITED in after
    assert 'reste affilié à son régime de sécurité sociale antérieur' not in after
    english = pdf_text(print_convention(actor(world, 'gestion'), convention_id, language='en'))
    assert 'remains covered by his or her previous social security scheme' in english  # other languages unchanged


def test_admin_lists_edits_and_resets_a_clause(world: World) -> None:
    admin = actor(world, 'admin')
    assert {clause.key for clause in list_clauses(admin, 'de')} == set(clause_keys())
    update_clause(admin, 'internal_rules', 'de', 'Neue Betriebsordnung.')
    edited = {clause.key: clause for clause in list_clauses(admin, 'de')}
    assert edited['internal_rules'].edited
    assert edited['internal_rules'].text == 'Neue Betriebsordnung.'
    assert not edited['absences'].edited

    reset = reset_clause(admin, 'internal_rules', 'de')
    assert not reset.edited
    assert reset.text.startswith('Der Praktikant unterliegt der Disziplin')
    with session_scope() as session:
        actions = session.exec(select(AuditEntry.action).where(AuditEntry.entity_id == 'internal_rules/de')).all()
    assert actions == ['clause.update', 'clause.reset']


def test_only_the_administration_edits_clauses(world: World) -> None:
    for login in ('gestion', 'alice', 'dupont'):
        with pytest.raises(PermissionDenied):
            update_clause(actor(world, login), 'absences', 'fr', 'Pas de congés.')


def test_a_clause_cannot_be_emptied_nor_invented(world: World) -> None:
    admin = actor(world, 'admin')
    with pytest.raises(ValueError, match='ne peut pas être vide'):
        update_clause(admin, 'absences', 'fr', '   ')
    with pytest.raises(ValueError, match='Clause inconnue'):
        update_clause(admin, 'bonus', 'fr', 'Texte')
    with pytest.raises(ValueError, match='Langue inconnue'):
        update_clause(admin, 'absences', 'it', 'Testo')
