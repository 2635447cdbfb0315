"""Étape 5 « Contenu du stage »: every field, the effective duration and legal minimum shown live, two validations.

Every edit is saved to the draft shortly after typing stops (`Autosave`: nothing lost on a reload); the server's
answer carries the computed duration and gratification minimum, shown as they change. « Valider »
shows the errors next to their fields, or the step's recap for the second validation the guide asks.
"""

from typing import Any

from nicegui import ui

from models import GratificationUnit
from pages.wizard.content_form import ContentForm
from pages.wizard.recap_rows import content_rows, draw_rows, euros, french_number
from pages.wizard.state import Autosave, Section, Wizard
from services.drafts import StepResult, is_staff, preview_duration
from services.i18n import _
from services.labels import GRATIFICATION_UNIT


def duration_text(computed: dict[str, Any]) -> str:
    if computed.get('hours') is None:
        return _('Durée effective : renseignez les dates et les horaires pour la calculer.')
    return _(
        'Durée effective : {hours} heures, soit {days} jours de présence ({months} mois).',
        hours=french_number(computed['hours']),
        days=french_number(computed['days']),
        months=french_number(computed['months']),
    )


def minimum_text(computed: dict[str, Any], unit: Any) -> str:
    hourly: dict[Any, int] = computed.get('minimum_hourly_cents') or {}
    if computed.get('hours') is None or not hourly:
        return ''
    rates = ', '.join(f'{euros(cents)}/h en {year}' for year, cents in sorted(hourly.items()))
    if not computed.get('gratification_required'):
        return _(
            'Gratification facultative : le stage ne dépasse pas 2 mois (44 jours) chez cet organisme '
            'cette année universitaire. Minimum légal si elle est versée : {rates}.',
            rates=rates,
        )
    text = _('Gratification obligatoire (plus de 2 mois) : minimum légal {rates}', rates=rates)
    if computed.get('minimum_cents') and unit:
        try:
            label = GRATIFICATION_UNIT[GratificationUnit(unit)]
        except ValueError:
            label = ''
        text += _(', soit au moins {amount} {unit}', amount=euros(computed['minimum_cents']), unit=label)
    return text + '.'


class ContentStep(Section):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard, 5)
        self.content: ContentForm | None = None
        self.autosave: Autosave | None = None

    async def refresh(self) -> None:
        if self.autosave is not None:
            self.autosave.cancel()
        await super().refresh()

    async def draw(self) -> None:
        wizard = self.wizard
        ui.label(_('Les champs précédés d’un * sont obligatoires.')).classes('text-sm')
        with ui.column().classes('w-full gap-2') as self.form_column:
            self.content = content = ContentForm(
                wizard.data,
                wizard.content_choices,
                abroad=bool(wizard.draft.abroad),
                staff=is_staff(wizard.actor),
                on_change=lambda: autosave.changed(),
            )
            autosave = self.autosave = Autosave(
                wizard, 5, content.values, lambda result: self.show_computed(result.computed)
            )
        with ui.card().classes('w-full bg-blue-1').props('flat') as self.live_card:
            self.duration = ui.label('').props('aria-live=polite').mark('duration-live')
            self.minimum = ui.label('').props('aria-live=polite').mark('gratification-minimum')
        self.warnings = ui.column().classes('w-full gap-1').mark('step5-warnings')
        self.validate_button = ui.button(_('Valider'), icon='check', on_click=self.validate).mark('step5-validate')
        self.recap = ui.column().classes('w-full gap-2')
        self.recap.visible = False
        self.show_computed(self.last_computed())

    def last_computed(self) -> dict[str, Any]:
        """What the page shows before the first edit: the duration of the saved values (no legal minimum yet)."""
        duration = preview_duration(self.wizard.data, abroad=bool(self.wizard.draft.abroad))
        return {'hours': duration.hours, 'days': duration.days, 'months': duration.months} if duration.hours else {}

    def show_computed(self, computed: dict[str, Any]) -> None:
        self.duration.set_text(duration_text(computed))
        unit = self.content.gratification_unit() if self.content else None
        self.minimum.set_text(minimum_text(computed, unit))
        self.minimum.visible = bool(self.minimum.text)

    async def validate(self) -> None:
        assert self.content is not None
        assert self.autosave is not None
        self.autosave.cancel()
        result = await self.wizard.save(5, self.content.values())
        self.show_computed(result.computed)
        self.content.form.show_errors(result.errors)
        self.show_warnings(result)
        if result.ok:
            self.show_recap()

    def show_warnings(self, result: StepResult) -> None:
        self.warnings.clear()
        with self.warnings:
            for message in result.warnings.values():
                with ui.row().classes('items-center gap-2 text-warning'):
                    ui.icon('warning')
                    ui.label(message)

    def show_recap(self) -> None:
        self.form_column.visible = False
        self.validate_button.visible = False
        self.recap.clear()
        self.recap.visible = True
        with self.recap:
            ui.label(_('Vérifiez le contenu du stage, puis validez une seconde fois.')).classes('font-medium')
            with ui.card().classes('w-full').mark('step5-recap'):
                draw_rows(content_rows(self.wizard), 'step5-recap-rows')
            with ui.row().classes('gap-2'):
                ui.button(_('Modifier'), icon='edit', on_click=self.hide_recap).props('outline').mark('step5-back')
                ui.button(_('Valider'), icon='check', on_click=self.confirm).mark('step5-confirm')

    def hide_recap(self) -> None:
        self.recap.visible = False
        self.form_column.visible = True
        self.validate_button.visible = True

    async def confirm(self) -> None:
        self.hide_recap()
        await self.wizard.move_on(6, 8)
