"""Journey (d): « Rechercher un établissement d'accueil » finds a host despite a typo in its name, from
the keyboard only; then the same page in English."""

import re

from playwright.sync_api import expect

from tests.e2e.accounts import PASSWORD
from tests.e2e.journey import Journey


def test_a_typo_still_finds_the_host(journey: Journey) -> None:
    page = journey.page
    journey.log_in('e2e-creation', PASSWORD)
    journey.open('/etablissements')
    journey.step('recherche')

    box = page.get_by_label('Nom (ou une partie), raison sociale, SIRET ou SIREN')
    expect(box).to_be_focused()  # the page puts the cursor in the box
    box.press_sequentially('Mairie de Valance', delay=20)  # « Valence » mistyped
    result = page.get_by_role('link', name='Mairie de Valence')
    expect(result).to_be_visible()
    journey.step('resultats-avec-faute')

    # Keyboard only: Tab from the box reaches the result, Entrée opens it.
    for _press in range(40):
        page.keyboard.press('Tab')
        if page.evaluate('document.activeElement && document.activeElement.textContent') == 'Mairie de Valence':
            break
    expect(result).to_be_focused()
    page.keyboard.press('Enter')
    expect(page).to_have_url(re.compile(r'/etablissements/\d+'))
    expect(page.get_by_role('heading', level=1)).to_be_visible()
    journey.step('fiche')


def test_the_search_in_english(journey: Journey) -> None:
    page = journey.page
    journey.log_in('e2e-english', PASSWORD)
    page.get_by_role('button', name='English').click()
    expect(page.get_by_role('link', name='Sign out')).to_be_visible()
    journey.open('/etablissements')
    expect(page.get_by_role('heading', level=1)).to_have_text('Find a host organisation')
    assert page.evaluate('document.documentElement.lang') == 'en-GB'
    page.get_by_label('Name (or part of it), company name, SIRET or SIREN').press_sequentially('mairie de valance')
    expect(page.get_by_role('link', name='Mairie de Valence')).to_be_visible()
    journey.step('recherche-en-anglais')
