"""A statistics chart card: an ECharts chart (downloadable as an image from its toolbox), its data as a table
for screen readers and checks, and « Données (CSV) » to download them."""

import csv
import io
from collections.abc import Sequence
from typing import Any, Literal

from nicegui import ui

from components.display import section_title, simple_table
from services.i18n import _
from services.statistics import CountRow

ROW_HEIGHT = 26


def _number(value: float) -> str:
    return f'{value:g}'.replace('.', ',')


def rows_csv(category: str, value: str, rows: Sequence[CountRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=';', lineterminator='\r\n')
    writer.writerow([_('Code'), category, value])
    for row in rows:
        writer.writerow([row.code, row.label, _number(row.count)])
    return buffer.getvalue().encode('utf-8-sig')


def chart_options(key: str, title: str, value: str, rows: Sequence[CountRow], kind: str) -> dict[str, Any]:
    toolbox = {
        'feature': {
            'saveAsImage': {'title': _('Enregistrer en image'), 'name': f'pstage-{key}', 'pixelRatio': 2},
        },
        'right': 8,
    }
    if kind == 'pie':
        return {
            'toolbox': toolbox,
            'tooltip': {'trigger': 'item', 'formatter': '{b} : {c} ({d} %)'},
            'legend': {'bottom': 0, 'type': 'scroll'},
            'series': [
                {
                    'name': title,
                    'type': 'pie',
                    'radius': ['35%', '65%'],
                    'data': [{'name': row.label, 'value': row.count} for row in rows],
                    'label': {'formatter': '{b}\n{c}'},
                }
            ],
        }
    return {
        'toolbox': toolbox,
        'tooltip': {'trigger': 'axis', 'axisPointer': {'type': 'shadow'}},
        'grid': {'containLabel': True, 'left': 8, 'right': 40, 'top': 32, 'bottom': 8},
        'xAxis': {'type': 'value', 'minInterval': 1},
        'yAxis': {
            'type': 'category',
            'data': [row.label for row in reversed(rows)],
            'axisLabel': {'width': 260, 'overflow': 'truncate'},
        },
        'series': [
            {
                'name': value,
                'type': 'bar',
                'data': [row.count for row in reversed(rows)],
                'label': {'show': True, 'position': 'right'},
                'itemStyle': {'color': '#1f4e8c'},
            }
        ],
    }


def stat_chart(
    key: str,
    title: str,
    category: str,
    rows: Sequence[CountRow],
    *,
    value: str = 'Conventions',
    kind: Literal['bar', 'pie'] = 'bar',
    wide: bool = False,
) -> None:
    with ui.card().classes('w-full' if wide else 'w-full lg:w-[48%]').mark(f'stat-chart stat-chart-{key}'):
        section_title(title)
        if not rows or not any(row.count for row in rows):
            ui.label(_('Aucune donnée pour ces critères.')).classes('text-grey-8 italic')
            return
        height = 320 if kind == 'pie' else max(160, ROW_HEIGHT * len(rows) + 60)
        chart = ui.echart(chart_options(key, title, _(value), rows, kind)).classes('w-full')
        chart.style(f'height: {height}px').mark(f'chart-{key}')
        with ui.row().classes('items-center gap-2'):
            ui.button(
                _('Données (CSV)'),
                icon='download',
                on_click=lambda: ui.download.content(
                    rows_csv(category, _(value), rows), f'statistiques-{key}.csv', 'text/csv'
                ),
            ).props('flat dense no-caps').mark(f'chart-csv-{key}')
            with ui.expansion(_('Voir les données')).classes('grow'):
                simple_table(
                    [('label', category), ('count', _(value))],
                    [{'label': row.label, 'count': row.count} for row in rows],
                    marker=f'stats-{key}',
                )
