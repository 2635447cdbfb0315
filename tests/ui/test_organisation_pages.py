"""« Etablissements d'accueil » (guide section III): search as you type, add one, and staff merge duplicates."""

from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User

from bench._organisation_csv import sirene_csv
from models import OrganisationType
from services.search import SearchEngine
from tests.factories import World
from tests.menu_data import add_convention
from tests.organisation_data import add_host
from tests.search_fixture import reindex, search_engine
from tests.ui.helpers import log_in
from tests.ui.wizard_steps import field_value, set_value

__all__ = ['search_engine']


def result_ids(user: User) -> set[str]:
    return {element._markers[1] for element in user.find(marker='organisation-result').elements}


async def test_a_student_finds_an_establishment_by_typo_siren_or_activity(
    user: User, world: World, search_engine: SearchEngine
) -> None:
    other_garage = add_host('Garage Dupont Automobiles', '44306184100047', departement_code='69', postal_code='69002',
                            city='Lyon', naf_code='45.20A')  # fmt: skip
    bakery = add_host('Boulangerie Les Trois Épis', '55208131766522', naf_code='10.71C')
    reindex(search_engine)
    await log_in(user, 'alice')
    await user.open('/etablissements')
    set_value(user, 'organisation-departement', '21')
    user.find(marker='organisation-query').type('garrage dupon')  # typo'd, partial: results come as she types
    await user.should_see('1 établissement(s) trouvé(s)', retries=30)
    assert result_ids(user) == {f'organisation-{world.organisation_id}'}
    await user.should_see('732 829 320 00074')
    await user.should_see('Entretien et réparation de véhicules automobiles légers')  # the NAF label

    set_value(user, 'organisation-departement', None)
    user.find(marker='organisation-query').clear().type('443 061 841')  # the first 9 digits of the SIRET
    await user.should_see(marker=f'organisation-{other_garage}', retries=30)
    await user.should_see('1 établissement(s) trouvé(s)')

    user.find(marker='organisation-query').clear()
    user.find(marker='organisation-activity').type('boulangerie')  # a word of the activity's label
    await user.should_see(marker=f'organisation-{bakery}', retries=30)
    assert result_ids(user) == {f'organisation-{bakery}'}


async def test_a_student_adds_one_abroad_without_siret(user: User) -> None:
    await log_in(user, 'alice')
    await user.open('/etablissements/nouveau')
    await user.should_see(marker='organisation-form', retries=20)
    set_value(user, 'org-country_code', 'ES')
    for name, value in {'name': 'Taller Bicis Sol', 'address': 'Calle Mayor 3', 'postal_code': '28013',
                        'city': 'Madrid'}.items():  # fmt: skip
        user.find(marker=f'org-{name}').type(value)
    set_value(user, 'org-naf_code', '45.40Z')
    set_value(user, 'org-legal_category', '5499')
    user.find(marker='organisation-form-submit').click()
    await user.should_see(marker='organisation-name', content='Taller Bicis Sol', retries=30)
    await user.should_see(marker='organisation-needs-review')  # until staff confirm it
    await user.should_see('28013 Madrid, Espagne')


async def test_a_duplicate_siret_is_refused_with_a_link_to_the_record(user: User, world: World) -> None:
    await log_in(user, 'alice')
    await user.open('/etablissements/nouveau')
    await user.should_see(marker='organisation-form', retries=20)
    for name, value in {'name': 'Garage Dupond', 'siret': '732 829 320 00074', 'address': '12 rue des Tanneries',
                        'postal_code': '21000', 'city': 'Dijon'}.items():  # fmt: skip
        user.find(marker=f'org-{name}').type(value)
    set_value(user, 'org-naf_code', '45.20A')
    set_value(user, 'org-legal_category', '5710')
    user.find(marker='organisation-form-submit').click()
    await user.should_see("L'établissement « Garage Dupont et Fils » porte déjà le SIRET 732 829 320 00074")
    link = user.find(kind=ui.link, marker='organisation-duplicate-link').elements.pop()
    assert link.props['href'] == f'/etablissements/{world.organisation_id}'


async def test_staff_merge_two_duplicates_and_the_conventions_follow(
    user: User, world: World, search_engine: SearchEngine
) -> None:
    twin = add_host('GARAGE DUPONT & FILS', '73282932000066', kind=OrganisationType.PRIVATE_COMPANY, needs_review=True)
    add_convention(world, '2026-000901', 'bob', organisation_id=twin)
    reindex(search_engine)
    await log_in(user, 'gestion')
    await user.open(f'/etablissements/{twin}')
    await user.should_see(marker='organisation-needs-review')
    user.find(marker='organisation-merge').click()
    await user.should_see(marker='organisation-merge-form')
    user.find(marker='merge-search-input').type('garage dupont et fils')
    await user.should_see(marker=f'merge-search-result-{world.organisation_id}', retries=30)
    user.find(marker=f'merge-search-result-{world.organisation_id}').click()
    set_value(user, 'merge-keep', 'other')  # keep the original record
    user.find(marker='merge-run').click()
    await user.should_see(marker='organisation-identity', retries=30)
    await user.should_see(marker='organisation-name', content='Garage Dupont et Fils')
    table = user.find(marker='conventions').elements.pop()
    assert isinstance(table, ui.table)
    assert '2026-000901' in {row['number'] for row in table.rows}
    await user.open(f'/etablissements/{twin}')
    await user.should_see(marker='organisation-merged')
    link = user.find(kind=ui.link, marker='organisation-merged-link').elements.pop()
    assert link.props['href'] == f'/etablissements/{world.organisation_id}'


async def test_staff_confirm_edit_and_close_a_students_record(user: User, world: World) -> None:
    created = add_host('Atelier Vélo Dijon', '44306184100047', needs_review=True)
    await log_in(user, 'gestion')
    await user.open(f'/etablissements/{created}')
    user.find(marker='organisation-confirm').click()
    await user.should_not_see(marker='organisation-needs-review', retries=30)
    user.find(marker='organisation-edit').click()
    await user.should_see(marker='organisation-form')
    assert field_value(user, 'org-siret') == '44306184100047'
    user.find(marker='org-phone').type('03 80 39 30 00')
    user.find(marker='organisation-form-submit').click()
    await user.should_not_see(marker='organisation-form', retries=30)
    await user.should_see('03 80 39 30 00', retries=30)
    user.find(marker='organisation-close').click()
    await user.should_see(marker='organisation-close-form')
    set_value(user, 'organisation-closed-on', '31/01/2026')
    user.find(marker='organisation-close-save').click()
    await user.should_see(marker='organisation-closed', content='31/01/2026', retries=30)


async def test_staff_import_a_sirene_extract_with_progress_and_a_report(user: User) -> None:
    generated = sirene_csv(300, bad_share=0.02)
    await log_in(user, 'gestion')
    await user.open('/etablissements/import')
    upload = user.find(kind=ui.upload, marker='import-upload').elements.pop()
    assert isinstance(upload, ui.upload)
    await upload.handle_uploads([SmallFileUpload('sirene.csv', 'text/csv', generated.text.encode())])
    await user.should_see(marker='import-summary', retries=100)
    await user.should_see(marker='import-counts', content=f'créés : {generated.good}')
    table = user.find(kind=ui.table, marker='import-errors').elements.pop()
    assert isinstance(table, ui.table)
    assert {row['line'] for row in table.rows} == set(generated.bad_lines)
    await upload.handle_uploads([SmallFileUpload('sirene.csv', 'text/csv', generated.text.encode())])
    await user.should_see(marker='import-counts', content=f'inchangés : {generated.good}', retries=100)
