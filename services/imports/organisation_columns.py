"""The columns of an établissements CSV: PStage's own names and a SIRENE extract's, read into form values."""

import csv
import io
from collections.abc import Iterator

from services.company_lookup import STREET_TYPES, kind_for_legal_category
from services.labels import ORGANISATION_TYPE
from services.organisation_input import OrganisationInput

# The columns written by an import (the others — review flag, authorship… — are left alone).
IMPORTED = (
    'name', 'trade_name', 'siret', 'foreign_identifier', 'naf_code', 'headcount_range', 'headcount',
    'legal_category', 'kind', 'address', 'postal_code', 'city', 'departement_code', 'country_code',
    'phone', 'email', 'website',
)  # fmt: skip
# Header (lower case, without spaces/underscores) -> field; PStage's names and a SIRENE extract's.
ALIASES = {
    'name': 'name', 'raisonsociale': 'name', 'denominationunitelegale': 'name', 'nom': 'name',
    'tradename': 'trade_name', 'enseigne': 'trade_name', 'enseigne1etablissement': 'trade_name',
    'denominationusuelleetablissement': 'trade_name',
    'siret': 'siret', 'foreignidentifier': 'foreign_identifier', 'identifiantetranger': 'foreign_identifier',
    'nafcode': 'naf_code', 'naf': 'naf_code', 'codenaf': 'naf_code', 'activiteprincipaleetablissement': 'naf_code',
    'headcountrange': 'headcount_range', 'trancheeffectif': 'headcount_range',
    'trancheeffectifsetablissement': 'headcount_range', 'headcount': 'headcount', 'effectif': 'headcount',
    'legalcategory': 'legal_category', 'statutjuridique': 'legal_category', 'categoriejuridique': 'legal_category',
    'categoriejuridiqueunitelegale': 'legal_category',
    'kind': 'kind', 'type': 'kind', 'address': 'address', 'adresse': 'address',
    'numerovoieetablissement': 'street_number', 'indicerepetitionetablissement': 'street_index',
    'typevoieetablissement': 'street_type', 'libellevoieetablissement': 'street_name',
    'complementadresseetablissement': 'street_complement',
    'postalcode': 'postal_code', 'codepostal': 'postal_code', 'codepostaletablissement': 'postal_code',
    'city': 'city', 'commune': 'city', 'libellecommune': 'city', 'libellecommuneetablissement': 'city',
    'countrycode': 'country_code', 'pays': 'country_code', 'phone': 'phone', 'telephone': 'phone',
    'email': 'email', 'website': 'website', 'siteweb': 'website',
    'etatadministratifetablissement': 'state', 'etatadministratif': 'state',
}  # fmt: skip
KIND_BY_LABEL = {label.lower(): kind.value for kind, label in ORGANISATION_TYPE.items()}


def header_key(header: str) -> str:
    return ''.join(char for char in header.strip().lower() if char.isalnum())


def read_rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, field -> value) for each data line; `;`, `,` or tab separated, header first."""
    first = text.split('\n', 1)[0]
    delimiter = max((';', ',', '\t'), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [ALIASES.get(header_key(name), '') for name in next(reader, [])]
    for number, values in enumerate(reader, start=2):
        if any(value.strip() for value in values):
            yield number, {name: value for name, value in zip(header, values, strict=False) if name}


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 — what spreadsheets export."""
    try:
        return content.decode('utf-8-sig')
    except UnicodeDecodeError:
        return content.decode('cp1252', errors='replace')


def form_values(row: dict[str, str]) -> OrganisationInput:
    address = row.get('address', '').strip()
    if not address:  # SIRENE: the address in parts
        kind = row.get('street_type', '').strip().upper()
        street = ' '.join(
            part
            for part in (
                row.get('street_number', ''),
                row.get('street_index', ''),
                STREET_TYPES.get(kind, kind),
                row.get('street_name', ''),
            )
            if part.strip()
        )
        address = ', '.join(part for part in (row.get('street_complement', '').strip(), street) if part)
    kind = row.get('kind', '').strip()
    kind = KIND_BY_LABEL.get(kind.lower(), kind) or kind_for_legal_category(row.get('legal_category', '').strip()).value
    headcount = row.get('headcount', '').strip()
    return OrganisationInput(
        name=row.get('name', '').strip() or row.get('trade_name', ''),  # SIRENE: a sole trader has no dénomination
        siret=row.get('siret', ''),
        foreign_identifier=row.get('foreign_identifier', ''),
        naf_code=row.get('naf_code', ''),
        headcount_range=row.get('headcount_range', ''),
        headcount=int(headcount) if headcount.isdigit() else (None if not headcount else -1),
        legal_category=row.get('legal_category', ''),
        kind=kind,
        address=address,
        postal_code=row.get('postal_code', ''),
        city=row.get('city', ''),
        country_code=row.get('country_code', '').strip().upper() or 'FR',
        phone=row.get('phone', ''),
        email=row.get('email', ''),
        website=row.get('website', ''),
    )


STREET_PARTS = frozenset({'street_number', 'street_index', 'street_type', 'street_name', 'street_complement'})


def given_columns(row: dict[str, str]) -> frozenset[str]:
    """The columns this file provides: an update never blanks what the file does not speak about."""
    given = set(row) & set(IMPORTED)
    if STREET_PARTS & set(row):
        given.add('address')
    if 'postal_code' in given:
        given.add('departement_code')
    return frozenset(given)
