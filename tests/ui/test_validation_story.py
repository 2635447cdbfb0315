"""Guide step 10 and section II as users live them: the bureau des stages finds a convention by a misspelled
name and validates it through the composante's two-step circuit; the student, now locked out of direct changes,
extends the stage by two weeks with an avenant; the bureau validates it and the convention's end date moves."""

from collections.abc import Callable

from nicegui import ui
from nicegui.testing import User

from tests.factories import World
from tests.ui.helpers import log_in
from tests.ui.wizard_steps import field_value, set_value


def rows(user: User) -> list[dict[str, object]]:
    return [row for table in user.find(kind=ui.table, marker='conventions').elements for row in table.rows]


def label_text(user: User, marker: str) -> str:
    (element,) = user.find(marker=marker).elements
    assert isinstance(element, ui.label)
    return element.text


async def test_the_bureau_validates_then_the_student_amends_and_the_bureau_validates_the_avenant(
    create_user: Callable[[], User], world: World
) -> None:
    convention_id = world.convention_ids['alice_created']
    manager, student = create_user(), create_user()
    await log_in(manager, 'gestion')
    await log_in(student, 'alice')

    # « Rechercher une convention », by the student's name misspelled: Bénard Alice → « benart alise »
    await manager.open('/conventions/recherche')
    manager.find(marker='search-student').type('benart alise')
    set_value(manager, 'search-status', 'creee')
    manager.find(marker='search-submit').click()
    await manager.should_see('1 convention(s) trouvée(s)')
    (found,) = rows(manager)
    assert (found['number'], found['student']) == ('2026-000001', 'BÉNARD Alice')

    # « Validation » tab: pedagogical, then administrative — the composante's circuit, in its order
    await manager.open(str(found['link']))
    manager.find(marker='tab-validation').click()  # a tab's panel is drawn when first opened
    await manager.should_see(marker='validate-pedagogique')
    await manager.should_not_see(marker='validate-validation_administrative')
    manager.find(marker='validate-pedagogique').click()
    await manager.should_see(marker='validate-validation_administrative', retries=30)
    manager.find(marker='validate-validation_administrative').click()
    await manager.should_see('Statut : validée', retries=30)

    # The student sees it locked: changes go through an avenant
    await student.open(f'/conventions/{convention_id}')
    await student.should_see(marker='recap-locked')
    await student.should_not_see(marker='recap-modify-all')
    student.find(marker='tab-avenants').click()
    await student.should_see(marker='amendment-create')
    student.find(marker='amendment-create').click()
    await student.should_see("Création d'un avenant rectifiant la convention n° 2026-000001", retries=30)
    student.find(marker='amendment-motif').type('Le projet est prolongé de deux semaines')
    student.find(marker='change-dates').click()
    student.find(marker='amendment-new-end').type('11/06/2027')
    student.find(marker='amendment-submit').click()
    await student.should_see('la gratification est obligatoire', retries=30)  # paid from the 309th hour
    assert field_value(student, 'amendment-new-end') == '11/06/2027'  # refused, nothing typed is lost
    student.find(marker='change-gratification').click()
    student.find(marker='amendment-gratification-amount').type('700')
    set_value(student, 'amendment-gratification-unit', 'mois')
    set_value(student, 'amendment-gratification-basis', 'brut')
    set_value(student, 'amendment-gratification-payment', 'virement')
    student.find(marker='amendment-submit').click()
    await student.should_see("Récapitulatif de l'avenant n° 2026-000001-A1", retries=30)
    await student.should_see('11/06/2027')
    await student.should_see(marker='amendment-modify')  # modifiable until validated
    await student.should_not_see(marker='amendment-validate')  # validated by staff only

    # The bureau validates the avenant: locked, and in force
    await manager.open(f'/conventions/{convention_id}?onglet=avenants')
    amendment_link = next(
        link for link in manager.find(kind=ui.link).elements if 'Avenant n° 2026-000001-A1' in link.text
    )
    await manager.open(amendment_link.props['href'])
    manager.find(marker='amendment-validate').click()
    await manager.should_see(marker='amendment-locked', retries=30)
    await manager.open(f'/conventions/{convention_id}?onglet=avenants')
    assert label_text(manager, 'current-end-date') == '11/06/2027'
    await manager.should_see('du 06/04/2027 au 11/06/2027')

    # « Historique »: each step, who and what
    manager.find(marker='tab-historique').click()
    for action in ('convention.validate', 'amendment.create', 'amendment.validate'):
        await manager.should_see(marker=f'history-{action}')
    await manager.should_see('Validation pédagogique de la convention n° 2026-000001')
    await manager.should_see('Date de fin : — → 11/06/2027')
