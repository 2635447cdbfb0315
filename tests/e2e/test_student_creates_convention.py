"""Journey (a): a student creates a convention through the eight steps, creating a new host on the way,
prints it, and finds it in « Mes conventions de stage »."""

import re

from playwright.sync_api import expect

from tests.e2e import wizard_steps as wizard
from tests.e2e.accounts import PASSWORD
from tests.e2e.journey import Journey


def test_student_creates_a_convention_with_a_new_host_prints_it_and_finds_it(journey: Journey) -> None:
    page = journey.page
    journey.log_in('e2e-creation', PASSWORD)
    journey.skip_to_content()
    journey.step('accueil')

    wizard.start(journey)
    wizard.student_step(journey)
    page.get_by_role('button', name='NON').click()

    wizard.at_step(journey, "Établissement d'accueil")  # the keyboard carries on from the new step's header
    expect(page.get_by_role('button', name='Créer un établissement')).to_be_visible()
    journey.step('etape-2-etablissement')
    wizard.create_host(journey, 'Atelier Vélo Solidaire')

    wizard.at_step(journey, "Service d'accueil")
    journey.step('etape-3-service')
    wizard.create_service(journey)

    wizard.at_step(journey, 'Tuteur professionnel')
    journey.step('etape-4-tuteur')
    wizard.create_contact(journey, 'etape-4-creer-tuteur', 'Roussel', 'Inès', 'Responsable d’atelier')

    wizard.content_step(journey)
    wizard.referent_step(journey)

    wizard.at_step(journey, 'Signataire')
    journey.step('etape-7-signataire')
    wizard.create_contact(journey, 'etape-7-creer-signataire', 'Garnier', 'Odile', 'Présidente')

    wizard.at_step(journey, 'Récapitulatif')
    create = page.get_by_role('button', name='Créer', exact=True)
    expect(page.get_by_text('Atelier Vélo Solidaire').first).to_be_visible()
    journey.step('etape-8-recapitulatif')
    create.click()

    created = page.get_by_role('status').filter(has_text='a été créée')
    expect(created).to_be_visible()
    number = re.search(r'n° (\S+) a été créée', created.inner_text())
    assert number is not None
    journey.step('convention-creee')

    page.get_by_role('button', name='Voir le récapitulatif').click()
    expect(page.get_by_role('heading', level=1)).to_contain_text('Récapitulatif')
    journey.step('recapitulatif')
    page.get_by_role('button', name=re.compile('la convention', re.IGNORECASE)).first.click()
    expect(page.get_by_role('img', name='Aperçu de la première page')).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        page.get_by_role('button', name='Télécharger le PDF').click()
    assert download.value.suggested_filename.endswith('.pdf')
    journey.step('impression')

    journey.open('/conventions/mes')
    row = page.get_by_role('row').filter(has_text=number.group(1))
    expect(row).to_contain_text('Atelier Vélo Solidaire')
    expect(row).to_contain_text('créée')
    journey.step('mes-conventions')
