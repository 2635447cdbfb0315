"""The demo's internship offers: mostly published around the demo day, some filled, expired or pending."""

from dataclasses import dataclass
from datetime import date, timedelta

from models import Offer, OfferStatus
from services.demo.catalogue import COMPOSANTES
from services.demo.context import ACADEMIC_YEAR_LAST_FRIDAY, CURRENT_YEAR, DEMO_TODAY, DemoContext, ident
from services.demo.fields import FIELDS
from services.demo.hosts import pick_host
from services.demo.schedule import monthly_minimum_cents
from services.numbering import offer_number

OFFER_STATUSES = {
    OfferStatus.PUBLISHED: 38,
    OfferStatus.FILLED: 6,
    OfferStatus.EXPIRED: 7,
    OfferStatus.TO_MODERATE: 5,
    OfferStatus.DRAFT: 4,
}
_WEEKS = {'BAC2': (8, 10), 'BAC3': (10, 16), 'BAC4': (8, 16), 'BAC5': (20, 26)}


@dataclass
class DemoOffer:
    offer: Offer
    field: str
    study_level: str


def create_offers(ctx: DemoContext, rates: dict[int, int]) -> list[DemoOffer]:
    """The offers, numbered in the order they were created; the filled ones lead to conventions."""
    made = [_offer(ctx, status, rates) for status, count in OFFER_STATUSES.items() for _ in range(count)]
    made.sort(key=lambda demo: demo.offer.created_at)
    for demo in made:
        demo.offer.number = offer_number(ctx.session, demo.offer.created_at.year)
    ctx.session.add_all([demo.offer for demo in made])
    ctx.session.flush()
    return made


def _window(ctx: DemoContext, status: OfferStatus) -> tuple[date | None, date | None]:
    day = ctx.rng.randint
    if status == OfferStatus.PUBLISHED:
        return DEMO_TODAY - timedelta(days=day(1, 60)), DEMO_TODAY + timedelta(days=day(15, 120))
    if status == OfferStatus.FILLED:
        return DEMO_TODAY - timedelta(days=day(50, 100)), DEMO_TODAY + timedelta(days=day(0, 60))
    if status == OfferStatus.EXPIRED:
        return DEMO_TODAY - timedelta(days=day(90, 150)), DEMO_TODAY - timedelta(days=day(1, 30))
    if status == OfferStatus.TO_MODERATE:
        return DEMO_TODAY + timedelta(days=day(1, 10)), DEMO_TODAY + timedelta(days=day(60, 120))
    return None, None


def _offer(ctx: DemoContext, status: OfferStatus, rates: dict[int, int]) -> DemoOffer:
    rng = ctx.rng
    composante_index = rng.randrange(len(COMPOSANTES))
    formation = rng.choice(COMPOSANTES[composante_index].formations)
    field = FIELDS[formation.field]
    organisation = pick_host(ctx, field.naf_prefixes, abroad=rng.random() < 0.05)
    service = rng.choice(ctx.services[organisation.id])
    contact = rng.choice(ctx.tutors[service.id])
    publish_from, publish_until = _window(ctx, status)
    created = (publish_from or DEMO_TODAY) - timedelta(days=rng.randint(2, 12))
    weeks = rng.randint(*_WEEKS[formation.study_level])
    latest_start = min(date(CURRENT_YEAR + 1, 6, 7), ACADEMIC_YEAR_LAST_FRIDAY - timedelta(weeks=weeks))
    start = ctx.monday_between(max(created, DEMO_TODAY) + timedelta(days=30), latest_start)
    end = start + timedelta(weeks=weeks)
    minimum = max(monthly_minimum_cents(rates, year) for year in range(start.year, end.year + 1))
    gratified = weeks > 8 or rng.random() < 0.3  # beyond 2 months (44 days) it is due
    title = rng.choice(field.offer_titles)
    subject = rng.choice(field.subjects)
    composante = ctx.composantes[composante_index]
    return DemoOffer(
        offer=Offer(
            number='',
            title=f'Stage {title.lower()}' if not title.startswith('Stagiaire') else title,
            status=status,
            organisation_id=organisation.id,
            service_id=service.id,
            contact_id=contact.id,
            composante_id=composante.id if rng.random() < 0.7 else None,
            description=f'{organisation.name} ({organisation.city}) accueille un·e stagiaire au sein du service '
            f'« {service.name} ». Sujet proposé : {subject.lower()}.',
            missions=rng.choice(field.activities) + '.',
            profile=f'{formation.diploma} en cours ({formation.etape_label}). {rng.choice(field.competences)}.',
            thematique_code=field.thematique,
            city=organisation.city,
            departement_code=organisation.departement_code,
            country_code=organisation.country_code,
            start_date=start,
            duration_weeks=weeks,
            remote_possible=field.thematique in ('INF', 'COM') and rng.random() < 0.5,
            gratified=gratified,
            gratification_amount_cents=minimum + rng.choice((0, 0, 5000, 10000, 20000)) if gratified else None,
            study_level=formation.study_level,
            how_to_apply=f'CV et lettre de motivation à {contact.first_name} {contact.last_name} ({contact.email}), '
            'en rappelant le numéro de l’offre.',
            publish_from=publish_from,
            publish_until=publish_until,
            created_by_id=None if status == OfferStatus.TO_MODERATE else ctx.managers[ident(composante.id)].id,
            created_at=ctx.moment(created),
        ),
        field=formation.field,
        study_level=formation.study_level,
    )
