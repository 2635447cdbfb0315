"""« Rechercher une convention » (guide step 10): criteria kept in the URL so a search can be bookmarked; results
sortable by column and paginated; tick conventions to validate them in one go (each gets its next validation).

Query parameters: numero, etudiant, etablissement, enseignant, formation, statut, annee, du, au, tri, ordre, page.
"""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from nicegui import ui

from auth.guard import protected_page
from components.choice import Select
from components.display import empty_state, fr_date
from models import ConventionStatus
from pages.background import in_thread
from services import convention_search, validations
from services.actor import Actor
from services.convention_search import SearchCriteria
from services.i18n import _
from services.labels import CONVENTION_STATUS
from services.permissions import Action, can
from services.rules.fields import FieldError, parse_date

SEARCH_PATH = '/conventions/recherche'
COLUMNS = (
    ('number', 'N° convention'),
    ('student', 'Étudiant'),
    ('organisation', "Établissement d'accueil"),
    ('teacher', 'Enseignant référent'),
    ('formation', 'Formation'),
    ('start', 'Début'),
    ('end', 'Fin'),
    ('status', 'Statut'),
)
SORTS = (
    ('pertinence', 'pertinence'),
    ('numero', 'numéro'),
    ('etudiant', 'étudiant'),
    ('etablissement', 'établissement'),
    ('debut', 'date de début'),
    ('fin', 'date de fin'),
    ('statut', 'statut'),
)


def _date_or_none(text: str) -> date | None:
    try:
        return parse_date(text) if text.strip() else None
    except FieldError:
        return None


def _status(value: str) -> ConventionStatus | None:
    return ConventionStatus(value) if value in ConventionStatus._value2member_map_ else None


def url_for(params: dict[str, Any]) -> str:
    kept = {key: value for key, value in params.items() if value not in (None, '') and (key, value) != ('page', 1)}
    return f'{SEARCH_PATH}?{urlencode(kept)}' if kept else SEARCH_PATH


@protected_page(SEARCH_PATH, title='Rechercher une convention', needs_any=(Action.CONVENTION_SEARCH,))
async def convention_search_page(
    actor: Actor,
    numero: str = '',
    etudiant: str = '',
    etablissement: str = '',
    enseignant: str = '',
    formation: str = '',
    statut: str = '',
    annee: str = '',
    du: str = '',
    au: str = '',
    tri: str = '',
    ordre: str = '',
    page: int = 1,
) -> None:
    params: dict[str, Any] = {
        'numero': numero, 'etudiant': etudiant, 'etablissement': etablissement, 'enseignant': enseignant,
        'formation': formation, 'statut': statut, 'annee': annee, 'du': du, 'au': au, 'tri': tri, 'ordre': ordre,
    }  # fmt: skip
    years = await in_thread(convention_search.academic_years, actor)
    fields: dict[str, Any] = {}
    with ui.card().classes('w-full'), ui.row().classes('items-end gap-3 flex-wrap w-full').mark('search-form'):
        for key, label, marker in (
            ('numero', _('N° de convention'), 'search-number'),
            ('etudiant', _("Nom de l'étudiant"), 'search-student'),
            ('etablissement', _("Établissement d'accueil"), 'search-host'),
            ('enseignant', _('Enseignant référent'), 'search-teacher'),
            ('formation', _('Formation ou étape'), 'search-formation'),
        ):
            fields[key] = ui.input(label, value=params[key]).props('clearable').mark(marker)
        fields['statut'] = (
            Select({'': _('Tous les statuts')} | {s.value: _(label) for s, label in CONVENTION_STATUS.items()},
                      value=statut if _status(statut) else '', label=_('Statut'))
            .classes('w-40').mark('search-status')
        )  # fmt: skip
        fields['annee'] = (
            Select({'': _('Toutes')} | {year: year for year in years}, value=annee if annee in years else '',
                      label=_('Année universitaire'))
            .classes('w-40').mark('search-year')
        )  # fmt: skip
        fields['du'] = ui.input(_('En stage entre le (JJ/MM/AAAA)'), value=du).classes('w-52').mark('search-from')
        fields['au'] = ui.input(_('et le'), value=au).classes('w-36').mark('search-to')

        def search() -> None:
            typed = {key: (field.value or '').strip() for key, field in fields.items()}
            ui.navigate.to(url_for(typed | {'tri': tri, 'ordre': ordre}))

        for field in fields.values():
            if isinstance(field, ui.input):
                field.on('keydown.enter', search)
        ui.button(_('Rechercher'), icon='search', on_click=search).mark('search-submit')
    for key in ('du', 'au'):
        if params[key].strip() and _date_or_none(params[key]) is None:
            ui.label(
                _('Date non reconnue « {typed} » : écrivez-la sous la forme JJ/MM/AAAA.', typed=params[key])
            ).classes('text-negative').mark('search-date-error')
    criteria = SearchCriteria(
        number=numero, student=etudiant, host=etablissement, teacher=enseignant, formation=formation,
        status=_status(statut), academic_year=annee, from_date=_date_or_none(du), to_date=_date_or_none(au),
        sort=tri, descending=ordre == 'desc', page=page,
    )  # fmt: skip
    results = await in_thread(convention_search.search_conventions, actor, criteria)
    with ui.row().classes('items-center gap-4'):
        ui.label(_('{count} convention(s) trouvée(s)', count=results.total)).mark('result-count')
        if results.total and can(actor, Action.EXPORT):  # the same criteria: the export holds these conventions
            query = urlencode({key: value for key, value in params.items() if value and key not in ('tri', 'ordre')})
            ui.link(_('Exporter ces résultats (CSV, Excel)'), f'/exports?{query}').mark('search-export')
    if not results.items:
        empty_state(
            _('Aucune convention ne correspond. Vérifiez le numéro ou l’orthographe, ou élargissez la recherche.')
        )
        return
    bulk = can(actor, Action.VALIDATE_PEDAGOGICAL) or can(actor, Action.VALIDATE_ADMINISTRATIVE)
    with ui.row().classes('items-center gap-3 flex-wrap').mark('sort-links'):
        ui.label(_('Trier par :'))
        for column, label in SORTS:
            arrow = (' ▼' if ordre == 'desc' else ' ▲') if tri == column else ''
            flip = 'desc' if tri == column and ordre != 'desc' else ''
            ui.link(_(label) + arrow, url_for(params | {'tri': column, 'ordre': flip})).mark(f'sort-{column}')
    table = (
        ui.table(
            columns=[{'name': key, 'label': _(label), 'field': key, 'align': 'left'} for key, label in COLUMNS],
            rows=[
                {
                    'id': row.id,
                    'number': row.number,
                    'student': row.student_name,
                    'organisation': row.organisation_name,
                    'teacher': row.teacher_name,
                    'formation': row.formation,
                    'start': fr_date(row.start_date),
                    'end': fr_date(row.end_date),
                    'status': _(row.status_label),
                    'link': f'/conventions/{row.id}',
                }
                for row in results.items
            ],
            row_key='id',
            selection='multiple' if bulk else None,
            pagination={'rowsPerPage': 0},
        )
        .classes('w-full')
        .props('hide-pagination')
        .mark('conventions')
    )
    table.add_slot(
        'body-cell-number',
        '<q-td :props="props"><a :href="props.row.link" class="text-primary">{{ props.row.number }}</a></q-td>',
    )
    if results.page_count > 1:
        ui.pagination(
            1, results.page_count, value=results.number, direction_links=True,
            on_change=lambda e: ui.navigate.to(url_for(params | {'page': e.value})),
        ).mark('search-pages')  # fmt: skip
    if bulk:
        report = ui.column().classes('w-full gap-1').mark('bulk-report')

        async def validate_selected() -> None:
            chosen = [row['id'] for row in table.selected]
            report.clear()
            if not chosen:
                ui.notify(_('Cochez les conventions à valider.'), type='warning')
                return
            result = await in_thread(validations.validate_next, actor, chosen)
            with report:
                for outcome in result.done:
                    ui.label(outcome.message).classes('text-positive')
                for message in result.refused.values():
                    ui.label(message).classes('text-negative')
            statuses = {outcome.number: _(CONVENTION_STATUS[outcome.status]) for outcome in result.done}
            for row in table.rows:
                row['status'] = statuses.get(row['number'], row['status'])
            table.selected.clear()
            table.update()
            ui.notify(_('{count} validation(s) enregistrée(s).', count=len(result.done)), type='positive')

        ui.button(_('Valider la sélection'), icon='task_alt', on_click=validate_selected).mark('bulk-validate')
