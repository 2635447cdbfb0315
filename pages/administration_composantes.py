"""Administration → « Composantes »: each composante's settings, edited in its card."""

from dataclasses import replace

from nicegui import ui

from auth.guard import protected_page
from components.choice import Select
from components.display import section_title
from models import ValidationKind
from pages.administration import admin_path, back_link
from pages.background import in_thread
from services import admin_composantes, admin_queries
from services.actor import Actor
from services.admin_composantes import ComposanteForm
from services.i18n import _
from services.labels import VALIDATION_KIND
from services.permissions import Action

MONTHS = ('janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
          'novembre', 'décembre')  # fmt: skip


class CircuitEditor(ui.column):
    """The validations in their order, each required or not; up/down arrows change the order."""

    def __init__(self, circuit: tuple[str, ...], marker: str) -> None:
        super().__init__()
        self.order = [*circuit, *(kind.value for kind in ValidationKind if kind.value not in circuit)]
        self.required = set(circuit)
        self.marker = marker
        self.classes('gap-0')
        with self:
            self.rows = ui.column().classes('gap-0')
        self.draw()

    @property
    def circuit(self) -> tuple[str, ...]:
        return tuple(code for code in self.order if code in self.required)

    def draw(self) -> None:
        self.rows.clear()
        with self.rows:
            for index, code in enumerate(self.order):
                with ui.row().classes('items-center gap-1'):
                    ui.checkbox(
                        _(VALIDATION_KIND[ValidationKind(code)]),
                        value=code in self.required,
                        on_change=lambda e, c=code: self.toggle(c, e.value),
                    ).mark(f'{self.marker}-{code}')
                    ui.button(icon='arrow_upward', on_click=lambda i=index: self.shift(i, -1)).props(
                        f'flat dense aria-label="{_("Monter")}"'
                    ).mark(f'{self.marker}-up-{code}').set_enabled(index > 0)

    def toggle(self, code: str, value: bool) -> None:
        (self.required.add if value else self.required.discard)(code)

    def shift(self, index: int, offset: int) -> None:
        target = index + offset
        if 0 <= target < len(self.order):
            self.order[index], self.order[target] = self.order[target], self.order[index]
            self.draw()


def _settings_card(actor: Actor, composante_id: int, code: str, form: ComposanteForm) -> None:
    marker = f'composante-{code}'
    with ui.card().classes('w-full').mark(f'admin-composante admin-composante-{code}'):
        section_title(f'{code} — {form.name}')
        with ui.grid(columns='repeat(auto-fill, minmax(16rem, 1fr))').classes('w-full gap-x-4'):
            name = ui.input(_('Nom'), value=form.name).mark(f'{marker}-name')
            signer = ui.input(_('Signataire pour l’université'), value=form.representative_name)
            function = ui.input(_('Fonction du signataire'), value=form.representative_function)
            email = ui.input(_('E-mail du bureau des stages'), value=form.internship_office_email).mark(
                f'{marker}-email'
            )
            phone = ui.input(_('Téléphone du bureau des stages'), value=form.internship_office_phone)
        ui.label(_('Circuit de validation (validations requises, dans l’ordre)')).classes('font-medium mt-2')
        circuit = CircuitEditor(form.circuit, f'{marker}-circuit')
        with ui.row().classes('items-end gap-3 mt-2'):
            day = ui.number(_('Changement d’année : jour'), value=form.switch_day, min=1, max=31, precision=0)
            day.classes('w-48').mark(f'{marker}-switch-day')
            month = Select(dict(enumerate(MONTHS, start=1)), label=_('mois'), value=form.switch_month)
            month.classes('w-40').mark(f'{marker}-switch-month')
            alert = ui.number(
                _('Alerte avant le début (jours)'), value=form.alert_days_before_start, min=0, precision=0
            )
            alert.classes('w-56').mark(f'{marker}-alert')
        overlap = ui.checkbox(_('Stages qui se chevauchent autorisés'), value=form.overlap_allowed)
        overlap.mark(f'{marker}-overlap')
        prints = ui.checkbox(
            _('Les étudiants impriment avant la validation'), value=form.students_print_before_validation
        )
        amends = ui.checkbox(_('Les étudiants créent leurs avenants'), value=form.students_create_amendments)

        async def save() -> None:
            data = replace(
                form,
                name=name.value or '',
                representative_name=signer.value or '',
                representative_function=function.value or '',
                internship_office_email=email.value or '',
                internship_office_phone=phone.value or '',
                circuit=circuit.circuit,
                switch_day=int(day.value or 0),
                switch_month=int(month.value or 0),
                alert_days_before_start=int(alert.value if alert.value is not None else -1),
                overlap_allowed=bool(overlap.value),
                students_print_before_validation=bool(prints.value),
                students_create_amendments=bool(amends.value),
            )
            try:
                await in_thread(admin_composantes.update_composante, actor, composante_id, data)
            except (ValueError, LookupError) as refused:
                ui.notify(str(refused), type='warning')
                return
            ui.notify(_('Réglages de {code} enregistrés.', code=code), type='positive')

        ui.button(_('Enregistrer'), icon='save', on_click=save).mark(f'{marker}-save')


@protected_page(admin_path('composantes'), title='Composantes', needs_any=(Action.ADMINISTER,))
async def composantes_page(actor: Actor) -> None:
    back_link()
    for composante in await in_thread(admin_queries.composantes, actor):
        form = await in_thread(admin_composantes.composante_form, actor, composante.id)
        _settings_card(actor, composante.id, composante.code, form)
