"""Exports: the CSV and the Excel file of one search hold the same columns and values; the full export holds
every field of a convention; the columns picked and the search's criteria are honoured; the scope too."""

import csv
import io
from datetime import date, datetime
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlmodel import SQLModel

from models import Convention, ConventionStatus, OfferStatus
from services import convention_search, exports
from services.exports_catalogue import OFFERS, ORGANISATIONS
from services.exports_conventions import CONVENTIONS, NOT_EXPORTED, search_criteria
from services.permissions import PermissionDenied
from tests.factories import World
from tests.menu_data import actor, add_convention, add_offer, add_organisation


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b'\xef\xbb\xbf'), 'a byte-order mark, so that French Excel reads UTF-8'
    return list(csv.reader(io.StringIO(content.decode('utf-8-sig')), delimiter=';'))


def read_xlsx_as_text(content: bytes, kinds: list[exports.CellKind]) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    assert sheet is not None
    lines: list[list[Any]] = [list(line) for line in sheet.iter_rows(values_only=True)]
    header = [str(value) for value in lines[0]]
    body = [
        [
            exports.cell_text(kind, _as_read(kind, value))
            for kind, value in zip(kinds, line + [None] * (len(kinds) - len(line)), strict=True)  # trailing blanks
        ]
        for line in lines[1:]
    ]
    return [header, *body]


def _as_read(kind: exports.CellKind, value: exports.Cell) -> exports.Cell:
    # Excel stores a date as a date-time at midnight; the column says it is a date.
    if kind is exports.CellKind.DATE and isinstance(value, datetime):
        return value.date()
    return value


def test_the_csv_and_the_excel_file_of_a_search_have_the_same_columns_and_values(world: World) -> None:
    add_convention(
        world, '2026-000011', 'bob', status=ConventionStatus.VALIDATED, start=date(2027, 1, 4), end=date(2027, 3, 26)
    )
    gestion = actor(world, 'gestion')
    search = {'statut': 'validee'}
    csv_file = exports.export(gestion, CONVENTIONS, search, None, 'csv')
    xlsx_file = exports.export(gestion, CONVENTIONS, search, None, 'xlsx')
    kinds = [column.kind for column in CONVENTIONS.columns()]
    from_csv, from_xlsx = read_csv(csv_file.content), read_xlsx_as_text(xlsx_file.content, kinds)
    assert from_csv == from_xlsx
    assert csv_file.rows == xlsx_file.rows == 2
    header = from_csv[0]
    assert len(header) == len(set(header)), 'every header names one column'
    numbers = sorted(line[header.index('N° convention')] for line in from_csv[1:])
    assert numbers == ['2026-000002', '2026-000011']
    line = dict(zip(header, from_csv[1], strict=True))
    assert line['Statut'] == 'validée'
    assert line['SIRET'] == '732 829 320 00074'
    assert line['Code NAF'].startswith('45.20A — ')
    assert line['Date de début'] in ('06/04/2027', '04/01/2027')
    assert line['Durée effective (heures)'] == '280'
    assert csv_file.filename.endswith('.csv')
    assert xlsx_file.filename.endswith('.xlsx')


def test_the_full_export_has_every_field_of_a_convention() -> None:
    table = SQLModel.metadata.tables['convention']
    shown = {field for column in CONVENTIONS.columns() for field in column.fields}
    assert {column.name for column in table.columns} - NOT_EXPORTED <= shown
    assert not (NOT_EXPORTED & shown), 'the NIR and the lock counter stay out of every export'
    assert {'nir_encrypted', 'version'} == NOT_EXPORTED
    assert all(hasattr(Convention, field) for field in shown)


def test_the_picked_columns_come_in_their_order_with_their_values(world: World) -> None:
    gestion = actor(world, 'gestion')
    content = exports.export(gestion, CONVENTIONS, {}, ['organisation_name', 'number', 'gratified'], 'csv').content
    rows = read_csv(content)
    assert rows[0] == ['N° convention', 'Gratification', 'Raison sociale']
    assert rows[1] == ['2026-000001', 'non', 'Garage Dupont et Fils']
    with pytest.raises(ValueError, match='au moins une colonne'):
        exports.export(gestion, CONVENTIONS, {}, ['no-such-column'], 'csv')


def test_the_search_criteria_and_the_scope_select_the_rows(world: World) -> None:
    add_convention(world, '2026-000011', 'chloe', other_composante=True)
    gestion, admin = actor(world, 'gestion'), actor(world, 'admin')
    assert exports.count(gestion, CONVENTIONS, {}) == 3
    assert exports.count(admin, CONVENTIONS, {}) == 4
    assert exports.count(gestion, CONVENTIONS, {'etudiant': 'bénard'}) == 2
    assert exports.count(gestion, CONVENTIONS, {'numero': '000003'}) == 1
    assert exports.count(gestion, CONVENTIONS, {'statut': 'creee', 'etudiant': 'alice'}) == 1
    assert exports.count(gestion, CONVENTIONS, {'du': '2027-05-29'}) == 0  # every stage ends on 28 May 2027
    assert exports.count(gestion, CONVENTIONS, {'du': '2027-05-28', 'au': '2027-06-30'}) == 3
    assert exports.count(gestion, CONVENTIONS, {'etablissement': 'garage dupont', 'enseignant': 'jeanne'}) == 3
    assert exports.count(gestion, CONVENTIONS, {'formation': 'licence 3', 'annee': '2025-2026'}) == 0
    assert exports.count(gestion, CONVENTIONS, {'du': 'pas une date', 'statut': 'inconnu'}) == 3
    with pytest.raises(PermissionDenied):
        exports.export(actor(world, 'dupont'), CONVENTIONS, {}, None, 'csv')
    with pytest.raises(PermissionDenied):
        exports.count(actor(world, 'alice'), CONVENTIONS, {})


def test_progress_is_reported_while_rows_are_written(world: World) -> None:
    seen: list[tuple[int, int]] = []
    exports.export(
        actor(world, 'admin'), CONVENTIONS, {}, ['number'], 'xlsx', progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (3, 3)


def test_the_export_of_a_search_holds_the_conventions_the_search_finds(world: World) -> None:
    gestion = actor(world, 'gestion')
    url = {'etudiant': 'benrad alise', 'statut': 'creee'}  # misspelled: the search is fuzzy, so is its export
    found = convention_search.search_conventions(gestion, search_criteria(url))
    content = exports.export(gestion, CONVENTIONS, url, ['number'], 'csv').content
    assert [row[0] for row in read_csv(content)[1:]] == [row.number for row in found.items] == ['2026-000001']


def test_establishments_and_offers_are_exported_from_their_criteria(world: World) -> None:
    add_organisation('Boulangerie Les Trois Épis', '55208131766522', departement='75')
    add_offer(world, 'OF-2026-0001', 'Développeur Python')
    add_offer(world, 'OF-2026-0002', 'Comptable', status=OfferStatus.FILLED)
    gestion = actor(world, 'gestion')
    hosts = read_csv(exports.export(gestion, ORGANISATIONS, {'departement': '21'}, None, 'csv').content)
    line = dict(zip(hosts[0], hosts[1], strict=True))
    assert len(hosts) == 2
    assert (line['Raison sociale'], line['SIRET'], line['Département']) == (
        'Garage Dupont et Fils',
        '732 829 320 00074',
        "21 — Côte-d'Or",
    )
    assert exports.count(gestion, ORGANISATIONS, {'q': '552 081 317'}) == 1  # a SIREN typed with spaces
    offers = read_csv(exports.export(gestion, OFFERS, {'statut': 'pourvue'}, ['number', 'status'], 'csv').content)
    assert offers == [['N° offre', 'Statut'], ['OF-2026-0002', 'pourvue']]
