"""An international student (and the bureau des stages) switch PStage to English: the choice is kept for
the account, and the journeys' pages show no French interface text left.

A page fails when one of its texts (labels, buttons, field labels, hints, placeholders, options) is a
French text of the catalogue whose English differs, contains a long one, or reads as French (a French
function word) without being data stored in the database (names, addresses, official code lists).
"""

import re
from collections.abc import Iterable
from functools import cache

import sqlalchemy as sa
from nicegui import ui
from nicegui.element import Element
from nicegui.elements.mixins.text_element import TextElement
from nicegui.testing import User

from models import User as Account
from services import database, i18n
from services.database import session_scope
from settings import get_settings
from tests.catalogue import load_catalogue
from tests.factories import World
from tests.ui.helpers import log_in

# Words that only a French sentence has: a text with one of them that is not data is a translation left out.
FRENCH_WORDS = re.compile(
    r'\b(le|la|les|des|du|un|une|et|ou|aux|pour|par|sur|avec|sans|votre|vos|est|sont|jours|heures|semaines|mois)\b'
    r"|\b[ldLD]['’][a-zà-ÿ]",
    re.IGNORECASE,
)
PARTS = re.compile(r' — |, | · | : |\(|\)')
SHOWN_PROPS = ('label', 'placeholder', 'hint', 'error-message', 'aria-label', 'title', 'alt')
LONG = 20  # a French text this long inside a bigger one is a translation left out, not a coincidence


def french_texts() -> tuple[set[str], list[str]]:
    """The catalogue's French texts that English changes: all of them, and the long ones."""
    changed = {french for french, english in load_catalogue().items() if english != french}
    return changed, sorted((text for text in changed if len(text) >= LONG and '{' not in text), key=len)


def shown_texts(elements: Iterable[Element]) -> set[str]:
    texts: set[str] = set()
    for element in elements:
        if 'language-switch' in element._markers:  # « Français » on purpose: each language in its own words
            continue
        if isinstance(element, TextElement) and element.text:
            texts.add(str(element.text))
        for prop in SHOWN_PROPS:
            value = element.props.get(prop)
            if isinstance(value, str) and value:
                texts.add(value)
        if isinstance(element, ui.select) and isinstance(element.options, dict):
            texts.update(str(label) for label in element.options.values())
    return {text.strip().rstrip(' *') for text in texts if text.strip()}


@cache
def data_texts(url: str) -> frozenset[str]:
    """Every text stored in the test database (names, addresses, subjects, code lists): shown as they are."""
    found: set[str] = set()
    with database.engine().connect() as connection:
        for table in _tables(connection):
            columns = [column for column in table.columns if isinstance(column.type, sa.String)]
            if columns:
                for row in connection.execute(sa.select(*columns)):
                    found.update(str(value).strip() for value in row if value)
    settings = get_settings()  # texts the university sets (help contact, name) are shown as they are
    found.update({settings.help_contact, settings.university_name})
    return frozenset(found)


def _tables(connection: sa.Connection) -> list[sa.Table]:
    metadata = sa.MetaData()
    metadata.reflect(connection)
    return list(metadata.tables.values())


def is_data(text: str, data: frozenset[str]) -> bool:
    """The text, or each of its pieces (« code — libellé », « nom, adresse »), is stored data or not French."""

    def fine(piece: str) -> bool:
        piece = piece.strip()
        return not piece or piece in data or not FRENCH_WORDS.search(piece)

    return text in data or all(
        fine(piece) or all(fine(part) for part in PARTS.split(piece)) for piece in text.split(' — ')
    )


def untranslated(user: User) -> list[str]:
    exact, long = french_texts()
    data = data_texts(str(database.engine().url))
    english = set(load_catalogue().values())  # « e.g. CPAM de la Côte-d’Or… »: a French example, on purpose
    left = set()
    for text in shown_texts(user.client.elements.values() if user.client else ()):
        if text in english:
            continue
        if text in data:  # reference lists (« Comment avez-vous trouvé ce stage ? »…) stay in French
            continue
        reads_french = bool(FRENCH_WORDS.search(text)) or any(french in text for french in long)
        if text in exact or (reads_french and not is_data(text, data)):
            left.add(text)
    return sorted(left)


async def switch_to_english(user: User) -> None:
    user.find(marker='language-switch').click()
    await user.should_see('Sign out', retries=30)


async def check_english(user: User, path: str) -> None:
    await user.open(path)
    await user.should_see(marker='page-title')
    assert not untranslated(user), f'French left on {path} in English: {untranslated(user)}'


async def test_the_language_switch_is_remembered_for_the_account(user: User, world: World) -> None:
    await log_in(user, 'alice')
    await user.should_see('Bonjour Alice Bénard.')
    await switch_to_english(user)
    await user.should_see('Hello Alice Bénard.')
    with session_scope() as session:
        account = session.get(Account, world.user_ids['alice'])
        assert account is not None
        assert account.language == 'en'
    await user.open('/logout')
    await log_in(user, 'alice')
    await user.should_see('Hello Alice Bénard.')
    await user.should_see('My internship agreements')
    assert user.client is not None
    assert user.client.page.resolve_language() == 'en-GB'  # <html lang="en-GB">
    user.find(marker='language-switch').click()  # « Français »
    await user.should_see('Bonjour Alice Bénard.', retries=30)


async def test_before_login_the_choice_is_kept_in_the_browser(user: User) -> None:
    await user.open('/login')
    await user.should_see('Connectez-vous avec vos identifiants ENT.')
    user.find(marker='language-switch').click()
    await user.should_see('Sign in with your university (ENT) credentials.', retries=30)
    assert not untranslated(user), untranslated(user)


async def test_a_student_s_journey_pages_are_all_in_english(user: User, world: World) -> None:
    await log_in(user, 'alice')
    await switch_to_english(user)
    for path in (
        '/',
        '/conventions/mes',
        f'/conventions/{world.convention_ids["alice_created"]}',
        f'/conventions/{world.convention_ids["alice_validated"]}',
        '/etablissements',
        f'/etablissements/{world.organisation_id}',
        '/offres',
        '/evaluations',
        '/aide',
    ):
        await check_english(user, path)


async def test_the_wizard_is_all_in_english(user: User) -> None:
    await log_in(user, 'alice')
    await switch_to_english(user)
    await user.open('/conventions/nouvelle')
    await user.should_see('Create a new agreement')
    assert not untranslated(user), untranslated(user)
    user.find(marker='wizard-start').click()
    await user.should_see(marker='student-identity')
    # Every step's section is drawn (inactive steps included): the whole wizard is checked at once.
    assert not untranslated(user), untranslated(user)


async def test_the_bureau_des_stages_pages_are_all_in_english(user: User, world: World) -> None:
    await log_in(user, 'gestion')
    await switch_to_english(user)
    for path in (
        '/',
        '/validation',
        f'/conventions/{world.convention_ids["bob_created"]}',
        f'/conventions/{world.convention_ids["alice_validated"]}/avenant',
    ):
        await check_english(user, path)


def test_nomenclature_labels_stay_french() -> None:
    """Official code lists have no official English labels: they are not in the catalogue."""
    catalogue = load_catalogue()
    assert 'Réparation d’autres biens personnels et domestiques' not in catalogue
    i18n.set_language('en')
    try:
        assert i18n._('Réparation d’autres biens personnels et domestiques').startswith('Réparation')
    finally:
        i18n.set_language(None)
