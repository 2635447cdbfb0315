"""Étape 1 « Étudiant »: directory identity (read-only), contact data, sécurité sociale, then the offer question.

Three phases, as in the guide: the form and « Valider »; the confirmation and « Valider »; then
« Votre stage est-il en rapport avec une offre ? » (an offer → step 3, « NON » → step 2).
"""

from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui

from components.choice import Select
from components.display import field_grid
from components.form_fields import FormFields, required
from components.fuzzy_search import FuzzySearch, SearchResult
from pages.wizard.state import Autosave, Section, Wizard
from services import drafts, wizard_lookup
from services.drafts import WizardError
from services.i18n import N_, _
from services.offer_queries import OfferNotFound, get_offer

CONTACT_FIELDS = {
    'student_email': N_('E-mail institutionnel'),
    'student_personal_email': N_('E-mail personnel'),
    'student_phone': N_('Téléphone'),
    'student_address': N_('Adresse postale'),
    'student_postal_code': N_('Code postal'),
    'student_city': N_('Commune'),
}
REQUIRED = {'student_email'}


def identity_rows(wizard: Wizard) -> list[tuple[str, str]]:
    draft = wizard.draft
    return [
        (_('Nom'), draft.student_name),
        (_('N° étudiant'), draft.student_number),
        (_('Date de naissance'), draft.birth_date.strftime('%d/%m/%Y')),
        (_('Sexe'), draft.sex),
        (_('Composante'), draft.composante_name),
        (_('Formation'), draft.formation_label),
        (_('Étape'), draft.etape_label or '—'),
        (_('Année universitaire'), draft.academic_year),
        (_("Volume horaire annuel d'enseignement"), f'{wizard.data.get("formation_yearly_hours") or "—"} h'),
    ]


class StudentStep(Section):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard, 1)
        self.phase = 'form'  # then 'confirm', then 'offer'

    async def draw(self) -> None:
        if self.phase == 'offer':
            await self.draw_offer_question()
            return
        ui.label(
            _(
                "L'application a repris les informations de l'annuaire universitaire. Vérifiez-les ; "
                'corrigez vos coordonnées si nécessaire.'
            )
        )
        with ui.card().classes('w-full').mark('student-identity'):
            field_grid(identity_rows(self.wizard)).mark('student-identity-rows')
        if self.phase == 'confirm':
            self.draw_confirmation()
        else:
            self.draw_form()

    def draw_form(self) -> None:
        data, draft = self.wizard.data, self.wizard.draft
        form = FormFields('student')
        with ui.grid(columns=2).classes('w-full gap-x-4 gap-y-1 max-sm:grid-cols-1'):
            for key, label in CONTACT_FIELDS.items():
                text = required(_(label)) if key in REQUIRED else _(label)
                form.add(key, ui.input(text, value=str(data.get(key) or '')))
            form.add(
                'student_country_code',
                Select(
                    self.wizard.organisation_choices.countries,
                    value=data.get('student_country_code') or 'FR',
                    label=_('Pays'),
                    with_input=True,
                ),
            )
        ui.label(_('Sécurité sociale')).classes('text-lg font-semibold mt-2')
        affiliated = ui.checkbox(
            _('Je suis affilié(e) à la sécurité sociale française'),
            value=bool(data.get('social_security_affiliation', True)),
        ).mark('student-social_security_affiliation')
        form.add(
            'health_insurance_fund',
            ui.input(
                required(_("Caisse d'assurance maladie")),
                value=str(data.get('health_insurance_fund') or ''),
                placeholder=_('ex. CPAM de la Côte-d’Or, 8 rue du Docteur Maret, Dijon'),
            ).classes('w-full'),
        )
        hint = _('Déjà enregistré : {masked}. Saisissez-le à nouveau pour le changer.', masked=draft.nir_masked)
        nir = form.add(
            'nir',
            ui.input(
                required(_('N° de sécurité sociale (15 caractères, clé comprise)')),
                value=draft.nir_input or '',
                password=True,
                password_toggle_button=True,
            )
            .props('autocomplete=off')
            .classes('w-full'),  # its long label must stay readable in full
        )
        if draft.nir_masked:
            nir.props['hint'] = hint
            ui.label(_('N° de sécurité sociale enregistré : {masked}', masked=draft.nir_masked)).mark('nir-masked')

        def collect() -> dict[str, Any]:
            values: dict[str, Any] = {key: form.value(key) for key in (*CONTACT_FIELDS, 'student_country_code')}
            values['social_security_affiliation'] = bool(affiliated.value)
            values['health_insurance_fund'] = form.text('health_insurance_fund')
            if form.text('nir'):  # an empty box keeps the NIR already saved
                values['nir'] = form.text('nir')
            return values

        autosave = Autosave(self.wizard, 1, collect)
        for element in (*form.fields.values(), affiliated):
            element.on_value_change(autosave.changed)

        async def validate() -> None:
            autosave.cancel()
            values = collect()
            result = await self.wizard.save(1, values)
            form.show_errors(result.errors)
            if result.ok:
                self.phase = 'confirm'
                await self.refresh()

        ui.button(_('Valider'), icon='check', on_click=validate).mark('step1-validate')

    def draw_confirmation(self) -> None:
        data = self.wizard.data
        ui.label(_('Confirmez les informations saisies en cliquant sur « Valider ».')).classes('font-medium')
        rows = [(_(label), str(data.get(key) or '')) for key, label in CONTACT_FIELDS.items()]
        rows += [
            (_("Caisse d'assurance maladie"), str(data.get('health_insurance_fund') or '')),
            (_('N° de sécurité sociale'), self.wizard.draft.nir_masked or '—'),
        ]
        with ui.card().classes('w-full').mark('student-confirmation'):
            field_grid(rows).mark('student-confirmation-rows')

        async def back() -> None:
            self.phase = 'form'
            await self.refresh()

        async def confirm() -> None:
            self.phase = 'offer'
            await self.refresh()

        with ui.row().classes('gap-2'):
            ui.button(_('Modifier'), icon='edit', on_click=back).props('outline').mark('step1-back')
            ui.button(_('Valider'), icon='check', on_click=confirm).mark('step1-confirm')

    async def draw_offer_question(self) -> None:
        wizard = self.wizard
        ui.label(_('Votre stage est-il en rapport avec une offre ?')).classes('text-lg font-semibold').props(
            'role=heading aria-level=2'
        )
        ui.label(
            _(
                "Si votre stage correspond à une offre diffusée par l'université, saisissez son numéro, "
                'la raison sociale de l’établissement ou un mot clé, puis choisissez-la : vous irez directement '
                "à l'étape 3. Sinon, cliquez sur « NON »."
            )
        )

        async def choose(offer_id: int) -> None:
            try:
                draft = await wizard.call(drafts.apply_offer, wizard.draft.id, offer_id)
            except WizardError as refused:
                wizard.notify(str(refused), kind='negative')
                return
            for section in wizard.sections.values():
                if isinstance(section, StudentStep):
                    section.phase = 'form'
            wizard.replace_draft(draft)
            wizard.notify(_("L'offre a été liée à votre convention."))
            await wizard.move_on(3)

        if wizard.offer_id is not None:
            await self.draw_proposed_offer(wizard.offer_id, choose)

        async def search(text: str) -> list[SearchResult]:
            offers = await wizard.call(wizard_lookup.find_published_offers, text)
            return [
                SearchResult(
                    key=str(offer.id),
                    title=f'{offer.number} — {offer.title}',
                    lines=(f'{offer.organisation_name} — {offer.place}',),
                    value=offer.id,
                )
                for offer in offers
            ]

        FuzzySearch(
            search,
            lambda result: choose(int(result.value)),
            label=_("N° de l'offre, raison sociale ou mot clé"),
            marker='offer-search',
        )

        async def no_offer() -> None:
            self.phase = 'form'
            await wizard.move_on(2, 1)

        ui.button(_('NON'), icon='arrow_forward', on_click=no_offer).props('outline').mark('offer-no')

    async def draw_proposed_offer(self, offer_id: int, choose: Callable[[int], Awaitable[None]]) -> None:
        """The offer the student came from (« Utiliser pour ma convention »), if it is still published."""
        try:
            offer = (await self.wizard.call(get_offer, offer_id)).summary
        except OfferNotFound:
            return
        with ui.card().classes('w-full').mark('proposed-offer'):
            ui.label(_('Offre n° {number} — {title}', number=offer.number, title=offer.title))
            ui.label(offer.organisation_name).classes('text-grey-8')
            ui.button(_('Lier cette offre et continuer'), on_click=lambda: choose(offer.id)).mark('proposed-offer-use')
