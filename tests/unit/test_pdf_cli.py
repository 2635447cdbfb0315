"""`pstage render-pdf NUMBER --document … [--lang …] -o FILE` writes the PDF from the configured database."""

from pathlib import Path

import pytest

from cli import main
from tests.factories import World
from tests.unit.pdf_support import pdf_text


def test_render_pdf_writes_the_convention(world: World, tmp_path: Path) -> None:
    output = tmp_path / 'convention.pdf'
    assert main(['render-pdf', '2026-000002', '-o', str(output)]) == 0
    assert output.read_bytes().startswith(b'%PDF-')
    assert 'Convention n° 2026-000002' in pdf_text(output.read_bytes())


def test_render_pdf_writes_an_attestation_in_english(world: World, tmp_path: Path) -> None:
    output = tmp_path / 'attestation-en.pdf'
    assert main(['render-pdf', '2026-000002', '--document', 'attestation', '--lang', 'en', '-o', str(output)]) == 0
    assert 'Internship certificate' in pdf_text(output.read_bytes())


def test_render_pdf_says_when_the_number_is_unknown(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(['render-pdf', '2099-999999', '-o', str(tmp_path / 'x.pdf')]) == 1
    assert 'Convention n° 2099-999999 introuvable.' in capsys.readouterr().err
    assert not (tmp_path / 'x.pdf').exists()
