"""Journey (c): the bureau des stages validates a student's convention; the student makes an avenant
(a new subject), which the bureau des stages validates."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.accounts import HOST, PASSWORD
from tests.e2e.journey import Journey

MANAGER = ('gestionnaire', 'pstage-demo')  # the demo's bureau des stages of the first composante


def open_convention(journey: Journey, listing: str) -> None:
    """From a list of conventions, the « Récapitulatif » of the one with the journey's host."""
    page = journey.page
    journey.open(listing)
    row = page.get_by_role('row').filter(has_text=HOST)
    expect(row).to_be_visible()
    row.get_by_role('link', name=re.compile('Récapitulatif')).click()
    expect(page.get_by_role('heading', level=1)).to_have_text('Récapitulatif de la convention')


def validate_every_step(journey: Journey) -> None:
    """The circuit's validations, in order, until none is left to give."""
    page = journey.page
    page.get_by_role('tab', name='Validation').click()
    journey.step('onglet-validation')
    for _round in range(4):
        buttons = page.get_by_role('button', name=re.compile(r'^Validation .* de la convention$'))
        if buttons.count() == 0:
            break
        with page.expect_navigation():  # each validation reloads the page on its « Validation » tab
            buttons.first.click()
        expect(page.get_by_role('tab', name='Validation')).to_have_attribute('aria-selected', 'true')
    expect(page.get_by_text('Statut : validée')).to_be_visible()
    journey.step('convention-validee')


def log_out(page: Page) -> None:
    page.get_by_role('link', name='Se déconnecter').click()
    expect(page.get_by_label('Identifiant')).to_be_visible()


def test_manager_validates_then_student_makes_an_avenant_that_the_manager_validates(journey: Journey) -> None:
    page = journey.page
    journey.log_in(*MANAGER)
    journey.step('accueil-gestionnaire')
    open_convention(journey, '/validation')
    validate_every_step(journey)
    log_out(page)

    journey.log_in('e2e-avenant', PASSWORD)
    open_convention(journey, '/conventions/mes')
    page.get_by_role('tab', name='Avenants').click()
    page.get_by_role('button', name='Créer un avenant').click()
    expect(page.get_by_text("Création d'un avenant rectifiant la convention n°")).to_be_visible()
    journey.step('avenant-formulaire')
    page.get_by_label('Motif de la modification').fill('Le catalogue est remplacé par le site de la maison')
    subject = page.get_by_role('checkbox', name='Sujet du stage')
    subject.click()
    expect(subject).to_be_checked()
    page.get_by_label('Nouveau sujet').fill('Refonte du site web de la maison')
    journey.step('avenant-saisi')
    page.get_by_role('button', name="Créer l'avenant").click()
    expect(page.get_by_role('heading', level=1)).to_have_text("Récapitulatif de l'avenant")
    expect(page.get_by_text('Refonte du site web de la maison')).to_be_visible()
    journey.step('avenant-cree')
    log_out(page)

    journey.log_in(*MANAGER)
    open_convention(journey, '/validation?statut=validee')
    page.get_by_role('tab', name='Avenants').click()
    page.get_by_role('link', name=re.compile(r'^Avenant n° ')).first.click()
    expect(page.get_by_role('heading', level=1)).to_have_text("Récapitulatif de l'avenant")
    journey.step('avenant-a-valider')
    with page.expect_navigation():  # the page is drawn again with the avenant's new status
        page.get_by_role('button', name='Validation').click()
    expect(page.get_by_role('status').filter(has_text='validé')).to_be_visible()
    expect(page.get_by_text("L'avenant est validé : il ne peut plus être modifié.")).to_be_visible()
    journey.step('avenant-valide')
