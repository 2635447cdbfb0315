"""Importing students and teachers from CSV: good lines go in, bad lines are reported with their number and
reason, a rerun changes nothing, a changed line updates its record; the same from the command line."""

# ruff: noqa: E501 - the CSV files are written out as the directory exports them

from pathlib import Path

import pytest
from sqlmodel import col, select

import cli
from models import AuditEntry, Formation, Sex, Student, Teacher
from services.database import session_scope
from services.imports.students import import_students
from services.imports.teachers import import_teachers
from services.permissions import PermissionDenied
from services.rules.fields import FieldError
from tests.factories import World
from tests.menu_data import actor

STUDENTS = """Numéro étudiant;Nom;Prénom;Date de naissance;Sexe;E-mail institutionnel;E-mail personnel;Composante;Formation;Étape;Libellé formation;Libellé étape;Volume horaire
30000001;Durand;Léa;12/05/2004;F;lea.durand@etu.universite.example;;UFR-ST;LINF;LINF3;;;
30000002;Petit;Hugo;2003-11-02;M;hugo.petit@etu.universite.example;hugo@mail.example;ufr-lsh;;;;;
30000003;Sans;Date;;F;sans.date@etu.universite.example;;UFR-ST;;;;;
30000004;Mauvais;Courriel;01/01/2004;F;pas-une-adresse;;UFR-ST;;;;;
30000005;Inconnue;Composante;01/01/2004;F;inconnue@etu.universite.example;;UFR-XX;;;;;
30000006;Nouvelle;Formation;03/03/2005;X;nf@etu.universite.example;;UFR-ST;LMATH;LMATH1;Licence Mathématiques;Licence 1 Mathématiques;480

30000007;Formation;Inconnue;03/03/2005;;fi@etu.universite.example;;UFR-ST;LPHYS;LPHYS1;;;
"""


def test_good_lines_go_in_bad_lines_are_reported_and_a_rerun_changes_nothing(world: World) -> None:
    admin = actor(world, 'admin')
    progress: list[tuple[int, int]] = []
    report = import_students(admin, STUDENTS.encode('utf-8-sig'), progress=lambda d, t: progress.append((d, t)))
    assert (report.lines, report.created, report.updated, report.unchanged) == (7, 3, 0, 0)
    reasons = {error.line: (error.key, error.reason) for error in report.errors}
    assert set(reasons) == {4, 5, 6, 9}  # the blank line 8 is not a line of data
    assert reasons[4] == ('30000003', 'Champ(s) obligatoire(s) vide(s) : date de naissance.')
    assert 'adresse e-mail « pas-une-adresse » est invalide' in reasons[5][1]
    assert reasons[6][1] == 'Composante « UFR-XX » inconnue.'
    assert 'Formation « LPHYS / LPHYS1 » inconnue' in reasons[9][1]
    assert progress[-1] == (7, 7)
    with session_scope() as session:
        lea = session.exec(select(Student).where(Student.student_number == '30000001')).one()
        assert (lea.last_name, lea.sex, lea.formation_id) == ('Durand', Sex.FEMALE, world.formation_id)
        hugo = session.exec(select(Student).where(Student.student_number == '30000002')).one()
        assert (hugo.composante_id, hugo.personal_email) == (world.other_composante_id, 'hugo@mail.example')
        created = session.exec(select(Formation).where(Formation.code == 'LMATH')).one()
        assert (created.etape_label, created.yearly_hours) == ('Licence 1 Mathématiques', 480)
        assert session.exec(select(AuditEntry).where(AuditEntry.action == 'student.import')).first() is not None
    again = import_students(admin, STUDENTS.encode('utf-8'))
    assert (again.created, again.updated, again.unchanged, len(again.errors)) == (0, 0, 3, 4)
    changed = STUDENTS.replace('30000001;Durand;Léa', '30000001;Durand-Martin;Léa')
    assert import_students(admin, changed.encode('cp1252')).updated == 1
    with session_scope() as session:
        lea = session.exec(select(Student).where(Student.student_number == '30000001')).one()
        assert lea.last_name == 'Durand-Martin'


def test_a_file_without_a_required_column_is_refused_whole(world: World) -> None:
    with pytest.raises(FieldError, match=r'Colonne\(s\) manquante\(s\).*date de naissance'):
        import_students(actor(world, 'admin'), b'numero_etudiant,nom,prenom,email,composante\n1,A,B,a@b.fr,UFR-ST\n')
    with pytest.raises(PermissionDenied):
        import_students(actor(world, 'gestion'), STUDENTS.encode())


def test_teachers_are_keyed_on_their_e_mail(world: World) -> None:
    admin = actor(world, 'admin')
    content = (
        'nom,prenom,email,telephone,discipline,composante,actif\n'
        'Lambert,Anne,Anne.Lambert@universite.example,0380395001,Chimie,UFR-ST,oui\n'
        'Roux,Marc,roux@universite.example,,Physique,,non\n'
        'Sans,Courriel,,,,,\n'
        'Faux,Actif,faux@universite.example,,,,peut-être\n'
    ).encode()
    report = import_teachers(admin, content)
    assert (report.created, report.updated, len(report.errors)) == (1, 1, 2)
    assert [error.line for error in report.errors] == [4, 5]
    with session_scope() as session:
        anne = session.exec(select(Teacher).where(Teacher.email == 'anne.lambert@universite.example')).one()
        assert (anne.phone, anne.composante_id) == ('03 80 39 50 01', world.composante_id)
        roux = session.get(Teacher, world.teacher_ids['roux'])
        assert roux is not None
        assert (roux.active, roux.discipline, roux.composante_id) == (False, 'Physique', None)
    assert import_teachers(admin, content).unchanged == 2


def test_the_command_line_imports_and_lists_the_refused_lines(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, errors = tmp_path / 'etudiants.csv', tmp_path / 'erreurs.csv'
    source.write_text(STUDENTS, encoding='utf-8')
    assert cli.main(['import-students', str(source), '--errors', str(errors)]) == 1  # some lines were refused
    out, err = capsys.readouterr()
    assert '7 ligne(s) lue(s) : 3 créée(s), 0 modifiée(s), 0 inchangée(s), 4 refusée(s).' in out
    assert 'ligne 6 (30000005) : Composante « UFR-XX » inconnue.' in err
    assert errors.read_text(encoding='utf-8-sig').splitlines()[0] == 'ligne;numero_etudiant;motif'
    good = tmp_path / 'bons.csv'
    good.write_text('\n'.join(STUDENTS.splitlines()[:3]), encoding='utf-8')
    assert cli.main(['import-students', str(good)]) == 0
    assert '2 inchangée(s)' in capsys.readouterr().out
    teachers = tmp_path / 'enseignants.csv'
    teachers.write_text('nom;prenom;email\nLambert;Anne;anne.lambert@universite.example\n', encoding='utf-8')
    assert cli.main(['import-teachers', str(teachers)]) == 0
    with session_scope() as session:
        assert session.exec(select(col(Teacher.id)).where(Teacher.last_name == 'Lambert')).first() is not None
    assert cli.main(['import-students', str(tmp_path / 'absent.csv')]) == 1
