"""The fields of étape 5 « Contenu du stage », read back as the draft's values (keys of STEP_FIELDS[5]).

Dates are typed or picked as JJ/MM/AAAA; amounts in euros are sent in cents; periods (interruptions,
irregular calendar) are lists of rows. `on_change` is called on any edit (the step autosaves).
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from nicegui import ui

from components.choice import Select
from components.form_fields import FormFields, required
from components.revealed_part import RevealedPart
from models import AmountBasis, GratificationUnit, PaymentMethod, PrintLanguage, WorkingTime
from services.i18n import N_, _
from services.labels import GRATIFICATION_UNIT, INTERNSHIP_TYPE, WORKING_TIME
from services.wizard_lookup import ContentChoices

BASIS = {AmountBasis.NET.value: N_('Net'), AmountBasis.GROSS.value: N_('Brut')}
PAYMENT = {
    PaymentMethod.TRANSFER.value: N_('Virement'),
    PaymentMethod.CHEQUE.value: N_('Chèque'),
    PaymentMethod.CASH.value: N_('Espèces'),
}
LANGUAGES = {
    PrintLanguage.FRENCH.value: N_('Français'),
    PrintLanguage.ENGLISH.value: N_('Anglais'),
    PrintLanguage.GERMAN.value: N_('Allemand'),
    PrintLanguage.SPANISH.value: N_('Espagnol'),
}
MONEY = (
    'gratification_amount_cents',
    'gratification_unit',
    'gratification_basis',
    'gratification_currency',
    'gratification_payment',
)
TEXTS = {
    'subject': N_('Sujet du stage'),
    'activities': N_('Activités confiées'),
    'competences': N_('Compétences à acquérir ou à développer'),
    'supervision': N_("Modalités d'encadrement et de suivi"),
}


def translated(options: dict[str, str]) -> dict[str, str]:
    return {key: _(label) for key, label in options.items()}


def display_date(value: Any) -> str:
    """ISO (as stored for an existing convention) or as typed -> JJ/MM/AAAA."""
    text = str(value or '')
    try:
        return date.fromisoformat(text).strftime('%d/%m/%Y')
    except ValueError:
        return text


def date_field(label: str, value: Any, on_change: Callable[[], None]) -> ui.date_input:
    field = ui.date_input(label, value=display_date(value), on_change=on_change).classes('w-44')
    field.picker.props['mask'] = 'DD/MM/YYYY'
    field.props('placeholder=JJ/MM/AAAA')
    return field


class PeriodRows:
    """Rows of periods: [début, fin] or, for the irregular calendar, [début, fin, heures, jours] per week."""

    def __init__(self, marker: str, rows: list[list[Any]], on_change: Callable[[], None], *, schedule: bool) -> None:
        self.marker, self.on_change, self.schedule = marker, on_change, schedule
        self.rows: list[tuple[ui.row, list[Any]]] = []
        self.column = ui.column().classes('w-full gap-1').mark(marker)
        for row in rows:
            self.add(row)
        ui.button(
            _('Ajouter une période') if schedule else _('Ajouter une interruption'),
            icon='add',
            on_click=lambda: self.add([]),
        ).props('flat dense').mark(f'{marker}-add')

    def add(self, values: list[Any]) -> None:
        values = [*values, None, None, None, None][:4]
        with self.column, ui.row().classes('items-center gap-2').mark(f'{self.marker}-row') as row:
            widgets: list[Any] = [
                date_field(_('Du'), values[0], self.on_change),
                date_field(_('Au'), values[1], self.on_change),
            ]
            if self.schedule:
                widgets.append(ui.number(_('Heures / semaine'), value=values[2], on_change=self.on_change))
                widgets.append(ui.number(_('Jours / semaine'), value=values[3], on_change=self.on_change))
            ui.button(icon='delete', on_click=lambda: self.remove(row)).props(
                f'flat round aria-label="{_("Supprimer cette période")}"'
            )
        self.rows.append((row, widgets))

    def remove(self, row: ui.row) -> None:
        self.rows = [(r, w) for r, w in self.rows if r is not row]
        row.delete()
        self.on_change()

    def values(self) -> list[list[Any]]:
        return [[widget.value for widget in widgets] for _row, widgets in self.rows if widgets[0].value]


class ContentForm:
    def __init__(
        self, data: dict[str, Any], choices: ContentChoices, *, abroad: bool, staff: bool, on_change: Callable[[], None]
    ) -> None:
        self.form = form = FormFields('content')
        self.abroad = abroad
        self._data, self._change = data, on_change
        change, add = on_change, self._add

        ui.label(_('Le stage')).classes('text-lg font-semibold')
        with ui.row().classes('w-full gap-4'):
            add(
                'internship_type',
                Select(
                    {k.value: _(v) for k, v in INTERNSHIP_TYPE.items()},
                    value=data.get('internship_type'),
                    label=required(_('Type de stage')),
                ).classes('w-64'),
            )
            add(
                'thematique_code',
                Select(
                    choices.thematiques,
                    value=data.get('thematique_code'),
                    label=required(_('Thématique')),
                    with_input=True,
                ).classes('w-96'),
            )
        for key, label in TEXTS.items():
            add(key, ui.textarea(required(_(label)), value=data.get(key) or '').classes('w-full').props('autogrow'))

        ui.label(_('Dates et horaires')).classes('text-lg font-semibold mt-2')
        with ui.row().classes('gap-4'):
            form.add('start_date', date_field(required(_('Date de début')), data.get('start_date'), change))
            form.add('end_date', date_field(required(_('Date de fin')), data.get('end_date'), change))
        ui.label(_('Interruptions (périodes sans présence)')).classes('text-sm text-grey-8')
        self.interruptions = PeriodRows('interruptions', data.get('interruptions') or [], change, schedule=False)
        form.add_note('interruptions')
        with ui.row().classes('w-full gap-4 items-center'):
            add(
                'working_time',
                Select(
                    {k.value: _(v) for k, v in WORKING_TIME.items()},
                    value=data.get('working_time') or WorkingTime.FULL_TIME.value,
                    label=required(_('Temps de travail')),
                ).classes('w-48'),
            )
            add('hours_per_week', ui.number(required(_('Heures par semaine')), value=data.get('hours_per_week')))
            add('days_per_week', ui.number(required(_('Jours par semaine')), value=data.get('days_per_week')))
        self.irregular = ui.checkbox(
            _('Calendrier irrégulier (horaires différents selon les périodes)'),
            value=bool(data.get('irregular_schedule')),
            on_change=change,
        ).mark('content-irregular_schedule')
        self.periods: PeriodRows | None = None
        RevealedPart(ui.column().classes('w-full'), self.irregular, self._draw_calendar)
        with ui.row().classes('gap-4'):
            self.flags = {
                key: ui.checkbox(label, value=bool(data.get(key)), on_change=change).mark(f'content-{key}')
                for key, label in (
                    ('night_work', _('Présence la nuit')),
                    ('sunday_work', _('Présence le dimanche')),
                    ('public_holiday_work', _('Présence les jours fériés')),
                )
            }
            add('leave_days', ui.number(_('Nombre de jours de congés'), value=data.get('leave_days') or 0, min=0))
        if staff:
            with ui.expansion(_('Corriger la durée calculée (bureau des stages)')).classes('w-full'):
                add(
                    'duration_override_hours',
                    ui.number(_('Durée effective retenue (heures)'), value=data.get('duration_override_hours')),
                )
                add('duration_override_reason', ui.input(_('Motif'), value=data.get('duration_override_reason') or ''))

        ui.label(_('Gratification')).classes('text-lg font-semibold mt-2')
        self.gratified = ui.checkbox(_('Stage gratifié'), value=bool(data.get('gratified')), on_change=change).mark(
            'content-gratified'
        )
        form.add_note('gratified')
        self.money = RevealedPart(ui.row().classes('w-full gap-4 items-start'), self.gratified, self._draw_money)

        ui.label(_('Autres informations')).classes('text-lg font-semibold mt-2')
        with ui.grid(columns=2).classes('w-full gap-x-4 gap-y-1 max-sm:grid-cols-1'):
            add('benefits_meals', ui.input(_('Avantages : restauration'), value=data.get('benefits_meals') or ''))
            add('benefits_transport', ui.input(_('Avantages : transport'), value=data.get('benefits_transport') or ''))
            add('benefits_other', ui.input(_('Autres avantages'), value=data.get('benefits_other') or ''))
            add(
                'found_how',
                Select(choices.found_how, value=data.get('found_how'), label=_('Comment avez-vous trouvé ce stage ?')),
            )
            add('deliverable', ui.input(_('Nature du travail à fournir'), value=data.get('deliverable') or ''))
            add('validation_mode', ui.input(_('Mode de validation du stage'), value=data.get('validation_mode') or ''))
            add('ects_credits', ui.number(_('Crédits ECTS'), value=data.get('ects_credits'), min=0))
            self.confidential = ui.checkbox(
                _('Sujet confidentiel'), value=bool(data.get('confidential')), on_change=change
            ).mark('content-confidential')
        if abroad:
            add(
                'print_language',
                Select(
                    translated(LANGUAGES),
                    value=data.get('print_language') or 'fr',
                    label=_("Langue d'impression de la convention"),
                ).classes('w-72'),
            )

    def _add(self, name: str, element: Any) -> Any:
        element.on_value_change(self._change)
        return self.form.add(name, element)

    def _draw_calendar(self) -> None:
        data, change = self._data, self._change
        self.periods = PeriodRows('schedule_periods', data.get('schedule_periods') or [], change, schedule=True)
        self.form.add_note('schedule_periods')

    def _draw_money(self) -> None:
        data, add = self._data, self._add
        cents = data.get('gratification_amount_cents')
        euros = cents / 100 if isinstance(cents, int | float) else None
        add('gratification_amount_cents', ui.number(required(_('Montant')), value=euros, min=0, format='%.2f'))
        add(
            'gratification_unit',
            Select(
                {k.value: _(v) for k, v in GRATIFICATION_UNIT.items()},
                value=data.get('gratification_unit') or GratificationUnit.MONTH.value,
                label=required(_('Unité')),
            ).classes('w-40'),
        )
        add(
            'gratification_basis',
            Select(
                translated(BASIS), value=data.get('gratification_basis') or 'net', label=required(_('Net ou brut'))
            ).classes('w-36'),  # wide enough for its label to stay readable
        )
        currency = add(
            'gratification_currency', ui.input(_('Devise'), value=data.get('gratification_currency') or 'EUR')
        ).classes('w-24')
        currency.visible = self.abroad
        add(
            'gratification_payment',
            Select(
                translated(PAYMENT),
                value=data.get('gratification_payment') or 'virement',
                label=required(_('Versement')),
            ).classes('w-40'),
        )

    def gratification_unit(self) -> Any:
        return self.form.value('gratification_unit') if self.money.drawn else self._data.get('gratification_unit')

    def values(self) -> dict[str, Any]:
        form = self.form
        values: dict[str, Any] = {name: form.value(name) for name in form.fields}
        if self.money.drawn:
            amount = values.get('gratification_amount_cents')
            values['gratification_amount_cents'] = round(float(amount) * 100) if amount not in (None, '') else None
        else:  # never shown: the draft keeps what it holds
            values.update({key: self._data.get(key) for key in MONEY})
        values['interruptions'] = self.interruptions.values()
        values['irregular_schedule'] = bool(self.irregular.value)
        values['schedule_periods'] = self.periods.values() if self.periods is not None and self.irregular.value else []
        values['gratified'] = bool(self.gratified.value)
        values['confidential'] = bool(self.confidential.value)
        values.update({key: bool(box.value) for key, box in self.flags.items()})
        if not self.abroad:
            values['print_language'] = PrintLanguage.FRENCH.value
            values['gratification_currency'] = 'EUR'
        return values
