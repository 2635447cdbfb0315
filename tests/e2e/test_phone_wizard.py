"""Journey (e): the wizard on a phone-sized screen (390×844): the menu folds away, every field is usable."""

from playwright.sync_api import expect

from tests.e2e import wizard_steps as wizard
from tests.e2e.accounts import PASSWORD
from tests.e2e.journey import Journey


def test_the_wizard_on_a_phone(phone_journey: Journey) -> None:
    journey = phone_journey
    page = journey.page
    journey.log_in('e2e-mobile', PASSWORD)
    menu = page.get_by_role('navigation', name='Menu principal')
    expect(menu).to_be_hidden()  # folded on a small screen, behind the « Menu » button
    page.get_by_role('button', name='Menu').click()
    expect(menu).to_be_visible()
    journey.step('menu')
    menu.get_by_role('link', name='Conventions de stage').click()
    expect(page.get_by_role('heading', level=1)).to_be_visible()

    wizard.start(journey)
    wizard.student_step(journey)
    page.get_by_role('button', name='NON').click()
    wizard.at_step(journey, "Établissement d'accueil")
    search = page.get_by_role('combobox', name='Raison sociale')
    expect(search).to_be_visible()
    search.fill('numerique maiet')  # a typo here too
    result = page.get_by_role('option').filter(has_text='Numérique Maillet').first
    expect(result).to_be_visible()
    journey.step('etape-2-recherche')
    result.click()
    page.get_by_role('button', name='Sélectionner et continuer').click()
    wizard.at_step(journey, "Service d'accueil")
    journey.step('etape-3-service')
    page.get_by_role('button', name='Sélectionner').first.click()
    wizard.at_step(journey, 'Tuteur professionnel')
    journey.step('etape-4-tuteur')
    wizard.create_contact(journey, 'etape-4-creer-tuteur', 'Roussel', 'Inès', 'Responsable d’atelier')
    wizard.content_step(journey)
    expect(page.locator('[aria-current=step]')).to_contain_text('Responsable pédagogique')
    journey.step('etape-6')
    overflow = page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')
    assert overflow <= 0, f'the page scrolls sideways by {overflow}px on a phone'
