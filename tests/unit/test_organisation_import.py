"""Bulk import of établissements: good lines in, bad lines reported with their reason, re-runs change nothing."""

import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from bench._organisation_csv import sirene_csv
from cli import main
from models import Organisation
from services.database import session_scope
from services.imports.organisations import import_organisations
from services.permissions import PermissionDenied
from tests.factories import World
from tests.menu_data import actor


def count_organisations() -> int:
    with session_scope() as session:
        return int(session.execute(sa.select(sa.func.count()).select_from(Organisation)).scalar_one())


def test_ten_thousand_lines_with_two_percent_bad_ones(world: World) -> None:
    generated = sirene_csv(10_000)
    before = count_organisations()
    staff = actor(world, 'gestion')
    steps: list[tuple[int, int]] = []
    started = time.perf_counter()
    report = import_organisations(staff, generated.text, progress=lambda done, total: steps.append((done, total)))
    first_run = time.perf_counter() - started

    assert len(generated.bad_lines) == 200
    assert (report.lines, report.created, len(report.errors)) == (10_000, generated.good, 200)
    assert {error.line for error in report.errors} == set(generated.bad_lines)
    reasons = {error.line: error.reason for error in report.errors}
    for line, defect in generated.bad_lines.items():
        expected = {'siret_key': 'clé de contrôle', 'naf_unknown': "n'existe pas dans la nomenclature",
                    'no_city': '« Commune »', 'siret_short': '14 chiffres'}[defect]  # fmt: skip
        assert expected in reasons[line], (line, reasons[line])
    assert steps[-1] == (10_000, 10_000)
    assert len(steps) > 1
    assert count_organisations() == before + generated.good

    started = time.perf_counter()
    again = import_organisations(staff, generated.text)
    second_run = time.perf_counter() - started
    assert (again.created, again.updated, again.closed, again.unchanged) == (0, 0, 0, generated.good)
    assert count_organisations() == before + generated.good
    print(f'\nimport 10,000 lines: first run {first_run:.1f} s, second run {second_run:.1f} s')


def test_sirene_columns_are_mapped_and_same_siret_updates(world: World) -> None:
    header = ('siret,denominationUniteLegale,enseigne1Etablissement,activitePrincipaleEtablissement,'
              'trancheEffectifsEtablissement,categorieJuridiqueUniteLegale,numeroVoieEtablissement,'
              'typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,'
              'etatAdministratifEtablissement\n')  # fmt: skip
    line = '73282932000074,GARAGE DUPONT ET FILS,,45.20A,12,5710,12,RUE,DES TANNERIES,21000,DIJON,A\n'
    staff = actor(world, 'gestion')
    report = import_organisations(
        staff, header + line + '55208131766522,,LES TROIS EPIS,10.71C,02,1000,4,PL,DARCY,21000,DIJON,A\n'
    )
    assert (report.created, report.updated) == (1, 1)
    with session_scope() as session:
        garage = session.get_one(Organisation, world.organisation_id)
        bakery = session.exec(select(Organisation).where(Organisation.siret == '55208131766522')).one()
    assert (garage.name, garage.headcount_range, garage.address) == (
        'GARAGE DUPONT ET FILS',
        '12',
        '12 rue DES TANNERIES',
    )
    assert (bakery.name, bakery.trade_name, bakery.address, bakery.departement_code) == (
        'LES TROIS EPIS',
        'LES TROIS EPIS',
        '4 place DARCY',
        '21',
    )
    closed = import_organisations(staff, header + line.replace(',A\n', ',F\n'))
    assert closed.closed == 1
    with pytest.raises(PermissionDenied):
        import_organisations(actor(world, 'alice'), header + line)


def test_the_command_line_imports_a_file(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generated = sirene_csv(60, bad_share=0.05)
    source = tmp_path / 'sirene.csv'
    source.write_text(generated.text, encoding='utf-8')
    assert main(['import-organisations', str(source)]) == 0
    printed = capsys.readouterr()
    assert f'créés : {generated.good}' in printed.out
    assert f'ligne {min(generated.bad_lines)}' in printed.err
    assert main(['import-organisations', str(tmp_path / 'absent.csv')]) == 1
    (tmp_path / 'photo.csv').write_bytes(b'\x89PNG\r\n\x1a\n\x00\x00binary')
    assert main(['import-organisations', str(tmp_path / 'photo.csv')]) == 1
    assert 'la première ligne doit nommer les colonnes' in capsys.readouterr().err
