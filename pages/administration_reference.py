"""Administration → « Nomenclatures » (entries switched on or off) and « Taux de gratification » (per year)."""

from urllib.parse import urlencode

from nicegui import ui

from auth.guard import protected_page
from components.background_task import attempt
from components.choice import Select
from components.display import section_title, simple_table
from pages.administration import admin_path, back_link
from pages.background import in_thread
from services import admin_queries, admin_reference
from services.actor import Actor
from services.admin_queries import NOMENCLATURE_KIND
from services.i18n import _
from services.permissions import Action

LISTS_PATH, RATES_PATH = admin_path('nomenclatures'), admin_path('gratification')


@protected_page(LISTS_PATH, title='Nomenclatures', needs_any=(Action.ADMINISTER,))
async def nomenclatures_page(actor: Actor, liste: str = 'thematique', q: str = '') -> None:
    back_link()
    counts = {c.kind: c for c in await in_thread(admin_queries.nomenclature_counts, actor)}
    kind = liste if liste in NOMENCLATURE_KIND else 'thematique'
    with ui.row().classes('items-end gap-2 flex-wrap'):
        which = Select(
            {k: f'{_(label)} ({counts[k].active}/{counts[k].total})' for k, label in NOMENCLATURE_KIND.items()},
            value=kind,
            label=_('Liste'),
        ).classes('w-80')
        which.mark('list-kind')
        query = ui.input(_('Code ou libellé'), value=q).props('clearable').classes('w-64').mark('list-query')

        def show() -> None:
            ui.navigate.to(f'{LISTS_PATH}?{urlencode({"liste": which.value, "q": (query.value or "").strip()})}')

        query.on('keydown.enter', show)
        ui.button(_('Afficher'), icon='search', on_click=show).mark('list-show')
    found = await in_thread(admin_reference.entries, actor, kind, q)
    shown = _('{n} entrée(s)', n=found.total)
    if found.total > len(found.items):
        shown += ' ' + _('(les {n} premières : précisez la recherche)', n=len(found.items))
    ui.label(shown).mark('list-count')
    ui.label(_('Une entrée désactivée n’est plus proposée, mais reste affichée là où elle est déjà utilisée.')).classes(
        'text-sm text-grey-8'
    )

    async def switch(entry_id: int, active: bool) -> None:
        done = _('Entrée activée.') if active else _('Entrée désactivée.')
        await attempt(lambda: admin_reference.set_entry_active(actor, entry_id, active), done)

    with ui.column().classes('w-full gap-0').mark('list-entries'):
        for entry in found.items:
            with ui.row().classes('items-center gap-2 w-full border-b py-1'):
                ui.switch(value=entry.active, on_change=lambda e, i=entry.id: switch(i, e.value)).props(
                    f'aria-label="{entry.code}"'
                ).mark(f'entry-{entry.code}')
                ui.label(entry.code).classes('w-24 font-mono')
                ui.label(entry.label)


@protected_page(RATES_PATH, title='Taux de gratification', needs_any=(Action.ADMINISTER,))
async def rates_page(actor: Actor) -> None:
    back_link()
    ui.label(
        _(
            'Gratification minimale horaire de chaque année civile (15 % du plafond horaire de la sécurité sociale). '
            'Les contrôles des conventions lisent ce tableau : une année absente prend le taux de la précédente.'
        )
    ).classes('text-grey-8')

    @ui.refreshable
    async def table() -> None:
        rates = await in_thread(admin_queries.gratification_rates, actor)
        simple_table(
            [('year', _('Année')), ('hourly', _('Gratification minimale horaire'))],
            [{'year': r.year, 'hourly': f'{r.hourly_minimum_cents / 100:.2f} €'.replace('.', ',')} for r in rates],
            marker='admin-rates',
        )

    await table()
    with ui.card().classes('max-w-md').mark('rate-form'):
        section_title(_('Ajouter ou modifier une année'))
        year = ui.input(_('Année'), placeholder='2027').mark('rate-year')
        amount = ui.input(_('Taux horaire en euros'), placeholder='4,35').mark('rate-amount')

        async def save() -> None:
            try:
                cents = await in_thread(admin_reference.set_rate, actor, year.value or '', amount.value or '')
            except ValueError as refused:
                ui.notify(str(refused), type='warning')
                return
            ui.notify(
                _(
                    'Taux {year} enregistré : {amount} €.',
                    year=year.value,
                    amount=f'{cents / 100:.2f}'.replace('.', ','),
                ),
                type='positive',
            )
            table.refresh()

        ui.button(_('Enregistrer'), icon='save', on_click=save).mark('rate-save')
