"""« Rechercher un établissement d'accueil » and « Rechercher une offre »: what a student finds, page by page."""

from datetime import date, timedelta

import pytest

from models import OfferStatus
from services.offer_queries import OfferNotFound, get_offer, search_offers
from services.organisation_queries import (
    OrganisationNotFound,
    format_siret,
    get_organisation,
    search_organisations,
)
from services.pagination import PAGE_SIZE
from tests.factories import World
from tests.menu_data import actor, add_offer, add_organisation


def names(page) -> list[str]:
    return [item.name for item in page.items]


def test_siret_is_shown_by_groups() -> None:
    assert format_siret('73282932000074') == '732 829 320 00074'
    assert format_siret(None) == ''
    assert format_siret('DE123') == 'DE123'


def test_a_typo_in_part_of_the_name_still_finds_the_establishment(world: World) -> None:
    add_organisation('Boulangerie Les Trois Épis', '55208131766522')
    student = actor(world, 'alice')
    assert names(search_organisations(student, 'garrage dupon')) == ['Garage Dupont et Fils']
    assert names(search_organisations(student, 'trois epis')) == ['Boulangerie Les Trois Épis']
    assert search_organisations(student, 'zzzz qqqq').total == 0


def test_siret_or_siren_typed_with_spaces_and_the_departement_filter(world: World) -> None:
    add_organisation('Garage Martin', '44306184100047', departement='75')
    student = actor(world, 'alice')
    assert names(search_organisations(student, '732 829 320')) == ['Garage Dupont et Fils']
    assert names(search_organisations(student, '443.061.841.00047')) == ['Garage Martin']
    assert set(names(search_organisations(student, 'garage'))) == {'Garage Dupont et Fils', 'Garage Martin'}
    assert names(search_organisations(student, 'garage', departement='75')) == ['Garage Martin']


def test_results_are_paginated_with_their_total(world: World) -> None:
    for index in range(PAGE_SIZE + 5):
        add_organisation(f'Informatique Conseil {index:02d}', f'{index:02d}345678900001', departement='89')
    student = actor(world, 'alice')
    first = search_organisations(student, 'informatique', departement='89')
    assert (first.total, first.page_count, len(first.items)) == (PAGE_SIZE + 5, 2, PAGE_SIZE)
    second = search_organisations(student, 'informatique', departement='89', page=2)
    assert len(second.items) == 5
    assert not set(names(first)) & set(names(second))
    assert search_organisations(student, '', departement='89', page=99).number == 2  # clamped


def test_the_record_shows_conventions_to_staff_only(world: World) -> None:
    add_offer(world, 'OF-2026-0001', 'Mécanicien automobile')
    student_view = get_organisation(actor(world, 'alice'), world.organisation_id)
    assert [service.name for service in student_view.services] == ['Atelier mécanique']
    assert [offer.title for offer in student_view.offers] == ['Mécanicien automobile']
    assert student_view.conventions is None
    staff_view = get_organisation(actor(world, 'gestion'), world.organisation_id)
    assert staff_view.conventions is not None
    assert len(staff_view.conventions) == 3
    with pytest.raises(OrganisationNotFound):
        get_organisation(actor(world, 'alice'), 999999)


def test_only_offers_inside_their_publication_window_are_listed(world: World) -> None:
    today = date.today()
    current = add_offer(world, 'OF-1', 'Développeur web', description='Front-end et accessibilité')
    add_offer(world, 'OF-2', 'Développeur futur', publish_from=today + timedelta(days=3))
    expired = add_offer(world, 'OF-3', 'Développeur expiré', publish_until=today - timedelta(days=1))
    add_offer(world, 'OF-4', 'Développeur à modérer', status=OfferStatus.TO_MODERATE)
    student = actor(world, 'alice')
    assert [offer.id for offer in search_offers(student).items] == [current]
    assert [offer.id for offer in search_offers(student, 'accessibilite').items] == [current]
    assert [offer.id for offer in search_offers(student, 'devlopeur').items] == [current]
    assert search_offers(student, 'boulanger').total == 0
    with pytest.raises(OfferNotFound):
        get_offer(student, expired)
    staff_view = get_offer(actor(world, 'gestion'), expired)  # staff of the offer's composante still open it
    assert not staff_view.published_now
    assert staff_view.status == 'publiée'
