"""GDPR: old conventions are anonymised on demand, and a person's data can be exported whole."""

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

import cli
from models import AuditEntry, Convention, Student, User
from services import privacy
from services.database import session_scope
from services.people import load_actor
from services.permissions import PermissionDenied
from services.rules import identity as nir_crypto
from tests.factories import World

NIR = '185057800608491'


def end_alice_conventions_in(year: int, world: World) -> None:
    with session_scope() as session:
        for key in ('alice_created', 'alice_validated'):
            convention = session.get(Convention, world.convention_ids[key])
            assert convention is not None
            convention.start_date, convention.end_date = date(year, 4, 1), date(year, 6, 30)
            convention.student_phone, convention.student_city = '06 12 34 56 78', 'Dijon'
            convention.nir_encrypted = nir_crypto.encrypt(NIR)
            session.add(convention)


def test_purge_anonymises_old_conventions_and_keeps_the_statistics(world: World, capsys) -> None:
    end_alice_conventions_in(2015, world)
    assert cli.main(['purge', '--older-than', '5']) == 0
    assert 'Conventions anonymisées : 2 ; étudiants anonymisés : 1.' in capsys.readouterr().out
    with session_scope() as session:
        old = session.get(Convention, world.convention_ids['alice_validated'])
        assert old is not None
        assert old.nir_encrypted is None
        assert old.student_phone is None
        assert old.student_city is None
        assert old.student_email == privacy.ANONYMOUS_EMAIL
        # statistics survive: where, when, what, with whom
        assert (old.composante_id, old.end_date, old.organisation_id) == (
            world.composante_id,
            date(2015, 6, 30),
            world.organisation_id,
        )
        assert old.effective_hours == 280
        student = session.get(Student, world.student_ids['alice'])
        assert student is not None
        assert (student.last_name, student.first_name) == ('anonymise', 'anonymise')
        assert student.birth_date == date(2004, 1, 1)
        account = session.get(User, world.user_ids['alice'])
        assert account is not None
        assert not account.active
        assert account.login != 'alice'
        recent = session.get(Convention, world.convention_ids['bob_created'])
        assert recent is not None
        assert recent.student_email == 'bob@etu.universite.example'  # within the retention period: untouched
        assert session.exec(select(AuditEntry).where(AuditEntry.action == 'privacy.purge')).one()
    assert cli.main(['purge', '--older-than', '5']) == 0  # a second run has nothing left to do
    assert 'Conventions anonymisées : 0' in capsys.readouterr().out


def test_a_student_with_a_recent_convention_keeps_his_directory_record(world: World) -> None:
    with session_scope() as session:
        convention = session.get(Convention, world.convention_ids['alice_created'])
        assert convention is not None
        convention.start_date, convention.end_date = date(2010, 4, 1), date(2010, 6, 30)
        session.add(convention)
    report = privacy.purge_older_than(privacy.system_actor(), 5)
    assert (report.conventions, report.students) == (1, 0)
    with session_scope() as session:
        assert session.get(Student, world.student_ids['alice']).last_name == 'Bénard'  # type: ignore[union-attr]


def test_only_an_administrator_may_purge_or_export(world: World) -> None:
    alice = load_actor(world.user_ids['alice'])
    with pytest.raises(PermissionDenied):
        privacy.purge_older_than(alice, 5)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        privacy.export_personal_data(load_actor(world.user_ids['gestion']), 'alice')  # type: ignore[arg-type]


def test_export_gives_everything_about_the_person(world: World, tmp_path: Path) -> None:
    end_alice_conventions_in(2027, world)
    output = tmp_path / 'alice.json'
    assert cli.main(['export-personal-data', 'alice', '--output', str(output)]) == 0
    data = json.loads(output.read_text(encoding='utf-8'))
    assert data['compte']['login'] == 'alice'
    assert 'password_hash' not in data['compte']
    assert [role['role'] for role in data['roles']] == ['etudiant']
    assert data['etudiant']['student_number'] == '20260001'
    assert sorted(c['number'] for c in data['conventions']) == ['2026-000001', '2026-000002']
    assert {c['nir'] for c in data['conventions']} == {NIR}  # her own NIR, decrypted for her
    assert all('nir_encrypted' not in c for c in data['conventions'])
    with session_scope() as session:
        read = session.exec(select(AuditEntry).where(AuditEntry.action == 'read.sensitive')).one()
        assert read.entity_id == str(world.user_ids['alice'])


def test_export_of_an_unknown_login_fails_clearly(capsys) -> None:
    assert cli.main(['export-personal-data', 'personne']) == 1
    assert 'Aucun compte « personne ».' in capsys.readouterr().err
