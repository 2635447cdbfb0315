"""Step 9 « Impression »: from the recap, preview and download the convention and the attestation de stage."""

import io
import zipfile
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User

from components import busy
from models import Composante, PrintLanguage
from services.database import session_scope
from tests.factories import World
from tests.ui.helpers import log_in
from tests.unit.pdf_support import create_rich_convention, pdf_text

# Rendering runs in a worker process: give its result time to be drawn (0.1 s per retry).
RENDER_RETRIES = 300


async def test_student_previews_and_downloads_the_convention_from_the_recap(user: User, world: World) -> None:
    await log_in(user, 'alice')
    await user.open(f'/conventions/{world.convention_ids["alice_validated"]}')
    await user.should_see(marker='print-copies-note')
    user.find(marker='print-convention-fr').click()
    await user.should_see(marker='print-preview', retries=RENDER_RETRIES)
    preview = user.find(kind=ui.image, marker='print-preview').elements.pop()
    assert preview.source.startswith('data:image/jpeg;base64,')
    await user.should_see('convention-2026-000002.pdf')

    user.find(marker='print-download').click()
    response = await user.download.next(timeout=10)
    assert response.content.startswith(b'%PDF-')
    assert 'Convention n° 2026-000002' in pdf_text(response.content)


async def test_attestation_and_the_print_language_are_offered(user: User, world: World) -> None:
    convention_id = create_rich_convention(world, country='DE', print_language=PrintLanguage.ENGLISH)
    await log_in(user, 'gestion')
    await user.open(f'/conventions/{convention_id}')
    await user.should_see(marker='print-convention-en')
    user.find(marker='print-attestation-en').click()
    await user.should_see(marker='print-preview', retries=RENDER_RETRIES)
    await user.should_see('attestation-2026-000777-en.pdf')
    user.find(marker='print-download').click()
    response = await user.download.next(timeout=10)
    assert 'Internship certificate' in pdf_text(response.content)


async def test_a_student_waits_for_validation_when_the_composante_says_so(user: User, world: World) -> None:
    with session_scope() as session:
        composante = session.get(Composante, world.composante_id)
        assert composante is not None
        composante.students_print_before_validation = False
        session.add(composante)
    await log_in(user, 'alice')
    await user.open(f'/conventions/{world.convention_ids["alice_created"]}')
    await user.should_see(marker='print-unavailable')
    await user.should_see("Votre composante permet l'impression une fois la convention validée.")
    await user.should_not_see(marker='print-convention-fr')
    await user.open(f'/conventions/{world.convention_ids["alice_validated"]}')
    await user.should_see(marker='print-convention-fr')


async def test_staff_build_the_zip_of_their_conventions_on_the_exports_page(user: User, world: World) -> None:
    await log_in(user, 'gestion')
    await user.open('/exports')
    # The page is served as soon as its progress timers wait for the browser; the PDF card comes after one more
    # database read, so it may be drawn a moment after `open` returns.
    await user.should_see(marker='pdf-export-start', retries=50)
    user.find(marker='pdf-export-start').click()
    await user.should_see(marker='pdf-export-download', retries=2 * RENDER_RETRIES)
    await user.should_see('3 PDF prêts')
    user.find(marker='pdf-export-download').click()
    response = await user.download.next(timeout=10)
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert sorted(names) == ['convention-2026-000001.pdf', 'convention-2026-000002.pdf', 'convention-2026-000003.pdf']


async def test_the_impression_link_of_my_list_opens_the_preview(user: User, world: World) -> None:
    await log_in(user, 'alice')
    await user.open('/conventions/mes')
    rows = [row for table in user.find(kind=ui.table, marker='conventions').elements for row in table.rows]
    link = next(row['print_link'] for row in rows if row['number'] == '2026-000002')
    await user.open(link)
    await user.should_see(marker='print-preview', retries=RENDER_RETRIES)
    await user.should_see('convention-2026-000002.pdf')


async def test_the_impression_link_serves_the_page_before_rendering(
    user: User, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering may take longer than NiceGUI's time to build a page (a busy server, its worker pool starting):
    the recap is served first, the preview drawn into it when ready."""
    served_first: list[bool] = []
    render = busy.cpu_bound

    async def noting_cpu_bound(*args: Any, **kwargs: Any) -> Any:
        served_first.append(ui.context.client.has_socket_connection)
        return await render(*args, **kwargs)

    monkeypatch.setattr(busy, 'cpu_bound', noting_cpu_bound)
    await log_in(user, 'alice')
    await user.open(f'/conventions/{world.convention_ids["alice_validated"]}?impression=convention')
    await user.should_see(marker='print-preview', retries=RENDER_RETRIES)
    assert served_first == [True]
