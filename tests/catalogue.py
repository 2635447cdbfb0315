"""The French texts of the interface, found in the code, and the English catalogue's coverage of them.

A text is an interface text when it is the literal first argument of `_()` or `N_()`, or the literal
`title=` of a page declaration (`protected_page`, `public_page`), in pages/, components/, services/ or auth/.

`python -m tests.catalogue` prints the texts missing from services/locales/en.json as a JSON object
(French → "") ready to be translated and merged.
"""

import ast
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ('pages', 'components', 'services', 'auth')
CATALOGUE = ROOT / 'services' / 'locales' / 'en.json'
MARKERS = {'_', 'N_'}
PAGE_DECORATORS = {'protected_page', 'public_page'}
PLACEHOLDER = re.compile(r'{(\w*)[^{}]*}')


@dataclass(frozen=True)
class Found:
    text: str
    path: str
    line: int


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def texts_in(path: Path) -> list[Found]:
    tree = ast.parse(path.read_text(encoding='utf-8'), filename=str(path))
    relative = str(path.relative_to(ROOT))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in MARKERS and node.args:
            text = _literal(node.args[0])
            if text:
                found.append(Found(text, relative, node.lineno))
        elif name in PAGE_DECORATORS:
            for keyword in node.keywords:
                text = _literal(keyword.value) if keyword.arg == 'title' else None
                if text:
                    found.append(Found(text, relative, node.lineno))
    return found


def source_texts() -> list[Found]:
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob('*.py')):
            found.extend(texts_in(path))
    return found


def load_catalogue(path: Path = CATALOGUE) -> dict[str, str]:
    entries = json.loads(path.read_text(encoding='utf-8'))
    assert isinstance(entries, dict)
    return entries


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def missing(catalogue: dict[str, str] | None = None) -> list[Found]:
    entries = load_catalogue() if catalogue is None else catalogue
    return [found for found in source_texts() if not entries.get(found.text)]


if __name__ == '__main__':
    wanted = {found.text: '' for found in missing()}
    json.dump(wanted, sys.stdout, ensure_ascii=False, indent=2)
    print()
