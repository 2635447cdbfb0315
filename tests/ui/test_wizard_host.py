"""« Créer un établissement » (step 2): SIRET checked, required in France only; a taken SIRET links to its record.

Step 1 is left unfilled: these stories open step 2 directly (what a click on its header does).
"""

from nicegui import ui
from nicegui.testing import User

from tests.factories import World
from tests.ui.wizard_steps import create_host, open_step, set_value, should_be_at_step, start_wizard


async def test_siret_checksum_and_requirement_in_france_but_not_abroad(user: User) -> None:
    await start_wizard(user)
    await open_step(user, 5)
    await user.should_not_see(marker='content-print_language')  # a stage in France: no print language
    await open_step(user, 2)
    await create_host(user, siret='443 061 841 00048')
    await user.should_see(
        'Le SIRET 443 061 841 00048 est invalide (clé de contrôle incorrecte) : vérifiez chaque chiffre '
        "sur un document de l'établissement (Kbis, fiche societe.com)."
    )
    set_value(user, 'org-siret', '')
    user.find(marker='organisation-form-submit').click()
    await user.should_see(
        'Le SIRET est obligatoire pour un établissement situé en France (14 chiffres, sur le Kbis ou societe.com).'
    )

    set_value(user, 'org-country_code', 'DE')
    set_value(user, 'org-postal_code', '10115')
    set_value(user, 'org-city', 'Berlin')
    set_value(user, 'org-phone', '+49 30 901820')
    user.find(marker='organisation-form-submit').click()
    await user.should_see(marker='host-recap-name', content='Boulangerie Les Trois Épis')
    await user.should_see('10115 Berlin, Allemagne')
    # Chosen, it makes step 5 offer the print language (only for a stage abroad).
    user.find(marker='host-select').click()
    await should_be_at_step(user, 3)
    await open_step(user, 5)
    await user.should_see(marker='content-print_language', retries=20)


async def test_a_taken_siret_links_to_the_existing_record(user: User, world: World) -> None:
    await start_wizard(user)
    await open_step(user, 2)
    await create_host(user, name='Garage Dupond', siret='732 829 320 00074')
    await user.should_see("L'établissement « Garage Dupont et Fils » porte déjà le SIRET 732 829 320 00074")
    link = user.find(kind=ui.link, marker='organisation-duplicate-link').elements.pop()
    assert link.props['href'] == f'/etablissements/{world.organisation_id}'
    user.find(marker='organisation-duplicate-select').click()
    await user.should_see(marker='host-recap-name', content='Garage Dupont et Fils')
