"""The avenant form: « motif de la modification », the changes ticked, each with its fields (shown when ticked).

Knows nothing of the database: it is given the choices (services.amendment_views.FormChoices) and the values,
gives back the raw values typed (the service reads and checks them), and shows the service's messages.
"""

from typing import Any

from nicegui import ui

from components.choice import Select
from services.amendment_views import FormChoices
from services.i18n import _


class AmendmentForm(ui.column):
    def __init__(self, choices: FormChoices, values: dict[str, Any] | None = None) -> None:
        super().__init__()
        values = values or {}
        self.classes('w-full gap-3').mark('amendment-form')
        self.fields: dict[str, Any] = {}
        self.ticks: dict[str, ui.checkbox] = {}
        ticked = set(values.get('changes') or [])
        periods = values.get('interruptions') or [[None, None]]
        with self:
            self.fields['motif'] = (
                ui.textarea(_('Motif de la modification *'), value=values.get('motif') or '')
                .classes('w-full')
                .mark('amendment-motif')
            )
            ui.label(_('Modifications apportées par l’avenant *')).classes('font-medium')
            for key, label in choices.changes.items():
                self.ticks[key] = ui.checkbox(label, value=key in ticked).mark(f'change-{key}')
                with ui.column().classes('pl-8 w-full gap-1').bind_visibility_from(self.ticks[key], 'value'):
                    self._change_fields(key, choices, values, periods[0])
            # A new place means choosing the tutor again (guide): ticking « lieu » opens the tutor's field too.
            self.ticks['lieu'].on_value_change(lambda e: e.value and self.ticks['tuteur'].set_value(True))
            self.errors = ui.column().classes('w-full gap-1').props('role=alert').mark('amendment-errors')

    def _input(self, key: str, label: str, value: Any, marker: str, *, area: bool = False) -> None:
        element = ui.textarea(label, value=value or '') if area else ui.input(label, value=value or '')
        self.fields[key] = element.classes('w-full max-w-xl').mark(marker)

    def _select(self, key: str, label: str, options: dict[Any, str], value: Any, marker: str) -> None:
        self.fields[key] = (
            Select(options, label=label, value=value if value in options else None, with_input=True)
            .classes('w-full max-w-xl')
            .mark(marker)
        )

    def _change_fields(self, key: str, choices: FormChoices, values: dict[str, Any], period: list[Any]) -> None:
        date_hint = _(' (JJ/MM/AAAA)')
        if key == 'dates':
            self._input('new_start_date', _('Nouvelle date de début') + date_hint, _fr(values.get('new_start_date')),
                        'amendment-new-start')  # fmt: skip
            self._input('new_end_date', _('Nouvelle date de fin') + date_hint, _fr(values.get('new_end_date')),
                        'amendment-new-end')  # fmt: skip
            self._input('interruption_start', _('Interruption : du') + date_hint, _fr(period[0]),
                        'amendment-interruption-start')  # fmt: skip
            self._input('interruption_end', _('Interruption : au') + date_hint, _fr(period[1]),
                        'amendment-interruption-end')  # fmt: skip
        elif key == 'rupture':
            self._input('rupture_date', _('Date de la rupture') + date_hint, _fr(values.get('rupture_date')),
                        'amendment-rupture-date')  # fmt: skip
            self._input('rupture_reason', _('Motif de la rupture'), values.get('rupture_reason'),
                        'amendment-rupture-reason', area=True)  # fmt: skip
        elif key == 'sujet':
            self._input('new_subject', _('Nouveau sujet'), values.get('new_subject'), 'amendment-subject', area=True)
        elif key == 'gratification':
            self._input('gratification_amount', _('Montant (€)'), values.get('gratification_amount'),
                        'amendment-gratification-amount')  # fmt: skip
            self._select('gratification_unit', _('Unité'), choices.units, values.get('gratification_unit'),
                         'amendment-gratification-unit')  # fmt: skip
            self._select('gratification_basis', _('Net ou brut'), choices.bases, values.get('gratification_basis'),
                         'amendment-gratification-basis')  # fmt: skip
            self._select('gratification_payment', _('Modalité de versement'), choices.payments,
                         values.get('gratification_payment'), 'amendment-gratification-payment')  # fmt: skip
        elif key == 'lieu':
            self._select('new_service_id', _("Nouveau service d'accueil"), choices.services,
                         values.get('new_service_id'), 'amendment-service')  # fmt: skip
            ui.label(_('Attention : en changeant de lieu de stage, choisissez aussi le tuteur professionnel.')).classes(
                'text-warning'
            )
        elif key == 'tuteur':
            self._select('new_tutor_id', _('Nouveau tuteur professionnel'), choices.contacts,
                         values.get('new_tutor_id'), 'amendment-tutor')  # fmt: skip
        elif key == 'enseignant':
            self._select('new_referent_id', _('Nouvel enseignant référent'), choices.teachers,
                         values.get('new_referent_id'), 'amendment-referent')  # fmt: skip
        elif key == 'autre':
            self._input('other_change', _('Décrivez la modification'), values.get('other_change'), 'amendment-other',
                        area=True)  # fmt: skip

    def values(self) -> dict[str, Any]:
        raw = {key: field.value for key, field in self.fields.items()}
        raw['changes'] = [key for key, box in self.ticks.items() if box.value]
        start, end = raw.pop('interruption_start', None), raw.pop('interruption_end', None)
        raw['interruptions'] = [[start, end]] if (start or end) else []
        return raw

    def show_errors(self, errors: dict[str, str]) -> None:
        self.errors.clear()
        with self.errors:
            for message in dict.fromkeys(errors.values()):
                ui.label(message).classes('text-negative').mark('amendment-error')


def _fr(value: Any) -> str:
    """ISO dates as stored → JJ/MM/AAAA as typed; anything else unchanged."""
    text = str(value or '')
    if len(text) == 10 and text[4] == '-' and text[7] == '-':
        return f'{text[8:]}/{text[5:7]}/{text[:4]}'
    return text
