"""Journey (b): a student finds an offer, « Utiliser pour ma convention », and the wizard skips to step 3
with the offer's établissement."""

import re

from playwright.sync_api import expect

from tests.e2e import wizard_steps as wizard
from tests.e2e.accounts import PASSWORD
from tests.e2e.journey import Journey


def test_student_uses_an_offer_for_the_convention(journey: Journey) -> None:
    page = journey.page
    journey.log_in('e2e-offre', PASSWORD)
    page.get_by_role('navigation', name='Menu principal').get_by_role('link', name='Offres').click()
    expect(page.get_by_role('heading', level=1)).to_have_text('Rechercher une offre')
    count = page.get_by_text(re.compile(r'offre\(s\) publiée\(s\) trouvée\(s\)'))
    expect(count).to_be_visible()
    journey.step('offres')

    first = page.get_by_role('link').filter(has=page.locator('xpath=self::a[contains(@href, "/offres/")]')).first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role('heading', level=1)).to_be_visible()
    expect(page.get_by_text(title).first).to_be_visible()
    host = page.locator('a[href^="/etablissements/"]').first.inner_text()
    journey.step('offre')

    page.get_by_role('link', name='Utiliser pour ma convention').click()
    expect(page.get_by_text('munissez-vous des informations suivantes')).to_be_visible()
    page.get_by_role('button', name='Créer une nouvelle convention').click()
    expect(page.get_by_label('Téléphone')).to_be_visible()
    wizard.student_step(journey, show_errors=False)
    proposed = page.get_by_text(re.compile(r'^Offre n° '))
    expect(proposed).to_contain_text(title)
    page.get_by_role('button', name='Lier cette offre et continuer').click()

    expect(page.get_by_text(f'Services répertoriés pour « {host} »')).to_be_visible()
    current = page.locator('[aria-current=step]')
    expect(current).to_contain_text("Service d'accueil")
    journey.step('etape-3-depuis-offre')
