"""A list of conventions (number, student, host, dates, status) with « Récapitulatif » per row."""

from collections.abc import Sequence
from typing import Any

from nicegui import ui

from services.convention_queries import ConventionSummary
from services.i18n import _


def _date(value: object) -> str:
    return value.strftime('%d/%m/%Y') if hasattr(value, 'strftime') else '—'


def convention_table(conventions: Sequence[ConventionSummary], *, show_student: bool = True) -> ui.table:
    columns: list[dict[str, Any]] = [
        {'name': 'number', 'label': _('N° convention'), 'field': 'number', 'sortable': True, 'align': 'left'},
        {'name': 'student', 'label': _('Étudiant'), 'field': 'student', 'sortable': True, 'align': 'left'},
        {'name': 'organisation', 'label': _("Établissement d'accueil"), 'field': 'organisation', 'align': 'left'},
        {'name': 'start', 'label': _('Début'), 'field': 'start', 'align': 'left'},
        {'name': 'end', 'label': _('Fin'), 'field': 'end', 'align': 'left'},
        {'name': 'status', 'label': _('Statut'), 'field': 'status', 'sortable': True, 'align': 'left'},
        {'name': 'action', 'label': _('Action'), 'field': 'link', 'align': 'left'},
    ]
    if not show_student:
        columns = [column for column in columns if column['name'] != 'student']
    rows = [
        {
            'key': f'c{c.id}' if c.id is not None else f'd{c.draft_id}',
            'number': c.number or '—',
            'student': c.student_name,
            'organisation': c.organisation_name,
            'start': _date(c.start_date),
            'end': _date(c.end_date),
            'status': _(c.status),
            'link': f'/conventions/{c.id}' if c.id is not None else f'/conventions/nouvelle?brouillon={c.draft_id}',
            'link_label': _('Récapitulatif') if c.id is not None else _('Reprendre la saisie'),
            'print_link': f'/conventions/{c.id}?impression=convention' if c.id is not None else '',
            'print_label': _('Impression'),
            # Each row's links say which convention they open (the same « Récapitulatif » on every row is ambiguous).
            'which': c.number or c.organisation_name,
        }
        for c in conventions
    ]
    table = ui.table(columns=columns, rows=rows, row_key='key', pagination=20).classes('w-full').mark('conventions')
    table.add_slot(
        'body-cell-action',
        '<q-td :props="props"><a :href="props.row.link" class="text-primary"'
        ' :aria-label="props.row.link_label + \' — \' + props.row.which">{{ props.row.link_label }}</a>'
        '<a v-if="props.row.print_link" :href="props.row.print_link" class="text-primary q-ml-md"'
        ' :aria-label="props.row.print_label + \' — \' + props.row.which">{{ props.row.print_label }}</a></q-td>',
    )
    return table
