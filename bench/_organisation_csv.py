"""A SIRENE-like CSV of établissements with a known share of bad lines (import tests and benchmark)."""

import csv
import io
import random
from dataclasses import dataclass

from stdnum import luhn

from models import NomenclatureKind
from services.reference_data import shipped_entries

SIRENE_HEADER = [
    'siret', 'denominationUniteLegale', 'enseigne1Etablissement', 'activitePrincipaleEtablissement',
    'trancheEffectifsEtablissement', 'categorieJuridiqueUniteLegale', 'numeroVoieEtablissement',
    'typeVoieEtablissement', 'libelleVoieEtablissement', 'codePostalEtablissement', 'libelleCommuneEtablissement',
    'etatAdministratifEtablissement',
]  # fmt: skip
WORDS = [
    'garage',
    'boulangerie',
    'atelier',
    'conseil',
    'informatique',
    'transports',
    'menuiserie',
    'pharmacie',
    'cabinet',
    'studio',
    'agence',
]
NAMES = [
    'dupont',
    'martin',
    'bernard',
    'durand',
    'lefebvre',
    'moreau',
    'laurent',
    'simon',
    'michel',
    'garcia',
    'roux',
    'fournier',
]
STREETS = [('RUE', 'DE LA LIBERTE'), ('AV', 'DU DRAPEAU'), ('BD', 'CARNOT'), ('PL', 'DARCY'), ('CHE', 'DES VIGNES')]
TOWNS = [('21000', 'DIJON'), ('69002', 'LYON'), ('75011', 'PARIS'), ('33000', 'BORDEAUX'), ('59000', 'LILLE')]
BAD_KINDS = ('siret_key', 'naf_unknown', 'no_city', 'siret_short')


def valid_siret(rng: random.Random) -> str:
    siren = ''.join(rng.choice('0123456789') for _ in range(8))
    siren += luhn.calc_check_digit(siren)
    nic = ''.join(rng.choice('0123456789') for _ in range(4))
    return siren + nic + luhn.calc_check_digit(siren + nic)


@dataclass(frozen=True)
class GeneratedFile:
    text: str
    bad_lines: dict[int, str]  # line number (header = 1) -> the kind of defect
    good: int


def sirene_csv(rows: int, *, bad_share: float = 0.02, seed: int = 7) -> GeneratedFile:
    rng = random.Random(seed)
    naf = sorted(shipped_entries(NomenclatureKind.NAF))
    legal = ['5499', '5710', '5785', '9220', '7210']
    ranges = ['01', '02', '03', '11', '12', '21']
    out = io.StringIO()
    writer = csv.writer(out, delimiter=',')
    writer.writerow(SIRENE_HEADER)
    bad_lines: dict[int, str] = {}
    seen: set[str] = set()
    bad_every = round(1 / bad_share) if bad_share else 0
    for index in range(rows):
        siret = valid_siret(rng)
        while siret in seen:
            siret = valid_siret(rng)
        seen.add(siret)
        postal_code, town = rng.choice(TOWNS)
        street_type, street = rng.choice(STREETS)
        row = [
            siret, f'{rng.choice(WORDS).upper()} {rng.choice(NAMES).upper()} {index}', rng.choice(['', 'CHEZ NOUS']),
            rng.choice(naf), rng.choice(ranges), rng.choice(legal), str(rng.randint(1, 120)), street_type, street,
            postal_code, town, 'A',
        ]  # fmt: skip
        if bad_every and index % bad_every == bad_every // 2:
            defect = BAD_KINDS[(index // bad_every) % len(BAD_KINDS)]
            bad_lines[index + 2] = defect
            if defect == 'siret_key':
                row[0] = siret[:-1] + str((int(siret[-1]) + 1) % 10)
            elif defect == 'naf_unknown':
                row[3] = '99.99Z'
            elif defect == 'no_city':
                row[10] = ''
            else:
                row[0] = siret[:9]
        writer.writerow(row)
    return GeneratedFile(out.getvalue(), bad_lines, rows - len(bad_lines))
