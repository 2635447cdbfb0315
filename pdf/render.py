"""Template name + context + language -> PDF bytes. Pure: no database, no settings, no UI.

Pages call it through `run.cpu_bound` (xhtml2pdf holds a process-wide lock, threads would queue),
the staff export through a process pool; everything it takes and returns is picklable.

Jinja2 escapes every value (autoescape), so what a user typed is printed as text and never becomes
markup. xhtml2pdf reads resources under a policy confined to the project's own fonts and images:
no network, no other file, whatever a template or a value might name.
"""

import io
import json
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from reportlab import rl_config
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from pdf.formatting import LANGUAGES, country_name, format_long_date, format_money, format_number

PDF_DIR = Path(__file__).resolve().parent
FONTS_DIR = PDF_DIR / 'fonts'
IMAGES_DIR = PDF_DIR / 'images'
TEMPLATES_DIR = PDF_DIR / 'templates'
CATALOGUES_DIR = PDF_DIR / 'i18n'

# Streams compressed only, not also spelled out in ASCII85 (ReportLab's default, for 7-bit channels): the encoding
# took 3 % of a rendering, and its streams a quarter more bytes (the full convention: 63 -> 60 KB, mostly fonts).
rl_config.useA85 = 0

# Every limit of the server preset, no remote fetch, and local reads only inside fonts/ and images/.
RESOURCE_POLICY = ResourceAccessPolicy.server(None, extra_roots=(FONTS_DIR, IMAGES_DIR), allow_remote=False)


class RenderError(Exception):
    """xhtml2pdf reported errors: the document would be incomplete, so none is returned."""


@lru_cache
def catalogue(language: str) -> dict[str, str]:
    """The fixed texts and headings of the documents in `language` (pdf/i18n/<language>.json)."""
    if language not in LANGUAGES:
        raise ValueError(f'unsupported print language: {language!r}')
    entries: dict[str, str] = json.loads((CATALOGUES_DIR / f'{language}.json').read_text(encoding='utf-8'))
    return entries


def translate(language: str, key: str, **values: object) -> str:
    """The catalogue text for `key`, French when the language lacks it, with its `{placeholders}` filled."""
    text = catalogue(language).get(key)
    if text is None:
        text = catalogue('fr')[key]  # a key missing in French is a template bug: KeyError says which
    return text.format(**values) if values else text


def _asset(relative: str) -> str:
    """Absolute path of a file of pdf/fonts or pdf/images, as xhtml2pdf wants it (the policy checks it too)."""
    path = (PDF_DIR / relative).resolve()
    if not (path.is_relative_to(FONTS_DIR) or path.is_relative_to(IMAGES_DIR)):
        raise ValueError(f'not a document asset: {relative!r}')
    return path.as_posix()


def _paragraphs(text: str | None) -> list[str]:
    """Blank-line separated paragraphs of a typed text (each printed in its own <p>, escaped)."""
    if not text:
        return []
    return [block.strip() for block in text.replace('\r\n', '\n').split('\n\n') if block.strip()]


@lru_cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals['asset'] = _asset
    environment.filters['paragraphs'] = _paragraphs
    return environment


def render_html(template: str, context: Mapping[str, Any], language: str) -> str:
    """The filled template (exposed for tests and debugging)."""

    def t(key: str, **values: object) -> str:
        return translate(language, key, **values)

    def long_date(value: date | None) -> str:
        return format_long_date(value, language)

    def num(value: float | None) -> str:
        return format_number(value, language)

    def money(cents: int | None, currency: str = 'EUR') -> str:
        return format_money(cents, currency, language)

    def country(code: str | None) -> str:
        return country_name(code, language)

    helpers = {'t': t, 'long_date': long_date, 'num': num, 'money': money, 'country': country}
    return _environment().get_template(f'{template}.html').render({**context, **helpers, 'language': language})


def render_pdf(template: str, context: Mapping[str, Any], language: str = 'fr') -> bytes:
    """Render `pdf/templates/<template>.html` with `context` in `language` (fr, en, de, es)."""
    html = render_html(template, context, language)
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding='utf-8', resource_policy=RESOURCE_POLICY)
    if result.err:
        raise RenderError(f'{template}: {result.err} error(s) while rendering')
    return output.getvalue()
