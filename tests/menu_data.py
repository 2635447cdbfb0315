"""Extra rows the menu pages' tests add to the fixed world: other students' conventions, hosts, offers, forms."""

from datetime import date, timedelta

import sqlalchemy as sa

from models import (
    Convention,
    ConventionStatus,
    EvaluationForm,
    EvaluationResponse,
    Offer,
    OfferStatus,
    Organisation,
    OrganisationType,
    Respondent,
    utcnow,
)
from services.actor import Actor
from services.database import session_scope
from services.people import load_actor
from tests.factories import World, make_convention


def actor(world: World, login: str) -> Actor:
    found = load_actor(world.user_ids[login])
    assert found is not None
    return found


def add_convention(
    world: World,
    number: str,
    student: str,
    *,
    status: ConventionStatus = ConventionStatus.CREATED,
    other_composante: bool = False,
    referent: str = 'dupont',
    start: date | None = None,
    end: date | None = None,
    organisation_id: int | None = None,
    nir_encrypted: str | None = None,
) -> int:
    convention: Convention = make_convention(world, number=number, student_key=student, status=status)
    if other_composante:
        convention.composante_id = world.other_composante_id
    convention.referent_id = world.teacher_ids[referent]
    if start and end:
        convention.start_date, convention.end_date = start, end
    if organisation_id is not None:
        convention.organisation_id = organisation_id
    convention.nir_encrypted = nir_encrypted
    with session_scope() as session:
        session.add(convention)
        session.flush()
        assert convention.id is not None
        return convention.id


def add_organisation(
    name: str, siret: str | None, *, departement: str = '21', naf: str = '62.01Z', **extra: object
) -> int:
    organisation = Organisation(
        name=name,
        siret=siret,
        naf_code=naf,
        kind=OrganisationType.PRIVATE_COMPANY,
        address='1 rue de la Liberté',
        postal_code=f'{departement}000',
        city='Ville',
        departement_code=departement,
        **extra,  # type: ignore[arg-type]
    )
    with session_scope() as session:
        session.add(organisation)
        session.flush()
        assert organisation.id is not None
        return organisation.id


def add_offer(
    world: World,
    number: str,
    title: str,
    *,
    status: OfferStatus = OfferStatus.PUBLISHED,
    publish_from: date | None = None,
    publish_until: date | None = None,
    description: str = 'Une mission au sein de l’équipe.',
) -> int:
    today = date.today()
    offer = Offer(
        number=number,
        title=title,
        status=status,
        organisation_id=world.organisation_id,
        composante_id=world.composante_id,
        description=description,
        city='Dijon',
        departement_code='21',
        publish_from=publish_from or today - timedelta(days=10),
        publish_until=publish_until or today + timedelta(days=30),
    )
    with session_scope() as session:
        session.add(offer)
        session.flush()
        assert offer.id is not None
        return offer.id


def add_form(world: World, respondent: Respondent, title: str, *, other_composante: bool = False) -> int:
    form = EvaluationForm(
        composante_id=world.other_composante_id if other_composante else world.composante_id,
        respondent=respondent,
        title=title,
    )
    with session_scope() as session:
        session.add(form)
        session.flush()
        assert form.id is not None
        return form.id


def answer(form_id: int, convention_id: int) -> None:
    with session_scope() as session:
        session.add(EvaluationResponse(form_id=form_id, convention_id=convention_id, submitted_at=utcnow()))


def add_many_conventions(world: World, count: int) -> None:
    """`count` validated conventions of bob (2030-000001…), inserted in one statement (exports at scale)."""
    base = make_convention(world, number='x', student_key='bob', status=ConventionStatus.VALIDATED).model_dump()
    base.pop('id')
    base['version'] = 1
    with session_scope() as session:
        session.execute(sa.insert(Convention), [base | {'number': f'2030-{i:06d}'} for i in range(1, count + 1)])
