"""Establishment search at national scale (issue 7): the engine against an exhaustive rapidfuzz WRatio scan.

Generates N establishments (bench/_search_corpus.py) and a labelled query set — full names with 1–2 typos and
accents dropped, the first two words, three shuffled words, SIRET prefixes with spaces — then reports per
query type the median/p95 latency, hit@10 of the intended target for the engine and for the scan, the
tie-aware recall@10 against the scan (a returned name counts when its WRatio reaches the scan's 10th score),
the index build time and memory. Name queries run with filters (open establishments, France) and no
context; the `*_user_departement` figures repeat them for a user whose département is the target's.

python bench/search.py [--n N] [--queries Q] [--json] [--quick]
"""

import argparse
import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _search_corpus import Establishment, generate

from services.search import ESTABLISHMENTS, SearchEngine, SearchRecord
from services.search.normalise import fold, normalised

NAME_KINDS = ('typo', 'two_words', 'shuffled')
NAME_FILTERS: dict[str, str | int | bool | None] = {'open': True, 'country': 'FR'}


@dataclass
class Query:
    kind: str
    text: str
    target: int  # position of the intended establishment in the corpus
    departement: str  # the user's département (context)


def typo(word: str, rng: random.Random) -> str:
    position = rng.randrange(len(word))
    letter = rng.choice('abcdefghijklmnopqrstuvwxyz')
    edit = rng.randrange(4)
    if edit == 0:
        return word[:position] + letter + word[position + 1 :]
    if edit == 1:
        return word[:position] + word[position + 1 :]
    if edit == 2:
        return word[:position] + letter + word[position:]
    position = min(position, len(word) - 2)
    return word[:position] + word[position + 1] + word[position] + word[position + 2 :]


def with_typos(name: str, count: int, rng: random.Random) -> str:
    parts = fold(name).split()
    for _ in range(count):
        candidates = [i for i, part in enumerate(parts) if len(part) >= 4] or list(range(len(parts)))
        chosen = rng.choice(candidates)
        parts[chosen] = typo(parts[chosen], rng)
    return ' '.join(parts)


def make_queries(corpus: list[Establishment], per_kind: int, rng: random.Random) -> list[Query]:
    open_positions = [i for i, e in enumerate(corpus) if e.open]
    queries: list[Query] = []
    while len(queries) < 3 * per_kind:
        position = rng.choice(open_positions)
        establishment = corpus[position]
        parts = fold(establishment.name).split()
        kind = NAME_KINDS[len(queries) // per_kind]
        if kind == 'typo':
            text = with_typos(establishment.name, rng.choice((1, 2)), rng)
        elif len(parts) < 3:
            continue
        elif kind == 'two_words':
            text = ' '.join(parts[:2])
        else:
            text = ' '.join(rng.sample(parts, 3))
        queries.append(Query(kind, text, position, establishment.departement))
    for position in rng.sample(range(len(corpus)), per_kind):
        siret = corpus[position].siret[: rng.randrange(9, 15)]
        spaced = ' '.join(siret[i : i + 3] for i in range(0, len(siret), 3))
        queries.append(Query('siret', spaced, position, corpus[position].departement))
    return queries


def records(corpus: list[Establishment]) -> Iterator[tuple[int, SearchRecord]]:
    for e in corpus:
        attributes = {'open': e.open, 'country': 'FR', 'departement': e.departement, 'naf_section': e.naf_section}
        yield e.id, SearchRecord(title=e.name, codes=(e.siret,), attributes=attributes)


def resident_mb() -> float:
    with open('/proc/self/statm') as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def run(n: int, per_kind: int, seed: int, scanned: int | None) -> dict[str, float | int]:
    rng = random.Random(seed)
    corpus = generate(n, seed)
    queries = make_queries(corpus, per_kind, rng)
    gc.collect()
    before = resident_mb()
    started = time.perf_counter()
    engine = SearchEngine()
    engine.replace(ESTABLISHMENTS, records(corpus))
    build_s = time.perf_counter() - started
    gc.collect()
    index_mb = resident_mb() - before
    stats = engine.stats(ESTABLISHMENTS)
    position_of = {e.id: i for i, e in enumerate(corpus)}
    scan_positions = [i for i, e in enumerate(corpus) if e.open]
    scan_names = [normalised(corpus[i].name) for i in scan_positions]

    latencies: dict[str, list[float]] = {kind: [] for kind in (*NAME_KINDS, 'siret', 'departement_filter')}
    hits: dict[str, list[bool]] = {kind: [] for kind in (*NAME_KINDS, 'siret')}
    scan_hits: dict[str, list[bool]] = {kind: [] for kind in NAME_KINDS}
    local_hits: dict[str, list[bool]] = {kind: [] for kind in NAME_KINDS}
    recalls: list[float] = []
    scan_ms: list[float] = []
    name_queries = [q for q in queries if q.kind != 'siret']
    to_scan = set(range(len(name_queries) if scanned is None else min(scanned, len(name_queries))))
    for number, query in enumerate(name_queries):
        found = _timed(engine, query.text, NAME_FILTERS, latencies[query.kind])
        ids = [position_of[hit.id] for hit in found]
        hits[query.kind].append(query.target in ids)
        _timed(engine, query.text, {'departement': query.departement}, latencies['departement_filter'])
        # Context: a user searching from the target's département (most internships are local).
        local = engine.search(ESTABLISHMENTS, query.text, NAME_FILTERS, prefer={'departement': query.departement})
        local_hits[query.kind].append(query.target in [position_of[hit.id] for hit in local])
        if number not in to_scan:
            continue
        text = normalised(query.text)
        scan_started = time.perf_counter()
        best = process.extract(text, scan_names, scorer=fuzz.WRatio, limit=10)
        scan_ms.append((time.perf_counter() - scan_started) * 1000)
        scan_hits[query.kind].append(query.target in {scan_positions[index] for _, _, index in best})
        tenth = best[-1][1]
        good = sum(fuzz.WRatio(text, normalised(corpus[i].name)) >= tenth - 1e-6 for i in ids[:10])
        recalls.append(good / min(10, len(best)))
    for query in (q for q in queries if q.kind == 'siret'):
        found = _timed(engine, query.text, None, latencies['siret'])
        hits['siret'].append(query.target in [position_of[hit.id] for hit in found])

    def share(values: list[bool]) -> float:
        return round(sum(values) / len(values), 4) if values else 0.0

    name_ms = [ms for kind in NAME_KINDS for ms in latencies[kind]]
    name_cpu = [ms for kind in NAME_KINDS for ms in CPU_MS.get(id(latencies[kind]), [])]
    siret_cpu = CPU_MS.get(id(latencies['siret']), [])
    partial = hits['two_words'] + hits['shuffled']
    scan_partial = scan_hits['two_words'] + scan_hits['shuffled']
    result: dict[str, float | int] = {
        'n': n,
        'distinct_words': stats.distinct_words,
        'queries': len(queries),
        'name_p50_ms': round(statistics.median(name_ms), 2),
        'name_p95_ms': round(percentile(name_ms, 0.95), 2),
        'name_cpu_p50_ms': round(statistics.median(name_cpu), 2),
        'name_cpu_p95_ms': round(percentile(name_cpu, 0.95), 2),
        'siret_p50_ms': round(statistics.median(latencies['siret']), 3),
        'siret_p95_ms': round(percentile(latencies['siret'], 0.95), 3),
        'siret_cpu_p95_ms': round(percentile(siret_cpu, 0.95), 3),
        'departement_filter_p95_ms': round(percentile(latencies['departement_filter'], 0.95), 2),
        'recall_at_10': round(statistics.mean(recalls), 4) if recalls else 0.0,
        'hit_at_10_typo': share(hits['typo']),
        'hit_at_10_partial': share(partial),
        'hit_at_10_two_words': share(hits['two_words']),
        'hit_at_10_shuffled': share(hits['shuffled']),
        'hit_at_10_siret': share(hits['siret']),
        'hit_at_10_typo_user_departement': share(local_hits['typo']),
        'hit_at_10_partial_user_departement': share(local_hits['two_words'] + local_hits['shuffled']),
        'scan_hit_at_10_typo': share(scan_hits['typo']),
        'scan_hit_at_10_partial': share(scan_partial),
        'scan_queries': len(scan_ms),
        'scan_p50_ms': round(statistics.median(scan_ms), 1) if scan_ms else 0.0,
        'index_build_s': round(build_s, 1),
        'index_mb': round(index_mb, 1),
        'index_arrays_mb': round(stats.index_bytes / 1e6, 1),
    }
    for kind in NAME_KINDS:
        result[f'{kind}_p50_ms'] = round(statistics.median(latencies[kind]), 2)
        result[f'{kind}_p95_ms'] = round(percentile(latencies[kind], 0.95), 2)
    result['speedup_vs_scan'] = round(float(result['scan_p50_ms']) / max(float(result['name_p50_ms']), 1e-6), 1)
    return result


def _timed(engine: SearchEngine, text: str, filters: dict | None, into: list[float]) -> list:
    """The median of three runs, wall-clock ms into `into`, this thread's CPU ms into CPU_MS (same key)."""
    walls, cpus = [], []
    for _ in range(REPEATS):
        cpu_started, started = time.thread_time(), time.perf_counter()
        found = engine.search(ESTABLISHMENTS, text, filters, limit=10)
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.thread_time() - cpu_started) * 1000)
    into.append(statistics.median(walls))
    CPU_MS.setdefault(id(into), []).append(statistics.median(cpus))
    return found


# The machine is shared: wall-clock percentiles include time other processes held the CPU, so this
# thread's CPU time is reported beside them, and each query's time is the median of three runs.
REPEATS = 3
CPU_MS: dict[int, list[float]] = {}


TARGETS = (
    ('name_p50_ms', '<=', 15),
    ('name_p95_ms', '<=', 50),
    ('siret_p95_ms', '<=', 5),
    ('recall_at_10', '>=', 0.95),
    ('hit_at_10_typo', '>=', 0.97),
    ('hit_at_10_partial', '>=', 0.80),
    ('index_build_s', '<=', 60),
    ('index_mb', '<=', 600),
)


def print_table(result: dict[str, float | int]) -> None:
    targets = {key: (op, bound) for key, op, bound in TARGETS}
    print(f'{"measure":28} {"value":>12}  target')
    for key, value in result.items():
        op, bound = targets.get(key, ('', None))
        verdict = ''
        if bound is not None:
            met = value <= bound if op == '<=' else value >= bound
            verdict = f'{op} {bound}  {"met" if met else "NOT MET"}'
        print(f'{key:28} {value:>12}  {verdict}')


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--n', type=int, default=1_000_000, help='establishments to generate')
    parser.add_argument('--queries', type=int, default=100, help='queries per type (4 types)')
    parser.add_argument('--scan', type=int, default=None, help='scan only the first S name queries (all by default)')
    parser.add_argument('--seed', type=int, default=20260501)
    parser.add_argument('--json', action='store_true', help='print one JSON object')
    parser.add_argument('--quick', action='store_true', help='a small run: 20,000 establishments, 40 queries/type')
    options = parser.parse_args(argv)
    if options.quick:
        options.n, options.queries = min(options.n, 20_000), min(options.queries, 40)
    result = run(options.n, options.queries, options.seed, options.scan)
    if options.json:
        print(json.dumps(result))
    else:
        print_table(result)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
