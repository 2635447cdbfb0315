"""« Rechercher un établissement d'accueil » end to end: `search_organisations` (engine + SQL filters + page load).

A fresh SQLite database with N établissements (100,000 by default; names from the import generator), the
engine built from it, then the kinds of queries people type: a typo'd partial name, the same in a
département, a SIREN with spaces, a name with an activity filter, a filter without text. Median and p95.
python bench/organisation_search.py [--quick] [--json] [--n N]
"""

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from bench._organisation_csv import NAMES, TOWNS, WORDS, valid_siret
from models import Organisation, Role
from services import database, schema, search
from services.actor import Actor
from services.database import session_scope
from services.organisation_queries import OrganisationFilters, search_organisations
from services.reference_data import shipped_entries

QUERIES = 200
QUICK_QUERIES = 40


def _fill(count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """Insert `count` établissements; (name, siret, département) of each."""
    naf = sorted(shipped_entries('naf'))
    made = []
    table = Organisation.__table__  # type: ignore[attr-defined]
    with session_scope() as session:
        rows = []
        for index in range(count):
            postal_code, town = rng.choice(TOWNS)
            name = f'{rng.choice(WORDS).title()} {rng.choice(NAMES).title()} {rng.choice(NAMES).title()}'
            siret = valid_siret(rng)
            rows.append(
                {'name': name, 'siret': siret, 'naf_code': rng.choice(naf), 'legal_category': '5499',
                 'kind': 'entreprise_privee', 'address': f'{index % 90 + 1} rue Carnot', 'postal_code': postal_code,
                 'city': town.title(), 'departement_code': postal_code[:2], 'country_code': 'FR',
                 'needs_review': False}
            )  # fmt: skip
            made.append((name, siret, postal_code[:2]))
            if len(rows) == 5000:
                session.execute(sa.insert(table), rows)
                rows = []
        if rows:
            session.execute(sa.insert(table), rows)
    return made


def _typo(word: str, rng: random.Random) -> str:
    position = rng.randrange(1, len(word))
    return word[:position] + word[position + 1 :]


def main(argv: list[str]) -> int:
    count = int(argv[argv.index('--n') + 1]) if '--n' in argv else 100_000
    queries = QUICK_QUERIES if '--quick' in argv else QUERIES
    rng = random.Random(11)
    actor = Actor(user_id=0, login='bench', display_name='bench', scopes={Role.STUDENT: None}, student_id=1)
    with tempfile.TemporaryDirectory() as folder:
        database.configure(f'sqlite:///{Path(folder) / "bench.db"}')
        schema.prepare()
        made = _fill(count, rng)
        engine = search.get_engine()
        started = time.perf_counter()
        search.build_from_database(engine, ['establishments'])
        build = time.perf_counter() - started
        cases = {
            'typo partial name': lambda n, s, d: (f'{_typo(n.split()[0], rng)} {n.split()[1][:4]}', None, None),
            'name + département': lambda n, s, d: (' '.join(n.split()[:2]), d, None),
            'SIREN with spaces': lambda n, s, d: (f'{s[:3]} {s[3:6]} {s[6:9]}', None, None),
            'name + activity filter': lambda n, s, d: (n.split()[0], None, OrganisationFilters(activity='commerce')),
            'filters only': lambda n, s, d: ('', d, OrganisationFilters(activity='62', place='rue')),
        }
        result: dict[str, object] = {'establishments': count, 'queries_per_case': queries, 'build_s': round(build, 1)}
        for label, make in cases.items():
            timings = []
            for _ in range(queries):
                text, departement, filters = make(*rng.choice(made))
                started = time.perf_counter()
                search_organisations(actor, text, departement, 1, filters=filters)
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            result[label] = {
                'median_ms': round(statistics.median(timings), 1),
                'p95_ms': round(timings[int(0.95 * (len(timings) - 1))], 1),
            }
        database.engine().dispose()
    if '--json' in argv:
        print(json.dumps(result))
        return 0
    print(f'search_organisations over {count} établissements (engine built in {result["build_s"]} s), {queries} each')
    for label in cases:
        figures = result[label]
        assert isinstance(figures, dict)
        print(f'  {label:24} median {figures["median_ms"]:7.1f} ms   p95 {figures["p95_ms"]:7.1f} ms')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
