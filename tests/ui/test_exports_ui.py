"""Large exports run in the background: the page keeps answering (another request is served meanwhile), a
progress bar shows, and the file of 20,000 conventions is then downloadable; columns are picked on the page."""

import asyncio
import csv
import io
import threading
from collections.abc import Iterable, Sequence

import pytest
from nicegui import ui
from nicegui.testing import User

from components.column_picker import ColumnPicker
from services import exports
from services.exports_conventions import CONVENTIONS
from tests.factories import World
from tests.menu_data import add_many_conventions
from tests.ui.helpers import log_in, pick

MANY = 20_000


async def test_a_20000_convention_export_runs_in_the_background_while_the_site_answers(
    user: User, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_many_conventions(world, MANY)
    writing, may_go_on, finished = threading.Event(), threading.Event(), threading.Event()
    real_write = exports.write_csv

    def held_write(columns: Sequence[exports.Column], rows: Iterable[Sequence[exports.Cell]]) -> bytes:
        # Holds the export until the test has had another page served: proof that the export does not occupy
        # the server's event loop (were it run there, nothing else would be served until it ends).
        writing.set()
        may_go_on.wait(timeout=60)
        content = real_write(columns, rows)
        finished.set()
        return content

    monkeypatch.setattr(exports, 'write_csv', held_write)
    await log_in(user, 'gestion')
    await user.open('/exports')
    await user.should_see(f'{MANY + 3} ligne(s) à exporter')
    pick(user, 'export-format', 'csv')
    user.find(marker='export-start').click()
    for _attempt in range(200):
        if writing.is_set():
            break
        await asyncio.sleep(0.05)
    assert writing.is_set(), 'the export started'
    other = await asyncio.wait_for(user.http_client.get('/aide'), timeout=30)
    assert other.status_code == 200
    assert 'Besoin d' in other.text
    assert not finished.is_set(), 'another page was served while the export was running'
    (progress,) = user.find(kind=ui.linear_progress, marker='export-task-progress').elements
    assert progress.visible
    may_go_on.set()
    await user.should_see(marker='export-download', retries=1200)
    await user.should_see(f'{MANY + 3} ligne(s) exportée(s)')
    user.find(marker='export-download').click()
    response = await user.download.next(timeout=10)
    lines = list(csv.reader(io.StringIO(response.content.decode('utf-8-sig')), delimiter=';'))
    assert len(lines) == MANY + 4  # the header, the world's 3 conventions and the 20,000
    assert len(lines[0]) == len(CONVENTIONS.columns())


async def test_the_columns_picked_are_the_columns_of_the_file(user: User, world: World) -> None:
    await log_in(user, 'gestion')
    await user.open('/exports?statut=validee')
    await user.should_see('1 ligne(s) à exporter')
    user.find(marker='columns-none').click()
    user.find(marker='export-column-number').click()
    user.find(marker='export-column-organisation_name').click()
    pick(user, 'export-format', 'csv')
    user.find(marker='export-start').click()
    await user.should_see(marker='export-download', retries=100)
    user.find(marker='export-download').click()
    response = await user.download.next()
    lines = list(csv.reader(io.StringIO(response.content.decode('utf-8-sig')), delimiter=';'))
    assert lines == [['N° convention', 'Raison sociale'], ['2026-000002', 'Garage Dupont et Fils']]
    await user.open('/exports')  # the choice is remembered
    (picker,) = user.find(kind=ColumnPicker, marker='column-picker').elements
    assert picker.selected == ['number', 'organisation_name']


async def test_a_search_is_exported_from_its_results_page(user: User, world: World) -> None:
    await log_in(user, 'gestion')
    await user.open('/conventions/recherche?etudiant=benard&statut=creee')
    await user.should_see('1 convention(s) trouvée(s)', retries=30)
    (link,) = user.find(kind=ui.link, marker='search-export').elements
    await user.open(str(link.props['href']))
    await user.should_see('1 ligne(s) à exporter')
    (student,) = user.find(kind=ui.input, marker='criterion-etudiant').elements
    assert student.value == 'benard'
