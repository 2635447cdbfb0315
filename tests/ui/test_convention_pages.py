"""A student lists and reads his own conventions only; staff and teachers read within their scope."""

import pytest
from nicegui import ui
from nicegui.testing import User

from models import ConventionStatus
from tests.factories import World
from tests.menu_data import add_convention
from tests.ui.helpers import log_in, record_worker_trips


def listed(user: User) -> set[str]:
    """Convention numbers in the page's convention tables (table cells are not text elements)."""
    return {row['number'] for table in user.find(kind=ui.table, marker='conventions').elements for row in table.rows}


async def test_student_lists_his_conventions_and_opens_the_recap(user: User, world: World) -> None:
    await log_in(user, 'alice')
    await user.open('/conventions')
    await user.should_see(marker='hub-create')
    await user.should_see(marker='hub-mine')
    await user.should_not_see(marker='hub-search')
    await user.open('/conventions/mes')
    assert listed(user) == {'2026-000001', '2026-000002'}  # not bob's 2026-000003
    await user.open(f'/conventions/{world.convention_ids["alice_validated"]}')
    await user.should_see('Convention n° 2026-000002')
    for group in ('etudiant', 'etablissement', 'service', 'tuteur', 'contenu', 'enseignant', 'signataire'):
        await user.should_see(marker=f'recap-{group}')
    await user.should_see('Garage Dupont et Fils')
    await user.should_see('732 829 320 00074')
    await user.should_see('Diagnostic électronique des véhicules')
    await user.should_see(marker='recap-actions')
    await user.should_see(marker='validation-pedagogique')


async def test_the_other_tabs_are_drawn_when_first_opened(user: User, world: World) -> None:
    await log_in(user, 'alice')
    await user.open(f'/conventions/{world.convention_ids["alice_validated"]}')
    await user.should_see(marker='recap-etudiant')
    await user.should_not_see(marker='signatures')  # most visits read the recap only: nothing else is fetched
    user.find(marker='tab-signatures').click()
    await user.should_see(marker='signature-etudiant')
    await user.open(f'/conventions/{world.convention_ids["alice_validated"]}?onglet=avenants')  # a tab by its link
    await user.should_see(marker='current-terms')


async def test_a_tab_the_student_is_not_shown_cannot_be_opened_by_its_name(user: User, world: World) -> None:
    await log_in(user, 'alice')
    await user.open(f'/conventions/{world.convention_ids["alice_validated"]}')
    panels = user.find(kind=ui.tab_panels).elements.pop()
    panels.set_value('validation')  # as a crafted message from the browser would
    await user.should_not_see(marker='validation-status')
    await user.should_see(marker='recap-etudiant')


async def test_the_recap_never_shows_the_nir_in_clear(user: User, world: World) -> None:
    convention_id = add_convention(world, '2026-000010', 'alice', nir_encrypted='gAAAA-secret-token')
    await log_in(user, 'alice')
    response = await user.http_client.get(f'/conventions/{convention_id}')
    assert response.status_code == 200
    assert '•••' in response.text
    assert 'gAAAA-secret-token' not in response.text


async def test_a_student_cannot_read_another_students_convention_by_guessing_its_id(user: User, world: World) -> None:
    chloe = add_convention(world, '2026-000011', 'chloe', other_composante=True)
    await log_in(user, 'alice')
    for convention_id in (world.convention_ids['bob_created'], chloe):
        response = await user.http_client.get(f'/conventions/{convention_id}')
        assert response.status_code == 403
        assert 'Accès refusé' in response.text
        assert 'Diagnostic électronique' not in response.text


async def test_an_unknown_convention_says_so(user: User) -> None:
    await log_in(user, 'alice')
    response = await user.http_client.get('/conventions/999999')
    assert response.status_code == 404
    assert 'Convention introuvable' in response.text


async def test_the_manager_reads_his_composante_only(user: User, world: World) -> None:
    chloe = add_convention(world, '2026-000011', 'chloe', other_composante=True)
    await log_in(user, 'gestion')
    assert (await user.http_client.get(f'/conventions/{world.convention_ids["bob_created"]}')).status_code == 200
    assert (await user.http_client.get(f'/conventions/{chloe}')).status_code == 403
    await user.open('/conventions/recherche')
    assert listed(user) == {'2026-000001', '2026-000002', '2026-000003'}  # not chloe's 2026-000011


async def test_the_teacher_sees_only_the_conventions_he_follows(user: User, world: World) -> None:
    followed_by_roux = add_convention(world, '2026-000012', 'bob', referent='roux')
    await log_in(user, 'dupont')
    await user.open('/conventions/recherche')
    await user.should_see('3 convention(s) trouvée(s)')
    assert '2026-000012' not in listed(user)
    assert (await user.http_client.get(f'/conventions/{followed_by_roux}')).status_code == 403
    assert (await user.http_client.get(f'/conventions/{world.convention_ids["bob_created"]}')).status_code == 200


async def test_search_by_student_name_and_status_is_kept_in_the_address(user: User, world: World) -> None:
    await log_in(user, 'gestion')
    await user.open('/conventions/recherche')
    user.find(marker='search-student').type('moreau')
    user.find(marker='search-submit').click()
    await user.should_see('1 convention(s) trouvée(s)')
    assert listed(user) == {'2026-000003'}
    await user.open('/conventions/recherche?statut=validee')
    assert listed(user) == {'2026-000002'}


async def test_validation_lists_the_waiting_conventions_and_follows_the_home_counters(user: User, world: World) -> None:
    add_convention(world, '2026-000011', 'chloe', other_composante=True)
    await log_in(user, 'gestion')
    (counter,) = user.find(marker='counter-validee').elements
    link = counter.parent_slot.parent if counter.parent_slot else None  # the home page's counter is a link
    assert isinstance(link, ui.link)
    await user.open(link.props['href'])
    await user.should_see('1 convention(s) au statut « validée »')
    assert listed(user) == {'2026-000002'}
    await user.open('/validation')
    assert listed(user) == {'2026-000001', '2026-000003'}  # not chloe's 2026-000011: other composante
    await user.open(f'/validation?statut={ConventionStatus.CANCELLED.value}')
    await user.should_see(marker='empty-state')


async def test_a_convention_s_page_reads_what_it_shows_in_one_trip_to_a_worker_thread(
    user: User, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Besides who is logged in (every page asks): the convention, whether it may still be modified, what may be
    printed — read together, as each trip waits its turn in the pool."""
    await log_in(user, 'alice')
    trips = record_worker_trips(monkeypatch)
    await user.open(f'/conventions/{world.convention_ids["alice_created"]}')
    await user.should_see(marker='recap-modify-all')
    await user.should_see(marker='recap-modify-contenu')
    assert trips == ['_lookup', '_recap']
