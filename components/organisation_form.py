"""« Créer un établissement »: the dialog of the guide's step 2, shared with « Ajouter un établissement ».

The page passes the lists and a `create(data, confirmed)` coroutine (the service behind run.io_bound);
the dialog shows each refusal next to its field, links to the existing record when the SIRET is
taken, and asks « Vouliez-vous dire… ? » when a similar name exists in the same commune.
It resolves to the id of the établissement created or chosen, or None when cancelled.
Staff editing a record pass its values as `initial`; with `lookup` (company register enabled) a panel
fetches official data by SIRET or name and fills the fields.
"""

from collections.abc import Awaitable, Callable
from dataclasses import fields
from typing import Any

from nicegui import ui

from components.choice import Select
from components.company_lookup_panel import LookupCompany, company_lookup_panel
from components.form_fields import FormFields, required
from services.i18n import _
from services.organisations import (
    DuplicateOrganisation,
    FormErrors,
    OrganisationChoices,
    OrganisationInput,
    OrganisationView,
    SimilarOrganisations,
)

CreateOrganisation = Callable[[OrganisationInput, bool], Awaitable[OrganisationView]]


def _coded(entries: dict[str, str]) -> dict[str, str]:
    return {code: f'{code} — {label}' for code, label in entries.items()}


def record_link(organisation_id: int) -> str:
    return f'/etablissements/{organisation_id}'


def fill(form: FormFields, values: OrganisationInput) -> None:
    """Put `values` in the fields (a code missing from a list is left out rather than refused)."""
    for item in fields(values):
        element = form.fields.get(item.name)
        value: Any = getattr(values, item.name)
        if element is None or value is None:
            continue
        options = getattr(element, 'options', None)
        if isinstance(options, dict) and value not in options:
            continue
        element.value = value


async def organisation_dialog(
    choices: OrganisationChoices,
    create: CreateOrganisation,
    *,
    title: str | None = None,
    initial: OrganisationInput | None = None,
    submit_label: str | None = None,
    lookup: LookupCompany | None = None,
) -> int | None:
    # A click beside the dialog keeps what was typed; Échap cancels, as « Annuler » does (keyboard users).
    with (
        ui.dialog().props('no-backdrop-dismiss') as dialog,
        ui.card().classes('w-full max-w-3xl').mark('organisation-form'),
    ):
        ui.label(title or _('Créer un établissement')).classes('text-lg font-semibold').props(
            'role=heading aria-level=2'
        )
        ui.label(_('Les champs indiqués par un * sont obligatoires.')).classes('text-sm')
        panel = company_lookup_panel(lookup) if lookup is not None else None
        form = FormFields('org')
        with ui.grid(columns=2).classes('w-full gap-x-4 gap-y-1 max-sm:grid-cols-1'):
            form.add('name', ui.input(required(_('Raison sociale'))))
            country = form.add(
                'country_code',
                Select(choices.countries, value='FR', with_input=True, label=required(_('Pays'))),
            )
            siret = form.add('siret', ui.input(required(_('N° SIRET')), placeholder='123 456 789 00012'))
            foreign = form.add('foreign_identifier', ui.input(_("N° d'immatriculation dans le pays")))
            form.add('naf_code', Select(_coded(choices.naf), with_input=True, label=required(_('Code NAF/APE'))))
            form.add(
                'legal_category',
                Select(_coded(choices.legal_categories), with_input=True, label=required(_('Statut juridique'))),
            )
            form.add(
                'headcount_range',
                Select(choices.headcount_ranges, label=_("Tranche d'effectif"), clearable=True),
            )
            form.add('headcount', ui.number(_('Effectif (nombre de personnes)'), min=0, precision=0))
            form.add('kind', Select(choices.kinds, value='entreprise_privee', label=_("Type d'établissement")))
            form.add('address', ui.input(required(_('Adresse'))))
            form.add('postal_code', ui.input(required(_('Code postal'))))
            form.add('city', ui.input(required(_('Commune'))))
            form.add('phone', ui.input(_('Téléphone')))
            form.add('email', ui.input(_('E-mail')))
            form.add('website', ui.input(_('Site web')))

        def follow_country() -> None:
            abroad = country.value not in (None, 'FR')
            siret.set_label(_('N° SIRET') if abroad else required(_('N° SIRET')))
            siret.props['hint'] = _('Non obligatoire pour un établissement à l’étranger') if abroad else None
            siret.update()
            foreign.visible = abroad

        country.on_value_change(follow_country)
        if initial is not None:
            fill(form, initial)
        follow_country()
        if panel is not None:
            panel.connect(siret, lambda values: fill(form, values))
        problem = ui.column().classes('w-full gap-2').props('aria-live=polite').mark('organisation-form-problem')

        def data() -> OrganisationInput:
            headcount = form.value('headcount')
            return OrganisationInput(
                **{
                    name: form.text(name)
                    for name in form.fields
                    if name not in ('headcount', 'headcount_range', 'kind', 'country_code')
                },
                headcount=int(headcount) if headcount is not None else None,
                headcount_range=form.text('headcount_range'),
                kind=form.text('kind') or 'autre',
                country_code=form.text('country_code'),
            )

        async def submit(confirmed: bool = False) -> None:
            problem.clear()
            try:
                created = await create(data(), confirmed)
            except DuplicateOrganisation as duplicate:
                form.show_errors(duplicate.errors)
                _show_duplicate(problem, dialog, duplicate)
            except FormErrors as refused:
                form.show_errors(refused.errors)
            except SimilarOrganisations as similar:
                form.clear_errors()
                _show_suggestions(problem, dialog, similar, lambda: submit(confirmed=True))
            else:
                dialog.submit(created.id)

        with ui.row().classes('w-full justify-end gap-2'):
            ui.button(_('Annuler'), on_click=lambda: dialog.submit(None)).props('flat').mark('organisation-form-cancel')
            ui.button(submit_label or _('Créer'), icon='add_business', on_click=lambda: submit()).mark(
                'organisation-form-submit'
            )
    result = await dialog
    dialog.delete()
    return result if isinstance(result, int) else None


def _show_duplicate(problem: ui.column, dialog: ui.dialog, duplicate: DuplicateOrganisation) -> None:
    with problem, ui.row().classes('items-center gap-2').mark('organisation-duplicate'):
        ui.icon('info', color='primary')
        ui.link(
            _('Voir la fiche de « {name} »', name=duplicate.existing_name),
            record_link(duplicate.existing_id),
            new_tab=True,
        ).mark('organisation-duplicate-link')
        ui.button(_('Sélectionner cet établissement'), on_click=lambda: dialog.submit(duplicate.existing_id)).props(
            'outline'
        ).mark('organisation-duplicate-select')


def _show_suggestions(
    problem: ui.column, dialog: ui.dialog, similar: SimilarOrganisations, confirm: Callable[[], Awaitable[None]]
) -> None:
    with problem, ui.card().classes('w-full bg-amber-1').mark('organisation-suggestions'):
        ui.label(_('Vouliez-vous dire… ? Ces établissements de la même commune ont un nom proche.')).classes(
            'font-medium'
        )
        for suggestion in similar.suggestions:
            with ui.row().classes('w-full items-center gap-2'):
                ui.label(f'{suggestion.name} — {suggestion.full_address} — {suggestion.siret_display or "—"}')
                ui.space()
                ui.button(_('Choisir celui-ci'), on_click=lambda chosen=suggestion.id: dialog.submit(chosen)).props(
                    'flat'
                ).mark(f'organisation-suggestion organisation-suggestion-{suggestion.id}')
        ui.button(_('Non, créer un nouvel établissement'), on_click=confirm).props('outline').mark(
            'organisation-confirm-new'
        )
