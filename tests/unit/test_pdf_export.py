"""Staff export: one ZIP holding one PDF per convention in scope, rendered by a process pool."""

import io
import zipfile

import pytest
from sqlmodel import select

from models import AuditEntry
from services.database import session_scope
from services.pdf_export import export_conventions_zip
from services.permissions import PermissionDenied
from tests.factories import World
from tests.unit.pdf_support import actor, pdf_text


def test_the_zip_holds_one_pdf_per_selected_convention_in_scope(world: World) -> None:
    ids = [world.convention_ids[key] for key in ('alice_created', 'alice_validated', 'bob_created')]
    seen: list[tuple[int, int]] = []
    export = export_conventions_zip(
        actor(world, 'gestion'), [*ids, 99999], progress=lambda done, total: seen.append((done, total)), workers=2
    )
    archive = zipfile.ZipFile(io.BytesIO(export.content))
    assert sorted(archive.namelist()) == [
        'convention-2026-000001.pdf',
        'convention-2026-000002.pdf',
        'convention-2026-000003.pdf',
    ]
    assert (export.count, export.skipped) == (3, 1)
    assert 'Bob Moreau' in pdf_text(archive.read('convention-2026-000003.pdf'))
    assert seen[-1] == (3, 3)
    assert [done for done, _total in seen] == [1, 2, 3]
    with session_scope() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == 'convention.export_pdf')).one()
    assert entry.changes == {'numbers': ['2026-000001', '2026-000002', '2026-000003']}


def test_the_administration_exports_any_convention_students_none(world: World) -> None:
    export = export_conventions_zip(actor(world, 'admin'), [world.convention_ids['bob_created']], workers=1)
    assert export.count == 1
    with pytest.raises(PermissionDenied):
        export_conventions_zip(actor(world, 'alice'), [world.convention_ids['alice_created']])
