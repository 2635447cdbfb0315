"""Figures of the load test: per-action percentiles, throughput, errors; printed as tables or JSON."""

import statistics
from collections import Counter
from typing import Any

from bench._load_scenario import Stats

UI_TARGET, PDF_TARGET = 0.300, 1.0  # seconds, p95 (issue 10)
PDF_ACTIONS = ('PDF', 'téléchargement')


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float('nan')
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


FLOW = (
    'connexion', 'assistant', 'étape 1', 'recherche établissement', 'étape 2', 'étape 3', 'étape 4', 'étape 5',
    'recherche enseignant', 'étape 6', 'étape 7', 'créer', 'récapitulatif', 'PDF', 'téléchargement', 'déconnexion',
)  # fmt: skip


def in_flow_order(name: str) -> int:
    short = name.removeprefix('navigateur : ')
    return FLOW.index(short) if short in FLOW else len(FLOW)


def summary(stats: Stats, seconds: float) -> dict[str, Any]:
    actions = {}
    for name, values in sorted(stats.timings.items(), key=lambda item: in_flow_order(item[0])):
        target = PDF_TARGET if name.endswith(PDF_ACTIONS) else UI_TARGET
        p95 = percentile(values, 0.95)
        actions[name] = {
            'count': len(values),
            'p50_ms': round(statistics.median(values) * 1000),
            'p95_ms': round(p95 * 1000),
            'max_ms': round(max(values) * 1000),
            'target_p95_ms': round(target * 1000),
            'meets_target': p95 <= target,
            'errors': len(stats.errors.get(name, [])),
        }
    for name, messages in stats.errors.items():
        actions.setdefault(name, {'count': 0, 'errors': len(messages)})
    parts = {
        name: {
            'count': len(values),
            'p50_ms': round(statistics.median(values) * 1000),
            'p95_ms': round(percentile(values, 0.95) * 1000),
        }
        for name, values in sorted(stats.parts.items(), key=lambda item: in_flow_order(item[0].split(' · ')[0]))
    }
    done = sum(len(v) for v in stats.timings.values())
    return {
        'seconds': round(seconds, 1),
        'flows_completed': stats.flows,
        'flows_per_minute': round(stats.flows * 60 / seconds, 1) if seconds else 0,
        'actions_per_second': round(done / seconds, 1) if seconds else 0,
        'errors': sum(len(v) for v in stats.errors.values()),
        'error_kinds': dict(Counter(m[8:120] for v in stats.errors.values() for m in v).most_common(8)),
        'error_log': sorted(f'{m[:8]}{name}: {m[8:400]}' for name, v in stats.errors.items() for m in v)[:60],
        'recoveries': stats.recoveries,
        'sessions_lost': stats.sessions_lost,
        'drafts_behind': stats.drafts_behind,
        'unfinished': stats.unfinished,
        'incidents': stats.incidents,
        'actions': actions,
        'parts': parts,
    }


def print_phase(title: str, figures: dict[str, Any]) -> None:
    print(f'\n--- {title}', flush=True)
    for key in ('users', 'instances', 'think_time_s', 'warmup_s', 'seconds', 'flows_completed',
                'flows_per_minute',
                'actions_per_second', 'searches_per_second', 'errors', 'recoveries', 'sessions_lost',
                'drafts_behind', 'unfinished', 'numbers_created', 'distinct_numbers',
                'french_database_messages', 'speed_up', 'server_cpu_s', 'server_cpu_ms_per_flow',
                'load_client_cpu_s', 'redis_connections_at_end',
                'server_cpu_ms_per_search', 'load_client_cpu_ms_per_search'):  # fmt: skip
        if key in figures:
            print(f'  {key:<22} {figures[key]}')
    actions = figures.get('actions') or {}
    if actions:
        print(f'  {"action":<26}{"n":>6}{"p50 ms":>9}{"p95 ms":>9}{"max ms":>9}{"erreurs":>9}  cible p95')
        for name, row in actions.items():
            if not row.get('count'):
                print(f'  {name:<26}{0:>6}{"":>9}{"":>9}{"":>9}{row["errors"]:>9}')
                continue
            verdict = 'ok' if row['meets_target'] else 'NON'
            print(
                f'  {name:<26}{row["count"]:>6}{row["p50_ms"]:>9}{row["p95_ms"]:>9}{row["max_ms"]:>9}'
                f'{row["errors"]:>9}  {row["target_p95_ms"]} ms {verdict}'
            )
    for name, row in (figures.get('parts') or {}).items():
        print(f'    {name:<40}{row["count"]:>6}{row["p50_ms"]:>9}{row["p95_ms"]:>9}')
    for kind, count in (figures.get('error_kinds') or {}).items():
        print(f'  erreur ×{count}: {kind}')
    for line in (figures.get('error_log') or []) + (figures.get('incidents') or []):
        print(f'  · {line}')
    for key, value in figures.items():
        if key not in ('actions', 'parts', 'error_kinds', 'error_log', 'incidents', 'browser', 'warmup') and isinstance(
            value, dict | list
        ):
            print(f'  {key}: {value}')
