"""Teacher search (wizard step 6) over 5,000 teachers: median and p95 of `search_teachers`.

Target (issue 3): < 5 ms median. Runs on a throw-away SQLite database.
python bench/teacher_search.py [--quick]
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from faker import Faker

from models import Role, Teacher
from services import database, schema
from services.actor import Actor
from services.database import session_scope
from services.teacher_search import search_teachers

TEACHERS = 5000


def main(argv: list[str]) -> int:
    runs = 50 if '--quick' in argv else 300
    with tempfile.TemporaryDirectory() as folder:
        database.configure(f'sqlite:///{Path(folder) / "bench.db"}')
        schema.prepare()
        # Several locales: a real directory has thousands of distinct surnames, one locale has a few hundred.
        fake = Faker(['fr_FR', 'de_DE', 'it_IT', 'es_ES', 'pl_PL', 'nl_NL', 'pt_PT', 'fr_CA'])
        Faker.seed(7)
        names = [(fake.last_name(), fake.first_name()) for _ in range(TEACHERS)]
        with session_scope() as session:
            for index, (last, first) in enumerate(names):
                session.add(Teacher(last_name=last, first_name=first, email=f't{index}@universite.example'))
        actor = Actor(user_id=1, login='bench', display_name='Bench', scopes={Role.STUDENT: None}, student_id=1)
        # Half « nom prénom » with a typo (last letter dropped), half the surname alone, as typed live.
        queries = [
            f'{last[:-1]} {first}'.lower() if index % 2 else last.lower()
            for index, (last, first) in enumerate(names[:runs])
        ]
        search_teachers(actor, 'warm up')
        timings = []
        found = 0
        for query, (last, _first) in zip(queries, names, strict=False):
            started = time.perf_counter()
            hits = search_teachers(actor, query)
            timings.append((time.perf_counter() - started) * 1000)
            found += any(hit.last_name == last for hit in hits)
        database.engine().dispose()
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f'| teacher search, {TEACHERS} teachers | runs | median ms | p95 ms | found |')
    print(f'| search_teachers | {runs} | {statistics.median(timings):.2f} | {p95:.2f} | {found}/{runs} |')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
