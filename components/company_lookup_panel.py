"""The company-register panel of the établissement form: a SIRET or a name fetches official data to prefill it.

Shown only when the instance enables the lookup. The page gives the lookup coroutine (the service behind
run.io_bound); a SIRET of 14 digits typed in the form's SIRET field asks too. Nothing is filled until the
user picks a result; when the register cannot be reached the panel says so and the form works as usual.
"""

from collections.abc import Awaitable, Callable

from nicegui import background_tasks, ui

from services.company_lookup import CompanyFacts, LookupUnavailable
from services.i18n import _
from services.identifiers import compact_siret, format_siret
from services.organisation_input import OrganisationInput

LookupCompany = Callable[[str], Awaitable[list[CompanyFacts]]]
Apply = Callable[[OrganisationInput], None]


class CompanyLookupPanel(ui.card):
    def __init__(self, lookup: LookupCompany) -> None:
        super().__init__()
        self._lookup = lookup
        self._apply: Apply | None = None
        self._last_siret = ''
        self.classes('w-full bg-blue-1 gap-1').props('flat bordered').mark('org-lookup-panel')
        with self:
            ui.label(_('Rechercher dans le répertoire des entreprises (données officielles)')).classes('font-medium')
            with ui.row().classes('w-full items-end gap-2 no-wrap'):
                self.query = (
                    ui.input(_('SIRET, SIREN ou nom de l’entreprise'))
                    .classes('grow')
                    .props('clearable')
                    .mark('org-lookup')
                )
                ui.button(_('Rechercher'), icon='travel_explore', on_click=self.run).props('outline').mark(
                    'org-lookup-run'
                )
            self.status = ui.label('').classes('text-sm').props('aria-live=polite').mark('org-lookup-status')
            self.results = ui.column().classes('w-full gap-1').mark('org-lookup-results')
        self.query.on('keydown.enter', self.run)

    def connect(self, siret_field: ui.input, apply: Apply) -> None:
        """`apply` fills the form; a full SIRET typed in `siret_field` runs the lookup by itself."""
        self._apply = apply
        siret_field.on_value_change(lambda event: self._siret_typed(str(event.value or '')))

    def _siret_typed(self, typed: str) -> None:
        digits = compact_siret(typed)
        if len(digits) == 14 and digits.isdigit() and digits != self._last_siret:
            self._last_siret = digits
            self.query.value = digits
            background_tasks.create(self.run(), name='company lookup')

    async def run(self) -> None:
        text = str(self.query.value or '').strip()
        self.results.clear()
        if len(text) < 3:
            self.status.set_text(_('Saisissez un SIRET, un SIREN ou au moins 3 lettres du nom.'))
            return
        self.status.set_text(_('Recherche dans le répertoire…'))
        try:
            found = await self._lookup(text)
        except LookupUnavailable as unavailable:
            self.status.set_text(str(unavailable))
            self.status.classes(add='text-negative')
            return
        self.status.classes(remove='text-negative')
        self.status.set_text(
            _('{count} résultat(s) dans le répertoire.', count=len(found))
            if found
            else _('Aucune entreprise trouvée dans le répertoire : vérifiez le SIRET ou saisissez les informations.')
        )
        with self.results:
            for facts in found:
                self._draw(facts)

    def _draw(self, facts: CompanyFacts) -> None:
        with ui.row().classes('w-full items-center gap-2').mark(f'org-lookup-result org-lookup-result-{facts.siret}'):
            with ui.column().classes('gap-0 grow'):
                ui.label(f'{facts.name} — {format_siret(facts.siret)}').classes('font-medium')
                ui.label(f'{facts.address}, {facts.postal_code} {facts.city} — NAF {facts.naf_code or "?"}').classes(
                    'text-sm'
                )
                if not facts.open:
                    since = facts.closed_on.strftime('%d/%m/%Y') if facts.closed_on else '?'
                    ui.label(_('Établissement fermé selon le répertoire (depuis le {date}).', date=since)).classes(
                        'text-sm text-negative'
                    ).mark('org-lookup-closed')
            ui.button(_('Utiliser ces informations'), on_click=lambda: self._use(facts)).props('flat').mark(
                f'org-lookup-use org-lookup-use-{facts.siret}'
            )

    def _use(self, facts: CompanyFacts) -> None:
        if self._apply is None:
            return
        self._last_siret = facts.siret
        self._apply(facts.form_values())
        message = _('Informations reprises du répertoire : vérifiez-les, puis complétez le formulaire.')
        if not facts.open:
            message += ' ' + _('Attention : le répertoire indique cet établissement comme fermé.')
        self.status.set_text(message)


def company_lookup_panel(lookup: LookupCompany) -> CompanyLookupPanel:
    return CompanyLookupPanel(lookup)
