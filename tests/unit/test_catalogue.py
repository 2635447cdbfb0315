"""The English catalogue covers every interface text of the code, with the same {placeholders}.

A text added with `_('…')` (or N_, or a page title) and missing from services/locales/en.json fails here:
`python -m tests.catalogue` lists the missing ones, ready to translate.
"""

import json

from services import i18n
from tests.catalogue import CATALOGUE, load_catalogue, missing, placeholders, source_texts


def test_every_interface_text_has_an_english_translation() -> None:
    absent = missing()
    listing = '\n'.join(f'  {found.path}:{found.line}: {found.text!r}' for found in absent[:40])
    assert not absent, f'{len(absent)} text(s) missing from {CATALOGUE.name} (python -m tests.catalogue):\n{listing}'


def test_translations_keep_the_placeholders_of_the_french_text() -> None:
    wrong = {
        french: english
        for french, english in load_catalogue().items()
        if english and placeholders(french) != placeholders(english)
    }
    assert not wrong, json.dumps(wrong, ensure_ascii=False, indent=1)


def test_the_walk_finds_texts_of_every_kind() -> None:
    """The extraction itself: literal _() calls, N_() constants and page titles are all found."""
    texts = {found.text for found in source_texts()}
    assert 'Créer une nouvelle convention' in texts  # _() in a page and a page title
    assert "Etablissements d'accueil" in texts  # N_() in the menu
    assert 'Stage obligatoire' in texts  # N_() in services/labels.py
    assert 'Mes conventions de stage' in texts  # title= of @protected_page


def test_texts_are_shown_in_the_chosen_language() -> None:
    i18n.load_catalogues()
    i18n.set_language('en')
    try:
        assert i18n._('Créer une nouvelle convention') == 'Create a new agreement'
        assert i18n._('Bonjour {name}.', name='Alice') == 'Hello Alice.'
        i18n.set_language('fr')
        assert i18n._('Créer une nouvelle convention') == 'Créer une nouvelle convention'
    finally:
        i18n.set_language(None)  # back to the resolvers and the default, for the next tests
