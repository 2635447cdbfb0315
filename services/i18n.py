"""The one translation function. French is the source language; catalogues add the others."""

from contextvars import ContextVar

_language: ContextVar[str] = ContextVar('language', default='fr')
_catalogues: dict[str, dict[str, str]] = {}


def register_catalogue(language: str, entries: dict[str, str]) -> None:
    _catalogues.setdefault(language, {}).update(entries)


def set_language(language: str) -> None:
    _language.set(language)


def _(text: str, **values: object) -> str:
    """Translate `text` into the current language, then fill its `{placeholders}`."""
    translated = _catalogues.get(_language.get(), {}).get(text, text)
    return translated.format(**values) if values else translated
