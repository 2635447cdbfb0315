"""The menu pages show real data: établissements, offres, évaluations, statistiques, exports (administration: its own
stories in test_administration_ui.py)."""

import csv
import io
from datetime import date, timedelta

from nicegui import ui
from nicegui.testing import User

from models import OfferStatus, Respondent
from tests.factories import World
from tests.menu_data import add_convention, add_form, add_offer, add_organisation, answer
from tests.ui.helpers import log_in


def cards(user: User, marker: str) -> set[str]:
    """The second marker of each result card: 'organisation-12', 'offer-3'…"""
    return {element._markers[1] for element in user.find(marker=marker).elements}


def table_rows(user: User, marker: str) -> list[dict]:
    (table,) = user.find(kind=ui.table, marker=marker).elements
    return table.rows


async def test_student_finds_an_establishment_by_name_departement_or_siret(user: User, world: World) -> None:
    other_garage = add_organisation('Garage Martin', '44306184100047', departement='75')
    add_organisation('Boulangerie Les Trois Épis', '55208131766522')
    await log_in(user, 'alice')
    await user.open('/etablissements')
    user.find(marker='organisation-query').type('garage')
    user.find(marker='organisation-search').click()
    await user.should_see('2 établissement(s) trouvé(s)')
    assert cards(user, 'organisation-result') == {
        f'organisation-{world.organisation_id}',
        f'organisation-{other_garage}',
    }
    user.find(kind=ui.select, marker='organisation-departement').elements.pop().set_value('21')
    user.find(marker='organisation-search').click()
    await user.should_see('1 établissement(s) trouvé(s)')
    await user.should_see('732 829 320 00074')
    await user.should_see('45.20A')
    await user.open('/etablissements?q=443 061 841')  # a SIREN typed with spaces
    await user.should_see('1 établissement(s) trouvé(s)')
    assert cards(user, 'organisation-result') == {f'organisation-{other_garage}'}


async def test_the_record_page_shows_conventions_to_staff_only(user: User, world: World) -> None:
    add_offer(world, 'OF-2026-0001', 'Mécanicien·ne automobile')
    await log_in(user, 'alice')
    await user.open(f'/etablissements/{world.organisation_id}')
    await user.should_see('Garage Dupont et Fils')
    assert [row['name'] for row in table_rows(user, 'organisation-services')] == ['Atelier mécanique']
    assert {row['name'] for row in table_rows(user, 'organisation-contacts')} == {'Luc Garnier', 'Henri Dupont'}
    await user.should_see('Mécanicien·ne automobile')
    await user.should_not_see(marker='conventions')
    await user.open('/logout')
    await log_in(user, 'gestion')
    await user.open(f'/etablissements/{world.organisation_id}')
    await user.should_see(marker='conventions')


async def test_students_see_published_offers_only_and_open_one(user: User, world: World) -> None:
    today = date.today()
    published = add_offer(world, 'OF-2026-0001', 'Développeur Python', description='API et tests automatisés')
    add_offer(world, 'OF-2026-0002', 'Stage en comptabilité')
    add_offer(world, 'OF-2026-0003', 'Développeur expiré', publish_until=today - timedelta(days=1))
    draft = add_offer(world, 'OF-2026-0004', 'Développeur brouillon', status=OfferStatus.DRAFT)
    await log_in(user, 'alice')
    await user.open('/offres')
    await user.should_see('2 offre(s) publiée(s) trouvée(s)')
    user.find(marker='offer-query').type('developeur')  # accent forgotten, one letter missing
    user.find(marker='offer-search').click()
    await user.should_see('1 offre(s) publiée(s) trouvée(s)')
    assert cards(user, 'offer-result') == {f'offer-{published}'}
    await user.open(f'/offres/{published}')
    await user.should_see('API et tests automatisés')
    await user.should_see(marker='offer-organisation')
    response = await user.http_client.get(f'/offres/{draft}')
    assert response.status_code == 404
    assert "Cette offre n'existe pas ou n'est plus publiée." in response.text


async def test_evaluations_for_the_student_and_completion_for_staff(user: User, world: World) -> None:
    ended = add_convention(world, '2025-000001', 'alice', start=date(2025, 4, 1), end=date(2025, 5, 30))
    add_convention(world, '2025-000002', 'bob', start=date(2025, 4, 1), end=date(2025, 5, 30))
    student_form = add_form(world, Respondent.STUDENT, 'Questionnaire étudiant')
    add_form(world, Respondent.TUTOR, 'Questionnaire tuteur')
    answer(student_form, ended)
    await log_in(user, 'alice')
    await user.open('/evaluations')
    await user.should_see(marker=f'ended-stage-{ended}')
    await user.should_see('Questionnaire étudiant (Étudiant)')
    assert len(user.find(marker='form-answered').elements) == 1
    assert len(user.find(marker='form-pending').elements) == 1  # the tutor's
    await user.open('/logout')
    await log_in(user, 'gestion')
    await user.open('/evaluations')
    rows = {row['form']: (row['answered'], row['expected']) for row in table_rows(user, 'evaluation-completion')}
    assert rows == {'Questionnaire étudiant': (1, 2), 'Questionnaire tuteur': (0, 2)}


async def test_statistics_count_the_conventions_of_the_scope(user: User, world: World) -> None:
    add_convention(world, '2026-000011', 'chloe', other_composante=True)
    await log_in(user, 'gestion')
    await user.open('/statistiques')
    await user.should_see('3 convention(s) dans votre périmètre')
    assert {row['label']: row['count'] for row in table_rows(user, 'stats-status')} == {'créée': 2, 'validée': 1}
    assert table_rows(user, 'stats-naf') == [
        {'_key': 0, 'label': "Commerce; réparation d'automobiles et de motocycles", 'count': 3}
    ]
    assert [row['count'] for row in table_rows(user, 'stats-country')] == [3]


async def test_the_csv_export_holds_the_conventions_of_the_scope_only(user: User, world: World) -> None:
    add_convention(world, '2026-000011', 'chloe', other_composante=True)
    await log_in(user, 'gestion')
    await user.open('/exports')
    await user.should_see('3 ligne(s) à exporter')
    user.find(kind=ui.radio, marker='export-format').elements.pop().set_value('csv')
    user.find(marker='export-start').click()
    await user.should_see(marker='export-download', retries=100)
    user.find(marker='export-download').click()
    response = await user.download.next()
    assert response.content.startswith('\ufeff'.encode())
    lines = list(csv.reader(io.StringIO(response.content.decode('utf-8-sig')), delimiter=';'))
    assert lines[0][:3] == ['Identifiant', 'N° convention', 'Statut']
    assert sorted(line[1] for line in lines[1:]) == ['2026-000001', '2026-000002', '2026-000003']
