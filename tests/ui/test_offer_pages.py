"""« Offres » (guide section IV): staff publish, students find and use an offer, hosts propose through a link."""

from datetime import date, timedelta

from nicegui import ui
from nicegui.testing import User
from sqlmodel import select

from models import Offer, OfferStatus
from services.database import session_scope
from services.offer_expiry import expire_offers, system_actor
from services.search import SearchEngine
from tests.factories import World
from tests.search_fixture import search_engine
from tests.ui.helpers import log_in
from tests.ui.wizard_steps import fill_student_step, open_step, set_value, should_be_at_step

__all__ = ['search_engine']


async def publish_offer_as_staff(user: User, world: World) -> int:
    await log_in(user, 'gestion')
    await user.open(f'/etablissements/{world.organisation_id}')
    user.find(marker='organisation-new-offer').click()
    await user.should_see(marker='offer-form', retries=20)
    user.find(marker='offer-title').type('Assistant diagnostic électronique')
    user.find(marker='offer-description').type('Diagnostic des véhicules récents en atelier.')
    set_value(user, 'offer-service_id', world.service_id)
    set_value(user, 'offer-contact_id', world.tutor_id)
    set_value(user, 'offer-departement_code', '21')
    set_value(user, 'offer-publish_until', (date.today() + timedelta(days=30)).strftime('%d/%m/%Y'))
    user.find(marker='offer-save-publish').click()
    await user.should_see(marker='offer-detail', retries=30)
    with session_scope() as session:
        offer = session.exec(select(Offer).where(Offer.title == 'Assistant diagnostic électronique')).one()
    assert offer.status is OfferStatus.PUBLISHED
    assert offer.number.startswith('OF-')
    await user.open('/logout')
    return offer.id or 0


async def test_a_published_offer_is_found_and_starts_a_convention(
    user: User, world: World, search_engine: SearchEngine
) -> None:
    offer_id = await publish_offer_as_staff(user, world)
    await log_in(user, 'alice')
    await user.open('/offres')
    set_value(user, 'offer-departement', '21')
    user.find(marker='offer-query').type('diagnostik')  # a typo in a word of the title
    await user.should_see(marker=f'offer-{offer_id}', retries=30)
    await user.should_see('1 offre(s) publiée(s) trouvée(s)')
    user.find(kind=ui.link, content='Assistant diagnostic électronique').click()  # she opens it
    await user.should_see(marker='offer-detail', retries=20)
    use = user.find(kind=ui.link, marker='offer-use').elements.pop()
    assert use.props['href'] == f'/conventions/nouvelle?offre={offer_id}'
    user.find(marker='offer-use').click()
    await user.should_see(marker='wizard-reminder', retries=20)
    user.find(marker='wizard-start').click()
    await user.should_see(marker='student-identity')
    await fill_student_step(user)
    await user.should_see(marker='proposed-offer')
    user.find(marker='proposed-offer-use').click()
    await should_be_at_step(user, 3)
    await user.should_see(marker=[f'service-{world.service_id}', 'chosen'])
    await open_step(user, 2)
    await user.should_see(marker='host-chosen-name', content='Garage Dupont et Fils')
    await open_step(user, 4)
    await user.should_see(marker=[f'tutor-{world.tutor_id}', 'chosen'])


async def test_an_expired_offer_is_no_longer_listed_to_students(
    user: User, world: World, search_engine: SearchEngine
) -> None:
    offer_id = await publish_offer_as_staff(user, world)
    with session_scope() as session:  # the publication window ended yesterday
        session.get_one(Offer, offer_id).publish_until = date.today() - timedelta(days=1)
    await log_in(user, 'alice')
    await user.open('/offres')
    await user.should_see('0 offre(s) publiée(s) trouvée(s)')
    assert expire_offers(system_actor()) != []  # the periodic job marks it « expirée »
    user.find(marker='offer-query').type('diagnostic')
    await user.should_see('0 offre(s) publiée(s) trouvée(s)', retries=30)
    response = await user.http_client.get(f'/offres/{offer_id}')
    assert response.status_code == 404


async def test_a_host_proposes_an_offer_and_staff_publish_it(user: User, world: World) -> None:
    await log_in(user, 'gestion')
    await user.open(f'/etablissements/{world.organisation_id}')
    user.find(marker='organisation-invite').click()
    await user.should_see(marker='organisation-invite-form')
    set_value(user, 'organisation-invite-contact', world.tutor_id)
    user.find(marker='invite-create').click()
    await user.should_see(marker='invite-url', retries=20)
    url = str(user.find(marker='invite-url').elements.pop().value)  # type: ignore[attr-defined]
    await user.open('/logout')

    await user.open(url[url.index('/offres/proposer/') :])  # the host, without an account
    await user.should_see(marker='host-offer-title', content='Garage Dupont et Fils')
    user.find(marker='offer-title').type('Apprenti carrossier')
    user.find(marker='offer-description').type('Réparation de carrosseries.')
    user.find(marker='host-offer-send').click()
    await user.should_see(marker='host-offer-sent', retries=20)
    with session_scope() as session:
        offer = session.exec(select(Offer).where(Offer.title == 'Apprenti carrossier')).one()
    assert offer.status is OfferStatus.TO_MODERATE

    await log_in(user, 'gestion')
    await user.open('/offres/gestion?statut=a_moderer')
    await user.should_see(marker=f'managed-offer-{offer.id}')
    await user.open(f'/offres/{offer.id}/modifier')
    set_value(user, 'offer-publish_until', (date.today() + timedelta(days=20)).strftime('%d/%m/%Y'))
    user.find(marker='offer-save').click()
    await user.should_see(marker='offer-publish', retries=20)
    user.find(marker='offer-publish').click()
    await user.should_see(marker='offer-withdraw', retries=20)
    await user.should_see(marker='offer-use')
