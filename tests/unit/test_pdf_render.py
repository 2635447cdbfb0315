"""The renderer prints what users typed as text, with glyphs for every name, and reads only its own assets."""

from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile
from xhtml2pdf.config.resources import ResourceAccessError

from pdf.formatting import format_long_date, format_money, format_number
from pdf.render import FONTS_DIR, IMAGES_DIR, RESOURCE_POLICY, render_html
from services.documents import convention_print_job, print_convention
from tests.factories import World
from tests.unit.pdf_support import HOST_NAME, STUDENT_FIRST, STUDENT_LAST, actor, create_rich_convention, pdf_text

HARD_NAMES = [f'{STUDENT_FIRST} {STUDENT_LAST}', HOST_NAME]


def test_hard_names_print_exactly_and_never_as_markup(world: World) -> None:
    convention_id = create_rich_convention(world)
    text = pdf_text(print_convention(actor(world, 'gestion'), convention_id))
    for name in HARD_NAMES:
        assert name in text
    job = convention_print_job(actor(world, 'gestion'), convention_id)
    html = render_html(job.template, job.context, job.language)
    assert '<script>' not in html
    assert 'L&#39;Œuf &amp; Cie &lt;script&gt;' in html


@pytest.mark.parametrize('face', ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'])
def test_the_embedded_font_has_a_glyph_for_every_character_of_the_names(face: str) -> None:
    glyphs = TTFontFile(str(FONTS_DIR / face)).charToGlyph
    characters = set(''.join(HARD_NAMES)) | set('€–—→«»’ŒœÆæßÇçĞğŞşİıŁłŃńŚśŹźŻżČčŠšŽžŘřĚěŮůАБВГДабвгдΑΒΓαβγ\u00a0')
    assert sorted(c for c in characters if ord(c) not in glyphs) == []
    assert (FONTS_DIR / 'LICENSE-DejaVu.txt').exists()


def test_documents_read_only_the_project_fonts_and_images() -> None:
    RESOURCE_POLICY.check_path(FONTS_DIR / 'DejaVuSans.ttf')
    RESOURCE_POLICY.check_path(IMAGES_DIR / 'logo.png')
    for outside in ('/etc/passwd', FONTS_DIR / '..' / 'render.py', Path.cwd() / 'settings.py'):
        with pytest.raises(ResourceAccessError):
            RESOURCE_POLICY.check_path(outside)
    for url in ('http://169.254.169.254/latest/meta-data/', 'https://example.org/logo.png', 'ftp://example.org/x'):
        with pytest.raises(ResourceAccessError):
            RESOURCE_POLICY.check_url(url)


def test_french_figures_use_a_non_breaking_space_and_other_languages_their_own_marks() -> None:
    assert format_money(123456789, 'EUR', 'fr') == '1\u00a0234\u00a0567,89\u00a0€'
    assert format_number(1102.5, 'fr') == '1\u00a0102,5'
    assert format_money(123456, 'EUR', 'en') == '€1,234.56'
    assert format_money(123456, 'EUR', 'de') == '1.234,56\u00a0€'
    assert format_number(280.0, 'de') == '280'
    assert format_long_date(date(2027, 1, 1), 'fr') == '1 janvier 2027'
    assert format_long_date(date(2027, 1, 1), 'de') == '1. Januar 2027'


def test_documents_are_rendered_with_reportlab_s_compiled_helpers_and_binary_streams(world: World) -> None:
    """What keeps a rendering cheap (bench/pdf.py): ReportLab's C helpers rather than their Python stand-ins,
    and streams only compressed, not also spelled out in ASCII85."""
    from reportlab.lib import rl_accel

    assert sorted(rl_accel._py_funcs) == []  # every helper came from the compiled module (rl-accel)
    pdf = print_convention(actor(world, 'gestion'), create_rich_convention(world))
    assert b'/ASCII85Decode' not in pdf
    assert b'/FlateDecode' in pdf
    assert 'Convention n°' in pdf_text(pdf)
