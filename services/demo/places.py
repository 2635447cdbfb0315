"""Addresses, telephone numbers and identifiers that hold together (postal code ↔ commune ↔ département).

Faker's postcodes and cities are drawn independently, so communes come from a small list of real
ones shipped in models/data/communes-demo.json. French telephone numbers use the landline ranges ARCEP
reserves for fiction (its mobile range 06 39 98 fails the forms' checks, so students get a landline too),
and e-mail addresses the reserved `.example` domain, so nobody real is ever contacted.
"""

import json
import random
from dataclasses import dataclass
from functools import cache

import phonenumbers
from stdnum import luhn
from stdnum.be import vat as be_vat
from stdnum.ch import uid as ch_uid
from stdnum.es import cif as es_cif
from stdnum.fr import siret as fr_siret

from services.reference_data import DATA_DIR
from services.text import normalise

LOCAL_DEPARTEMENTS = frozenset({'21', '71', '25', '39', '70', '89', '58', '90', '10', '52'})
_FICTION_PREFIX = {'01': '01 99 00', '02': '02 61 91', '03': '03 53 01', '04': '04 65 71', '05': '05 36 49'}
_ZONES = {
    '01': '75 77 78 91 92 93 94 95',
    '02': '14 18 22 27 28 29 35 36 37 41 44 45 49 50 53 56 61 72 76 85',
    '03': '02 08 10 21 25 39 51 52 54 55 57 58 59 60 62 67 68 70 71 80 88 89 90',
    '04': '01 03 04 05 06 07 11 13 15 2A 2B 26 30 34 38 42 43 48 63 66 69 73 74 83 84',
    '05': '09 12 16 17 19 23 24 31 32 33 40 46 47 64 65 79 81 82 86 87',
}
_ZONE_OF = {departement: zone for zone, codes in _ZONES.items() for departement in codes.split()}


@dataclass(frozen=True)
class Commune:
    name: str
    postal_code: str
    departement: str
    weight: int


@cache
def communes() -> tuple[Commune, ...]:
    rows = json.loads((DATA_DIR / 'communes-demo.json').read_text(encoding='utf-8'))
    return tuple(Commune(**row) for row in rows)


def pick_commune(rng: random.Random, *, local_share: float) -> Commune:
    """A commune weighted by size; `local_share` of the draws stay around the university (Bourgogne-Franche-Comté)."""
    local = rng.random() < local_share
    pool = [c for c in communes() if (c.departement in LOCAL_DEPARTEMENTS) == local]
    return rng.choices(pool, weights=[c.weight for c in pool])[0]


def _digits(rng: random.Random, count: int) -> str:
    return ''.join(str(rng.randint(0, 9)) for _ in range(count))


def landline(rng: random.Random, departement: str | None) -> str:
    """A number of the zone of `departement` in ARCEP's fiction ranges (Île-de-France's for overseas)."""
    prefix = _FICTION_PREFIX[_ZONE_OF.get(departement or '', '01')]
    return f'{prefix} {_digits(rng, 2)} {_digits(rng, 2)}'


def foreign_phone(rng: random.Random, country: str) -> str:
    """A fixed-line number the country's numbering plan accepts (checked with phonenumbers, as the forms do)."""
    example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.FIXED_LINE)
    assert example is not None
    national = str(example.national_number)
    while True:
        number = phonenumbers.parse(f'+{example.country_code}{national[:-4]}{_digits(rng, 4)}')
        if phonenumbers.is_valid_number(number):
            return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def new_siret(rng: random.Random, used_sirens: set[str]) -> str:
    """A SIRET whose SIREN and SIRET keys are right (Luhn), never La Poste's special series, never reused."""
    while True:
        body = str(rng.randint(10_000_000, 99_999_999))
        siren = body + luhn.calc_check_digit(body)
        if siren in used_sirens or siren.startswith('356000'):
            continue
        nic = f'{rng.choice((1, 1, 1, 1, 2, 3, 12, 25, 47, 108)):04d}'
        siret = siren + nic + luhn.calc_check_digit(siren + nic)
        if not fr_siret.is_valid(siret):  # cannot happen: guards the construction above
            raise AssertionError(siret)
        used_sirens.add(siren)
        return siret


def foreign_identifier(rng: random.Random, country: str) -> str:
    """A registration number in the form used by the country (valid check digits where there are some)."""
    if country == 'DE':
        return f'HRB {rng.randint(10_000, 299_999)}'
    if country == 'ES':
        body = 'B' + _digits(rng, 7)
        return body + es_cif.calc_check_digits(body)[0]
    if country == 'BE':
        first = '0' + str(rng.randint(2_000_000, 9_999_999))
        number = first + f'{97 - int(first) % 97:02d}'
        assert be_vat.is_valid(number)
        return f'{number[:4]}.{number[4:7]}.{number[7:]}'
    if country == 'CH':
        number = ''
        while len(number) != 9:  # a key of 10 means the number is never assigned: draw another
            digits = str(rng.randint(10_000_000, 99_999_999))
            number = digits + ch_uid.calc_check_digit(digits)
        return f'CHE-{number[:3]}.{number[3:6]}.{number[6:]}'
    return f'Company No. {_digits(rng, 8)}'  # Companies House (GB): no check digit


def of_place(name: str) -> str:
    """« de » before a commune's name, elided or contracted: de Dijon, d’Auxerre, du Havre, des Sables-d’Olonne."""
    if name.startswith('Le '):
        return 'du ' + name[3:]
    if name.startswith('Les '):
        return 'des ' + name[4:]
    return ('d’' if normalise(name[:1]) in ('a', 'e', 'i', 'o', 'u', 'y') else 'de ') + name


def slug(text: str, *, limit: int = 30) -> str:
    """'Boulangerie Lefèvre & Fils' -> 'boulangerie-lefevre-fils' (for e-mail domains and local parts)."""
    return '-'.join(normalise(text).replace('_', ' ').split())[:limit].strip('-')


def person_email(first_name: str, last_name: str, domain: str, suffix: str = '') -> str:
    return f'{slug(first_name).replace("-", "")}.{slug(last_name).replace("-", "")}{suffix}@{domain}'
