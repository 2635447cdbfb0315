"""« Rechercher une convention » end to end (issue 5): 100,000 generated conventions in a SQLite database, searched
by a misspelled student name through services.convention_search (engine candidates + SQL scope, criteria, sort,
page) as a gestionnaire of the composante. Target: p95 < 50 ms.

python bench/convention_search.py [--conventions N] [--queries N] [--json] [--quick]
"""

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_people import people, queries

from models import Composante, Contact, Convention, Organisation, Role, Service, Student, Teacher
from services import convention_search, database, schema, search
from services.actor import Actor
from services.convention_search import SearchCriteria
from services.search.normalise import fold

STATUSES = ('creee', 'creee', 'validee', 'signee', 'terminee')
CHUNK = 10_000


def _insert(connection: sa.Connection, model: object, rows: list[dict[str, object]]) -> None:
    table = model.__table__  # type: ignore[attr-defined]
    for start in range(0, len(rows), CHUNK):
        connection.execute(sa.insert(table), rows[start : start + CHUNK])


def populate(count: int, names: list[tuple[str, str]], rng: random.Random) -> None:
    """Reference rows, then `count` students each with a convention (bulk inserts, one transaction)."""
    with database.engine().begin() as connection:
        _insert(connection, Composante, [{'id': 1, 'code': 'UFR-ST', 'name': 'UFR Sciences', 'representative_name': 'X',
                                          'validation_circuit': 'pedagogique,validation_administrative',
                                          'representative_function': 'Directrice', 'academic_year_switch_month': 9,
                                          'academic_year_switch_day': 1, 'overlap_allowed': False,
                                          'students_print_before_validation': True, 'students_create_amendments': True,
                                          'alert_days_before_start': 15}])  # fmt: skip
        _insert(connection, Teacher, [{'id': i, 'last_name': f'Enseignant{i}', 'first_name': 'Prof',
                                       'email': f't{i}@u.example', 'composante_id': 1, 'active': True}
                                      for i in range(1, 201)])  # fmt: skip
        _insert(connection, Organisation, [{'id': i, 'name': f'Entreprise {i}', 'kind': 'entreprise_privee',
                                            'address': '1 rue', 'city': 'Dijon', 'country_code': 'FR',
                                            'siret': f'{i:014d}',
                                            'needs_review': False, 'created_at': database_now()}
                                           for i in range(1, 501)])  # fmt: skip
        _insert(connection, Service, [{'id': i, 'organisation_id': i, 'name': 'Service', 'same_address': True}
                                      for i in range(1, 501)])  # fmt: skip
        _insert(connection, Contact, [{'id': i, 'organisation_id': i, 'last_name': 'Tuteur', 'first_name': 'T',
                                       'function': 'Chef', 'phone': '0380000000', 'email': 'x@y.example',
                                       'created_at': database_now()} for i in range(1, 501)])  # fmt: skip
        students, conventions = [], []
        for index, (last, first) in enumerate(names, start=1):
            students.append({'id': index, 'student_number': f'S{index:08d}', 'last_name': last, 'first_name': first,
                             'birth_date': date(2003, 1, 1), 'sex': 'F', 'institutional_email': f's{index}@u.example',
                             'country_code': 'FR', 'composante_id': 1, 'academic_year': '2026-2027'})  # fmt: skip
            start = date(2027, 1, 4) + timedelta(days=rng.randrange(200))
            host = 1 + index % 500
            conventions.append({
                'id': index, 'number': f'2026-{index:06d}', 'status': rng.choice(STATUSES),
                'academic_year': '2026-2027', 'composante_id': 1, 'student_id': index,
                'formation_label': 'Licence Informatique',
                'formation_yearly_hours': 520, 'student_email': f's{index}@u.example',
                'social_security_affiliation': True,
                'health_insurance_fund': 'CPAM', 'organisation_id': host, 'service_id': host, 'tutor_id': host,
                'referent_id': 1 + index % 200, 'signatory_id': host, 'internship_type': 'obligatoire',
                'thematique_code': 'INF', 'subject': 'Sujet', 'activities': 'A', 'competences': 'C', 'supervision': 'S',
                'start_date': start, 'end_date': start + timedelta(days=55), 'working_time': 'temps_plein',
                'hours_per_week': 35.0, 'days_per_week': 5.0, 'irregular_schedule': False, 'effective_hours': 280.0,
                'effective_days': 40.0, 'night_work': False, 'sunday_work': False, 'public_holiday_work': False,
                'leave_days': 0, 'gratified': False, 'gratification_currency': 'EUR', 'confidential': False,
                'print_language': 'fr', 'version': 1, 'created_at': database_now(),
            })  # fmt: skip
        _insert(connection, Student, students)
        _insert(connection, Convention, conventions)


def database_now() -> object:
    from models import utcnow

    return utcnow()


def run(count: int, asked_count: int, seed: int) -> dict[str, float | int]:
    rng = random.Random(seed)
    names = people(count, rng)
    with tempfile.TemporaryDirectory() as folder:
        database.configure(f'sqlite:///{folder}/bench.db')
        schema.prepare()
        started = time.perf_counter()
        populate(count, names, rng)
        populate_s = time.perf_counter() - started
        manager = Actor(user_id=1, login='gestion', display_name='Gestion', scopes={Role.MANAGER: frozenset({1})})
        started = time.perf_counter()
        convention_search.search_conventions(manager, SearchCriteria(student='dupont'))  # builds the index
        build_s = time.perf_counter() - started
        asked = queries(names, asked_count, rng)
        latencies, found = [], 0
        for text, index in asked:
            started = time.perf_counter()
            page = convention_search.search_conventions(manager, SearchCriteria(student=text))
            latencies.append((time.perf_counter() - started) * 1000)
            wanted = fold(f'{names[index][0]} {names[index][1]}')  # homonyms count: any person with that name
            found += any(row.id == index + 1 or fold(row.student_name) == wanted for row in page.items)
        filtered = []
        for text, _index in asked[: max(1, asked_count // 4)]:
            started = time.perf_counter()
            convention_search.search_conventions(manager, SearchCriteria(student=text, sort='debut'))
            filtered.append((time.perf_counter() - started) * 1000)
        database.engine().dispose()
        search.stop_background()
    latencies.sort()
    filtered.sort()
    return {
        'conventions': count,
        'populate_s': round(populate_s, 1),
        'index_build_s': round(build_s, 2),
        'queries': len(asked),
        'p50_ms': round(statistics.median(latencies), 1),
        'p95_ms': round(latencies[round(0.95 * (len(latencies) - 1))], 1),
        'sorted_by_date_p95_ms': round(filtered[round(0.95 * (len(filtered) - 1))], 1),
        'found_in_first_page': round(found / len(asked), 3),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--conventions', type=int, default=100_000)
    parser.add_argument('--queries', type=int, default=300)
    parser.add_argument('--seed', type=int, default=11)
    parser.add_argument('--json', action='store_true')
    parser.add_argument('--quick', action='store_true', help='10,000 conventions, 60 queries')
    options = parser.parse_args(argv)
    if options.quick:
        options.conventions, options.queries = min(options.conventions, 10_000), min(options.queries, 60)
    result = run(options.conventions, options.queries, options.seed)
    if options.json:
        print(json.dumps(result))
        return 0
    for key, value in result.items():
        verdict = f'< 50  {"met" if value < 50 else "NOT MET"}' if key == 'p95_ms' else ''
        print(f'{key:24} {value:>10}  {verdict}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
