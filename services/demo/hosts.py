"""Host organisations of the demo, with their services and contacts (tutors and signatories)."""

from datetime import UTC, date, datetime, time
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from models import Civility, Contact, NomenclatureKind, Organisation, OrganisationType, Service
from services.demo.context import DEMO_TODAY, DemoContext, Host, HostContact, HostService
from services.demo.host_catalogue import (
    ABROAD,
    CAUSES,
    COMMON_NAF,
    HEADCOUNT_BOUNDS,
    PERSON_NAMES,
    PRIVATE_HEADCOUNT,
    PRIVATE_LEGAL,
    PUBLIC_BODIES,
    SECTOR_WORDS,
    SERVICE_NAMES,
    SIGNATORY_FUNCTIONS,
    TUTOR_FUNCTIONS,
    Abroad,
)
from services.demo.places import (
    foreign_identifier,
    foreign_phone,
    landline,
    new_siret,
    of_place,
    person_email,
    pick_commune,
    slug,
)
from services.reference_data import shipped_entries

ORGANISATIONS = 2000
ABROAD_COUNT = 40
CLOSED_COUNT = 6  # closed establishments stay searchable but take no new convention
TO_REVIEW_COUNT = 12  # created by students, « à vérifier »


Row = dict[str, Any]


def create_hosts(ctx: DemoContext) -> None:
    naf_labels = shipped_entries(NomenclatureKind.NAF)
    used_sirens: set[str] = set()
    used_names: set[str] = set()
    rows = [_french(ctx, naf_labels, used_sirens, used_names) for _ in range(ORGANISATIONS - ABROAD_COUNT)]
    rows += [_abroad(ctx, naf_labels, used_names) for _ in range(ABROAD_COUNT)]
    ctx.rng.shuffle(rows)
    for row in rows[:CLOSED_COUNT]:
        row['closed_on'] = ctx.day_between(date(2024, 1, 1), date(2026, 10, 31))
    for row in rows[CLOSED_COUNT : CLOSED_COUNT + TO_REVIEW_COUNT]:
        row['needs_review'] = True
    _insert(ctx, Organisation, rows)
    for row in rows:
        host = Host(
            row['id'],
            row['name'],
            row['city'],
            row['departement_code'],
            row['country_code'],
            row['naf_code'],
            row['kind'],
        )
        if row['closed_on'] is not None:
            continue
        ctx.organisations[host.id] = host
        if host.country_code != 'FR':
            ctx.abroad.append(host)
        elif not row['needs_review']:
            ctx.french_by_division.setdefault(host.naf_code[:2], []).append(host)

    services: list[Row] = []
    for row in rows:
        names = SERVICE_NAMES.get(row['kind'], SERVICE_NAMES[OrganisationType.PRIVATE_COMPANY])
        count = ctx.rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
        services += [_service(ctx, row, name) for name in ctx.rng.sample(names, min(count, len(names)))]
    _insert(ctx, Service, services)
    by_id = {row['id']: row for row in rows}

    contacts: list[Row] = []
    for service in services:
        organisation = by_id[service['organisation_id']]
        ctx.services.setdefault(organisation['id'], []).append(
            HostService(service['id'], organisation['id'], service['name'])
        )
        contacts += [
            _contact(ctx, organisation, service['id'], ctx.rng.choice(TUTOR_FUNCTIONS))
            for _ in range(ctx.rng.randint(1, 2))
        ]
    for row in rows:
        functions = SIGNATORY_FUNCTIONS.get(row['kind'], SIGNATORY_FUNCTIONS[OrganisationType.PRIVATE_COMPANY])
        contacts.append(_contact(ctx, row, None, ctx.rng.choice(functions)))
    _insert(ctx, Contact, contacts)
    for contact in contacts:
        person = HostContact(contact['id'], contact['first_name'], contact['last_name'], contact['email'])
        if contact['service_id'] is None:
            ctx.signatories[contact['organisation_id']] = person
        else:
            ctx.tutors.setdefault(contact['service_id'], []).append(person)


def _insert(ctx: DemoContext, model: type[SQLModel], rows: list[Row]) -> None:
    """Plain executemany with the ids given in advance (RETURNING row by row is far slower on SQLite).

    The demo fills an empty database in one transaction, so ids after the current maximum are free;
    PostgreSQL's sequence is then moved past them.
    """
    table: sa.Table = model.__table__  # type: ignore[attr-defined]
    first = (ctx.session.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0) + 1
    for offset, row in enumerate(rows):
        row['id'] = first + offset
    ctx.session.execute(sa.insert(table), rows)
    if ctx.session.get_bind().dialect.name == 'postgresql':
        ctx.session.execute(
            sa.text('SELECT setval(pg_get_serial_sequence(:table, :column), :last)'),
            {'table': table.name, 'column': 'id', 'last': first + len(rows) - 1},
        )


def pick_host(ctx: DemoContext, naf_divisions: tuple[str, ...], *, abroad: bool = False) -> Host:
    """An open, checked organisation whose activity suits a field of study (or one abroad)."""
    if abroad:
        return ctx.rng.choice(ctx.abroad)
    division = ctx.rng.choice([d for d in naf_divisions if d in ctx.french_by_division])
    return ctx.rng.choice(ctx.french_by_division[division])


def _created_at(ctx: DemoContext) -> datetime:
    day = ctx.day_between(date(2019, 1, 7), DEMO_TODAY.replace(month=10, day=31))
    return datetime.combine(day, time(9), tzinfo=UTC)


def _private_name(ctx: DemoContext, naf: str, used: set[str]) -> str:
    words = SECTOR_WORDS.get(naf[:2], ('Groupe', 'Services'))
    for _ in range(20):
        last, word = ctx.fake.last_name(), ctx.rng.choice(words)
        name = ctx.rng.choice(
            (f'{last} {word}', f'{word} {last}', f'{last} et {ctx.fake.last_name()}', f'Établissements {last}')
        )
        if name not in used:
            return name
    return f'{name} {len(used)}'


def _french(ctx: DemoContext, naf_labels: dict[str, str], used_sirens: set[str], used_names: set[str]) -> Row:
    rng = ctx.rng
    naf = rng.choices(list(COMMON_NAF), weights=list(COMMON_NAF.values()))[0] if rng.random() < 0.9 else None
    naf = naf or rng.choice(list(naf_labels))
    commune = pick_commune(rng, local_share=0.45)
    bodies = PUBLIC_BODIES.get(naf, ())
    if bodies and (naf not in ('35.11Z', '49.31Z') or rng.random() < 0.5):
        body = rng.choice(bodies)
        for _ in range(10):  # one town hall per commune: try other communes before giving up
            name = body.name.format(
                city=commune.name,
                of_city=of_place(commune.name),
                dep=shipped_entries(NomenclatureKind.DEPARTEMENT)[commune.departement],
                person=rng.choice(PERSON_NAMES),
                cause=rng.choice(CAUSES),
            )
            if name not in used_names:
                break
            commune = pick_commune(rng, local_share=0.45)
        else:
            name = f'{name} ({commune.postal_code})'
        kind, legal, headcount_range = body.kind, body.legal, rng.choice(body.headcount)
    else:
        name = _private_name(ctx, naf, used_names)
        kind = OrganisationType.PRIVATE_COMPANY
        legal = rng.choices(list(PRIVATE_LEGAL), weights=list(PRIVATE_LEGAL.values()))[0]
        headcount_range = rng.choices(list(PRIVATE_HEADCOUNT), weights=list(PRIVATE_HEADCOUNT.values()))[0]
    used_names.add(name)
    domain = f'{slug(name)}.example'
    low, high = HEADCOUNT_BOUNDS[headcount_range]
    return _organisation(
        ctx,
        name=name,
        trade_name=f'{name.split()[0]} {commune.name}' if not bodies and rng.random() < 0.08 else None,
        siret=new_siret(rng, used_sirens),
        naf_code=naf,
        activity=naf_labels[naf],
        headcount_range=headcount_range,
        headcount=rng.randint(low, high) if rng.random() < 0.5 else None,
        legal_category=legal,
        kind=kind,
        address=ctx.fake.street_address(),
        postal_code=commune.postal_code,
        city=commune.name,
        departement_code=commune.departement,
        phone=landline(rng, commune.departement),
        email=f'contact@{domain}',
        website=f'https://www.{domain}' if rng.random() < 0.7 else None,
    )


def _organisation(ctx: DemoContext, **values: Any) -> Row:
    """A complete row (every column named: a multi-row INSERT needs the same keys in each)."""
    blank = dict.fromkeys(
        (
            'trade_name',
            'siret',
            'foreign_identifier',
            'headcount_range',
            'headcount',
            'legal_category',
            'departement_code',
            'website',
            'closed_on',
        )
    )
    return blank | {'country_code': 'FR', 'needs_review': False, 'created_at': _created_at(ctx)} | values


def _abroad(ctx: DemoContext, naf_labels: dict[str, str], used_names: set[str]) -> Row:
    rng = ctx.rng
    place: Abroad = rng.choice(ABROAD)
    naf = rng.choices(list(COMMON_NAF), weights=list(COMMON_NAF.values()))[0]
    while naf in PUBLIC_BODIES:
        naf = rng.choices(list(COMMON_NAF), weights=list(COMMON_NAF.values()))[0]
    word = rng.choice(SECTOR_WORDS.get(naf[:2], ('Group',)))
    name = f'{rng.choice(place.surnames)} {word} {place.company_suffix}'
    while name in used_names:
        first, second = rng.sample(place.surnames, 2)
        name = f'{first} & {second} {word} {place.company_suffix}'
    used_names.add(name)
    city, postal_code = rng.choice(place.cities)
    return _organisation(
        ctx,
        name=name,
        foreign_identifier=foreign_identifier(rng, place.country),
        naf_code=naf,
        activity=naf_labels[naf],
        kind=OrganisationType.PRIVATE_COMPANY,
        address=place.address_format.format(street=rng.choice(place.streets), n=rng.randint(1, 180)),
        postal_code=postal_code,
        city=city,
        country_code=place.country,
        phone=foreign_phone(rng, place.country),
        email=f'contact@{slug(name)}.example',
    )


def _service(ctx: DemoContext, organisation: Row, name: str) -> Row:
    elsewhere = organisation['country_code'] == 'FR' and ctx.rng.random() < 0.15
    return {
        'organisation_id': organisation['id'],
        'name': name,
        'same_address': not elsewhere,
        'address': ctx.fake.street_address() if elsewhere else None,
        'postal_code': organisation['postal_code'] if elsewhere else None,
        'city': organisation['city'] if elsewhere else None,
        'country_code': organisation['country_code'] if elsewhere else None,
        'phone': organisation['phone'],
        'created_at': organisation['created_at'],
    }


def _contact(ctx: DemoContext, organisation: Row, service_id: int | None, function: str) -> Row:
    female = ctx.rng.random() < 0.5
    first = ctx.fake.first_name_female() if female else ctx.fake.first_name_male()
    last = ctx.fake.last_name()
    in_france = organisation['country_code'] == 'FR'
    return {
        'organisation_id': organisation['id'],
        'service_id': service_id,
        'civility': Civility.MADAME if female else Civility.MONSIEUR,
        'last_name': last,
        'first_name': first,
        'function': function,
        'phone': landline(ctx.rng, organisation['departement_code']) if in_france else organisation['phone'],
        'email': person_email(first, last, organisation['email'].split('@')[1]),
        'created_at': organisation['created_at'],
    }
