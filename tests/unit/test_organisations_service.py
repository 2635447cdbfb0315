"""Établissements d'accueil, services and contacts as the wizard creates them; the look-ups it searches with."""

from typing import Any

import pytest

from services.actor import Actor
from services.host_units import ContactInput, ServiceInput, create_contact, create_service, list_contacts, list_services
from services.organisations import (
    DuplicateOrganisation,
    FormErrors,
    OrganisationInput,
    SimilarOrganisations,
    create_organisation,
)
from services.people import load_actor
from services.search import SearchEngine
from services.wizard_lookup import find_organisations_by_name, find_organisations_by_siret
from tests.search_fixture import search_engine

__all__ = ['search_engine']
from tests.factories import World


def actor(world: World, login: str) -> Actor:
    found = load_actor(world.user_ids[login])
    assert found is not None
    return found


def bakery(**changes: object) -> OrganisationInput:
    data = OrganisationInput(
        name='Boulangerie Les Trois Épis SARL',
        siret='443 061 841 00047',
        naf_code='1071c',
        headcount_range='02',
        legal_category='5499',
        kind='entreprise_privee',
        address='4 place Darcy',
        postal_code='21000',
        city='Dijon',
        country_code='FR',
        phone='0380393000',
        email='contact@troisepis.example',
        website='www.troisepis.example',
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_a_student_creates_an_organisation_flagged_for_review(world: World) -> None:
    created = create_organisation(actor(world, 'alice'), bakery())
    assert created.siret == '44306184100047'
    assert created.siret_display == '443 061 841 00047'
    assert created.naf_code == '10.71C'
    assert created.departement_code == '21'
    assert created.phone == '03 80 39 30 00'
    assert created.website == 'https://www.troisepis.example'
    assert created.needs_review


def test_staff_creations_need_no_review(world: World) -> None:
    assert not create_organisation(actor(world, 'gestion'), bakery()).needs_review


def test_siret_with_a_bad_checksum_is_refused_next_to_the_field(world: World) -> None:
    with pytest.raises(FormErrors) as refused:
        create_organisation(actor(world, 'alice'), bakery(siret='443 061 841 00048'))
    assert 'clé de contrôle incorrecte' in refused.value.errors['siret']


def test_siret_is_required_in_france_but_not_abroad(world: World) -> None:
    with pytest.raises(FormErrors) as refused:
        create_organisation(actor(world, 'alice'), bakery(siret=''))
    assert refused.value.errors['siret'].startswith('Le SIRET est obligatoire pour un établissement situé en France')

    abroad = create_organisation(
        actor(world, 'alice'),
        bakery(siret='', country_code='DE', postal_code='10115', city='Berlin', phone='+49 30 901820'),
    )
    assert abroad.siret is None
    assert abroad.country_code == 'DE'
    assert abroad.departement_code is None


def test_every_missing_or_wrong_field_is_reported_at_once(world: World) -> None:
    with pytest.raises(FormErrors) as refused:
        create_organisation(
            actor(world, 'alice'),
            bakery(name=' ', naf_code='99.99Z', legal_category='', postal_code='2100', email='x@', phone='12'),
        )
    assert set(refused.value.errors) == {'name', 'naf_code', 'legal_category', 'postal_code', 'email', 'phone'}
    assert refused.value.errors['name'] == 'Le champ « Raison sociale » est obligatoire.'


def test_duplicate_siret_is_refused_with_the_existing_record(world: World) -> None:
    with pytest.raises(DuplicateOrganisation) as refused:
        create_organisation(actor(world, 'alice'), bakery(name='Autre nom', siret='73282932000074'))
    assert refused.value.existing_id == world.organisation_id
    assert 'Garage Dupont et Fils' in refused.value.errors['siret']


def test_a_similar_name_in_the_same_commune_asks_did_you_mean(world: World) -> None:
    similar = bakery(name='GARAGE DUPONT & FILS SAS', city='DIJON')
    with pytest.raises(SimilarOrganisations) as asked:
        create_organisation(actor(world, 'alice'), similar)
    assert [suggestion.id for suggestion in asked.value.suggestions] == [world.organisation_id]
    # Elsewhere the same name is someone else; once confirmed, it is created.
    elsewhere = bakery(name='Garage Dupont', siret='44306184100054', postal_code='75011', city='Paris')
    assert create_organisation(actor(world, 'alice'), elsewhere)
    assert create_organisation(actor(world, 'alice'), similar, confirmed=True).name == 'GARAGE DUPONT & FILS SAS'


def test_services_and_contacts_of_a_host(world: World) -> None:
    student = actor(world, 'alice')
    host = create_organisation(student, bakery())
    with pytest.raises(FormErrors) as refused:
        create_service(student, host.id, ServiceInput(name='Fournil', same_address=False))
    assert set(refused.value.errors) == {'address', 'postal_code', 'city'}
    service = create_service(student, host.id, ServiceInput(name='Fournil', phone='03 80 39 30 01'))
    assert service.address_line == "Même adresse que l'établissement"

    with pytest.raises(FormErrors) as refused:
        create_contact(student, host.id, ContactInput(last_name='Roy', first_name='Anne', service_id=service.id))
    assert set(refused.value.errors) == {'function', 'phone', 'email'}
    tutor = create_contact(
        student,
        host.id,
        ContactInput(
            civility='Mme',
            last_name='Roy',
            first_name='Anne',
            function='Cheffe boulangère',
            phone='06 12 34 56 78',
            email='anne.roy@troisepis.example',
            service_id=service.id,
        ),
    )
    assert tutor.full_name == 'Mme Anne ROY'
    assert [s.name for s in list_services(student, host.id)] == ['Fournil']
    assert [c.id for c in list_contacts(student, host.id, service.id)] == [tutor.id]


def test_lookup_by_typo_name_in_a_departement_and_by_siret_prefix(world: World) -> None:
    student = actor(world, 'alice')
    assert [o.id for o in find_organisations_by_name(student, 'garaje dupon', departement='21')] == [
        world.organisation_id
    ]
    assert find_organisations_by_name(student, 'garaje dupon', departement='75') == []
    assert [o.id for o in find_organisations_by_siret(student, '732 829 32')] == [world.organisation_id]
    assert find_organisations_by_siret(student, '999') == []


def test_forged_values_get_field_messages_not_crashes(world: World) -> None:
    student = actor(world, 'alice')
    with pytest.raises(FormErrors) as refused:
        create_contact(
            student,
            world.organisation_id,
            ContactInput(
                last_name=None,  # type: ignore[arg-type]
                first_name='Anne\x00',
                function='x' * 151,
                phone='0611223344',
                email=3,  # type: ignore[arg-type]
            ),
        )
    assert set(refused.value.errors) == {'last_name', 'function', 'email'}
    with pytest.raises(FormErrors) as refused:
        create_organisation(student, bakery(name='é' * 201, headcount=2**70))
    assert set(refused.value.errors) == {'name', 'headcount'}


def test_the_wizard_box_ranks_with_the_search_engine(
    world: World, search_engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same engine as the établissement search page (never a scan of the table); typos in first letters too."""
    asked: list[str] = []
    engine_search = search_engine.search

    def spied(kind: str, text: str, **options: Any) -> Any:
        asked.append(text)
        return engine_search(kind, text, **options)

    monkeypatch.setattr(search_engine, 'search', spied)
    student = actor(world, 'alice')
    assert [o.id for o in find_organisations_by_name(student, 'gagare dupomt', departement='21')][:1] == [
        world.organisation_id
    ]
    assert asked == ['gagare dupomt']
    assert find_organisations_by_name(student, 'gagare dupomt', departement='75') == []
