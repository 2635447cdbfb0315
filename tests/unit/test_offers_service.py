"""Offres de stage: staff create, publish, edit, duplicate, withdraw; hosts propose through a signed link."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from auth.signed_links import InvalidLink
from models import AuditEntry, Offer, OfferStatus
from services import offer_invitations, offers
from services.database import session_scope
from services.offer_queries import OfferFilters, get_offer, managed_offers, search_offers
from services.offers import FormErrors, OfferInput
from services.permissions import PermissionDenied
from tests.factories import World
from tests.menu_data import actor
from tests.search_fixture import search_engine

__all__ = ['search_engine']  # the fixture

TODAY = date.today()


def offer_input(world: World, **fields: object) -> OfferInput:
    values: dict[str, object] = {
        'title': 'Développeur web accessible',
        'organisation_id': world.organisation_id,
        'service_id': world.service_id,
        'contact_id': world.tutor_id,
        'description': 'Refonte du site de réservation de l’atelier.',
        'missions': 'Formulaires accessibles, tests automatisés',
        'thematique_code': 'INF',
        'city': 'Dijon',
        'departement_code': '21',
        'start_date': TODAY + timedelta(days=60),
        'duration_weeks': 10,
        'remote_possible': True,
        'gratified': True,
        'gratification_amount': '650,00',
        'study_level': 'BAC3',
        'how_to_apply': 'CV et lettre à luc@garage.example',
        'publish_until': TODAY + timedelta(days=30),
    } | fields
    return OfferInput(**values)  # type: ignore[arg-type]


def test_staff_create_a_numbered_draft_then_publish_it(world: World) -> None:
    staff = actor(world, 'gestion')
    offer_id = offers.create_offer(staff, offer_input(world))
    detail = get_offer(staff, offer_id)
    assert detail.summary.number.startswith(f'OF-{TODAY.year}-')
    assert detail.status_value == 'brouillon'
    assert search_offers(actor(world, 'alice')).total == 0  # a draft is not listed
    assert offers.set_status(staff, offer_id, 'submit') is OfferStatus.TO_MODERATE
    assert offers.set_status(staff, offer_id, 'publish') is OfferStatus.PUBLISHED
    found = search_offers(actor(world, 'alice'), 'developeur', filters=OfferFilters(departement='21'))
    assert [o.id for o in found.items] == [offer_id]
    assert get_offer(actor(world, 'alice'), offer_id).gratification_amount_cents == 65000
    with pytest.raises(FormErrors):
        offers.set_status(staff, offer_id, 'submit')  # a published offer is not moderated again


def test_every_field_is_checked_at_once(world: World) -> None:
    bad = offer_input(world, title='', duration_weeks=80, gratification_amount='beaucoup', study_level='BAC99',
                      publish_from=TODAY, publish_until=TODAY - timedelta(days=1), service_id=999)  # fmt: skip
    with pytest.raises(FormErrors) as refused:
        offers.create_offer(actor(world, 'gestion'), bad)
    assert set(refused.value.errors) == {
        'title', 'duration_weeks', 'gratification_amount', 'study_level', 'publish_until', 'service_id'
    }  # fmt: skip
    with pytest.raises(PermissionDenied):
        offers.create_offer(actor(world, 'alice'), offer_input(world))
    with pytest.raises(FormErrors) as no_window:
        offers.create_offer(actor(world, 'gestion'), offer_input(world, publish_until=None), publish=True)
    assert 'publish_until' in no_window.value.errors


def test_edit_duplicate_withdraw_and_fill(world: World) -> None:
    staff = actor(world, 'gestion')
    offer_id = offers.create_offer(staff, offer_input(world), publish=True)
    values = offers.edit_values(staff, offer_id)
    assert values.gratification_amount == '650,00'
    values.title = 'Développeur web accessible (H/F)'
    offers.update_offer(staff, offer_id, values)
    copy = offers.duplicate_offer(staff, offer_id)
    copied = get_offer(staff, copy)
    assert copied.summary.title == 'Développeur web accessible (H/F)'
    assert copied.status_value == 'brouillon'
    assert copied.summary.number != get_offer(staff, offer_id).summary.number
    assert copied.summary.publish_until is None
    assert offers.set_status(staff, offer_id, 'withdraw') is OfferStatus.DRAFT
    assert search_offers(actor(world, 'alice')).total == 0
    offers.set_status(staff, offer_id, 'publish')
    assert offers.set_status(staff, offer_id, 'fill') is OfferStatus.FILLED
    assert search_offers(actor(world, 'alice')).total == 0
    assert {line.status for line in managed_offers(staff)} == {'pourvue', 'brouillon'}
    assert managed_offers(actor(world, 'admin'))  # the administrator sees every composante's


def test_an_offer_past_its_window_is_no_longer_listed(world: World) -> None:
    staff = actor(world, 'gestion')
    offer_id = offers.create_offer(staff, offer_input(world), publish=True)
    with session_scope() as session:
        session.get_one(Offer, offer_id).publish_until = TODAY - timedelta(days=1)
    assert search_offers(actor(world, 'alice')).total == 0
    assert search_offers(actor(world, 'alice'), 'developpeur').total == 0


def test_criteria_filter_the_published_offers(world: World, search_engine: object) -> None:
    staff = actor(world, 'gestion')
    web = offers.create_offer(staff, offer_input(world), publish=True)
    lyon = offers.create_offer(
        staff,
        offer_input(world, title='Comptable junior', city='Lyon', departement_code='69', remote_possible=False,
                    gratified=False, thematique_code='ECO', study_level='BAC5', duration_weeks=24,
                    start_date=TODAY + timedelta(days=200)),
        publish=True,
    )  # fmt: skip
    alice = actor(world, 'alice')

    def found(text: str = '', **criteria: object) -> list[int]:
        return [o.id for o in search_offers(alice, text, filters=OfferFilters(**criteria)).items]  # type: ignore[arg-type]

    assert found('comptabl') == [lyon]
    assert found('garage dupont')
    assert set(found('garage dupont')) == {web, lyon}
    assert found(place='lyon') == [lyon]
    assert found(place='69') == [lyon]
    assert found(remote=True) == [web]
    assert found(gratified=True) == [web]
    assert found(thematique='ECO') == [lyon]
    assert found(study_level='BAC3') == [web]
    assert found(min_weeks=20) == [lyon]
    assert found(max_weeks=12) == [web]
    assert found(start_from=TODAY + timedelta(days=100)) == [lyon]
    assert found(start_until=TODAY + timedelta(days=100)) == [web]


def test_a_host_proposes_an_offer_through_the_signed_link(world: World) -> None:
    staff = actor(world, 'gestion')
    invitation = offer_invitations.invite_host(staff, world.organisation_id, contact_id=world.tutor_id)
    assert invitation.email == 'luc@garage.example'
    token = invitation.url.rsplit('/', 1)[-1]
    context = offer_invitations.host_context(token)
    assert context.organisation_name == 'Garage Dupont et Fils'
    assert world.service_id in context.services
    number = offer_invitations.submit_host_offer(token, offer_input(world, organisation_id=999, composante_id=None))
    with session_scope() as session:
        offer = session.exec(select(Offer).where(Offer.number == number)).one()
        proposed = session.exec(select(AuditEntry).where(AuditEntry.action == 'offer.propose')).one()
    assert offer.status is OfferStatus.TO_MODERATE
    assert offer.organisation_id == world.organisation_id  # the link's, whatever the form said
    assert offer.composante_id == world.composante_id  # the inviting gestionnaire's
    assert proposed.actor_id is None
    assert [line.id for line in managed_offers(staff, status=OfferStatus.TO_MODERATE)] == [offer.id]
    with pytest.raises(InvalidLink):
        offer_invitations.host_context(token[:-3] + 'abc')
    with pytest.raises(FormErrors):
        offer_invitations.submit_host_offer(token, offer_input(world, title=''))
