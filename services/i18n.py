"""The one translation function. French is the source language; catalogues add the others.

A catalogue maps the French text, exactly as written in the code, to its translation:
services/locales/<language>.json, loaded at start-up by `load_catalogues()`. A text missing from the
catalogue is shown in French (tests/unit/test_catalogue.py keeps the English catalogue complete).

The current language comes, in this order, from `set_language()` in this context (a page being built, a
worker thread started by components/busy.py), from the registered resolvers (the UI layer tells the
language of the browser tab handling an event), then from the instance's default (PSTAGE_LANGUAGE).
"""

import json
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path

LANGUAGES = ('fr', 'en')
SOURCE_LANGUAGE = 'fr'
LOCALES_DIR = Path(__file__).parent / 'locales'

_language: ContextVar[str | None] = ContextVar('language', default=None)
_default = [SOURCE_LANGUAGE]
_resolvers: list[Callable[[], str | None]] = []
_catalogues: dict[str, dict[str, str]] = {}


def register_catalogue(language: str, entries: dict[str, str]) -> None:
    _catalogues.setdefault(language, {}).update(entries)


def load_catalogues(folder: Path = LOCALES_DIR) -> dict[str, int]:
    """Register every `<language>.json` of `folder`; returns the number of entries per language."""
    sizes = {}
    for path in sorted(folder.glob('*.json')):
        entries = json.loads(path.read_text(encoding='utf-8'))
        register_catalogue(path.stem, entries)
        sizes[path.stem] = len(entries)
    return sizes


def catalogue(language: str) -> dict[str, str]:
    """A copy of the loaded entries of `language` (French text → translation)."""
    return dict(_catalogues.get(language, {}))


def supported(language: str | None) -> str | None:
    """`language` when PStage speaks it, else None (a stored value from elsewhere is not trusted)."""
    return language if language in LANGUAGES else None


def set_default_language(language: str) -> None:
    _default[0] = supported(language) or SOURCE_LANGUAGE


def set_language(language: str | None) -> None:
    """The language of this context (a page being built, a worker thread); None lets resolvers decide."""
    _language.set(supported(language))


def add_language_resolver(resolver: Callable[[], str | None]) -> None:
    """A function telling the language of the current request, or None when it cannot tell."""
    if resolver not in _resolvers:
        _resolvers.append(resolver)


def current_language() -> str:
    explicit = _language.get()
    if explicit:
        return explicit
    for resolver in _resolvers:
        found = supported(resolver())
        if found:
            return found
    return _default[0]


def _(text: str, **values: object) -> str:
    """Translate `text` into the current language, then fill its `{placeholders}`."""
    translated = _catalogues.get(current_language(), {}).get(text, text) if text else text
    return translated.format(**values) if values else translated


def N_(text: str) -> str:  # noqa: N802 - the usual name of the marker
    """Marks a French text kept in a constant (a label, a menu entry) for the catalogue; `_()` translates it
    where it is shown."""
    return text
