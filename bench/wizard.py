"""Server time of the convention wizard: each step's `save_step` (save + checks) and `create_from_draft`.

Target (issue 3): < 30 ms p95 per step on SQLite with the demo data. Each run is one student walking
the eight steps then « Créer », on a throw-away SQLite database seeded with `services.demo.seed_demo`
(or, if that is unavailable, a generated set of the same size).
python bench/wizard.py [--quick] [--json]
"""

import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from models import Contact, Convention, Organisation, Role, Service, Student, Teacher, User
from services import conventions, database, drafts, schema
from services.actor import Actor
from services.database import session_scope

RUNS = 200
QUICK_RUNS = 30
TARGET_P95_MS = 30.0
NIR = '2 04 03 21 231 017 95'
CONTENT: dict[str, Any] = {
    'internship_type': 'obligatoire',
    'thematique_code': 'INF',
    'subject': 'Tableau de bord des interventions',
    'activities': 'Analyse du besoin, développement, tests',
    'competences': 'Conduite de projet, Python',
    'supervision': 'Point hebdomadaire avec le tuteur, visite de l’enseignant',
    'start_date': '2027-04-05',
    'end_date': '2027-07-30',
    'interruptions': [['2027-05-10', '2027-05-12']],
    'working_time': 'temps_plein',
    'hours_per_week': 35,
    'days_per_week': 5,
    'gratified': True,
    'gratification_amount_cents': 69300,
    'gratification_unit': 'mois',
    'gratification_basis': 'net',
    'gratification_payment': 'virement',
    'print_language': 'fr',
}


def seed() -> str:
    """Demo data if the demo seeder is available, else a generated set of the same size."""
    try:
        from services import demo
    except ImportError:
        from bench._wizard_data import generate

        return generate()
    return f'demo: {demo.seed_demo()}'


def pick(runs: int) -> tuple[list[int], list[dict[str, Any]], list[int], int]:
    """Students without a convention, hosts in France with a service and two contacts, teachers, a user id."""
    with session_scope() as session:
        busy = select(Convention.student_id)
        students = session.exec(
            select(Student.id)
            .where(col(Student.id).not_in(busy), col(Student.formation_id).is_not(None))
            .order_by(col(Student.id))
            .limit(runs)
        ).all()
        hosts: list[dict[str, Any]] = []
        for organisation_id, service_id in session.exec(
            select(Organisation.id, Service.id)
            .join(Service, col(Service.organisation_id) == Organisation.id)
            .where(Organisation.country_code == 'FR', col(Organisation.closed_on).is_(None))
            .limit(runs * 3)
        ).all():
            contacts = session.exec(select(Contact.id).where(Contact.organisation_id == organisation_id).limit(2)).all()
            if len(contacts) == 2:
                hosts.append({'organisation_id': organisation_id, 'service_id': service_id, 'contacts': contacts})
            if len(hosts) == runs:
                break
        teachers = session.exec(select(Teacher.id).where(col(Teacher.active)).limit(50)).all()
        user_id = session.exec(select(User.id)).first()
    assert len(students) == runs, f'only {len(students)} students without a convention'
    assert hosts, 'no host with a service and two contacts'
    assert user_id is not None
    return [s for s in students if s], hosts, [t for t in teachers if t], user_id


def timed(timings: dict[str, list[float]], name: str, call: Callable[[], Any]) -> Any:
    """Wall time (what the user waits) and, apart, CPU time (less disturbed by other processes)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = call()
    timings.setdefault(name, []).append((time.perf_counter() - started) * 1000)
    timings.setdefault(f'{name} (cpu)', []).append((time.process_time() - cpu) * 1000)
    return result


def walk(actor: Actor, host: dict[str, Any], referent_id: int, timings: dict[str, list[float]]) -> None:
    draft = timed(timings, 'start_or_resume', lambda: drafts.start_or_resume(actor))
    steps: list[tuple[int, dict[str, Any]]] = [
        (1, {'student_phone': '06 12 34 56 78', 'health_insurance_fund': 'CPAM de la Côte-d’Or', 'nir': NIR}),
        (2, {'organisation_id': host['organisation_id']}),
        (3, {'service_id': host['service_id']}),
        (4, {'tutor_id': host['contacts'][0]}),
        (5, CONTENT),
        (6, {'referent_id': referent_id}),
        (7, {'signatory_id': host['contacts'][1]}),
        (8, {}),
    ]
    for step, values in steps:
        result = timed(timings, f'save_step {step}', partial(drafts.save_step, actor, draft.id, step, values))
        if not result.ok:
            raise SystemExit(f'step {step} refused: {result.errors}')
    timed(timings, 'create_from_draft', lambda: conventions.create_from_draft(actor, draft.id))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main(argv: list[str]) -> int:
    runs = QUICK_RUNS if '--quick' in argv else RUNS
    with tempfile.TemporaryDirectory() as folder:
        database.configure(f'sqlite:///{Path(folder) / "bench.db"}')
        schema.prepare()
        seeded = seed()
        students, hosts, teachers, user_id = pick(runs)
        chance = random.Random(3)
        timings: dict[str, list[float]] = {}
        for index, student_id in enumerate(students):
            actor = Actor(
                user_id=user_id,
                login=f'etudiant{index}',
                display_name='Étudiant',
                scopes={Role.STUDENT: None},
                student_id=student_id,
            )
            walk(actor, hosts[index % len(hosts)], chance.choice(teachers), timings)
        database.engine().dispose()
    rows = {
        name: {'runs': len(values), 'median_ms': round(statistics.median(values), 2), 'p95_ms': round(p95(values), 2)}
        for name, values in timings.items()
    }
    worst = max(row['p95_ms'] for name, row in rows.items() if name.startswith('save_step') and 'cpu' not in name)
    passed = worst < TARGET_P95_MS and rows['create_from_draft']['p95_ms'] < TARGET_P95_MS
    if '--json' in argv:
        print(json.dumps({'data': seeded, 'target_p95_ms': TARGET_P95_MS, 'passed': passed, 'timings': rows}))
    else:
        print(f'wizard server time on SQLite ({seeded}), {date.today().isoformat()}')
        print('| operation | runs | median ms | p95 ms |')
        print('|---|---|---|---|')
        for name, row in sorted(rows.items(), key=lambda item: item[0].endswith('(cpu)')):
            print(f'| {name} | {row["runs"]} | {row["median_ms"]:.2f} | {row["p95_ms"]:.2f} |')
        print(f'target p95 < {TARGET_P95_MS:.0f} ms: {"met" if passed else "MISSED"}')
    return 0 if passed else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
