"""The offer's fields (product spec « Offres de stage »), shared by the staff's form and the host's signed-link form.

Markers are `offer-<field>`; `values()` gives what the services check, `show_errors()` puts each refusal
next to its field. Lists come from the page (services, contacts of the chosen host; nomenclatures).
"""

from typing import Any

from nicegui import ui

from components.choice import Select
from components.date_field import fr_date_input, read_fr_date
from components.form_fields import FormFields, required
from services.i18n import _
from services.offer_input import OfferChoices, OfferInput


class OfferForm:
    def __init__(
        self,
        choices: OfferChoices,
        services: dict[int, str],
        contacts: dict[int, str],
        initial: OfferInput | None = None,
        *,
        publication: bool = True,  # staff set the window; a host's offer gets it at moderation
    ) -> None:
        data = initial or OfferInput()
        form = self.form = FormFields('offer')
        self.publication = publication
        with ui.column().classes('w-full gap-1').mark('offer-form'):
            form.add('title', ui.input(required(_('Intitulé du stage')), value=data.title).classes('w-full'))
            with ui.grid(columns=2).classes('w-full gap-x-4 gap-y-1 max-sm:grid-cols-1'):
                self._select('service_id', services, data.service_id, _("Service d'accueil"))
                self._select('contact_id', contacts, data.contact_id, _('Contact pour candidater'))
                if len(choices.composantes) > 1:
                    self._select('composante_id', choices.composantes, data.composante_id, _('Composante'), clear=False)
                self._select('thematique_code', choices.thematiques, data.thematique_code, _('Domaine (thématique)'))
                self._select('study_level', choices.study_levels, data.study_level, _("Niveau d'études visé"))
            for name, label, value in (
                ('description', required(_('Description')), data.description),
                ('missions', _('Missions'), data.missions),
                ('profile', _('Profil recherché, compétences'), data.profile),
            ):
                form.add(name, ui.textarea(label, value=value).classes('w-full').props('autogrow'))
            ui.label(_('Lieu')).classes('font-medium')
            with ui.grid(columns=3).classes('w-full gap-x-4 gap-y-1 max-sm:grid-cols-1'):
                form.add('city', ui.input(_('Commune'), value=data.city))
                self._select('departement_code', choices.departements, data.departement_code, _('Département'))
                country = data.country_code if data.country_code in choices.countries else 'FR'
                self._select('country_code', choices.countries, country, _('Pays'), clear=False)
            ui.label(_('Dates et conditions')).classes('font-medium')
            with ui.row().classes('w-full items-center gap-4'):
                form.add('start_date', fr_date_input(_('Début'), _as_date(data.start_date)))
                weeks = ui.number(_('Durée (semaines)'), value=data.duration_weeks, min=1, max=52, precision=0)
                form.add('duration_weeks', weeks.classes('w-40'))
                form.add('remote_possible', ui.checkbox(_('Télétravail possible'), value=data.remote_possible))
                form.add('gratified', ui.checkbox(_('Gratifiée'), value=data.gratified))
                amount = ui.input(_('Montant mensuel (€)'), value=data.gratification_amount, placeholder='650,00')
                form.add('gratification_amount', amount.classes('w-40'))
            form.add('how_to_apply', ui.textarea(_('Pour candidater'), value=data.how_to_apply).classes('w-full'))
            if publication:
                ui.label(_('Publication')).classes('font-medium')
                with ui.row().classes('gap-4'):
                    form.add('publish_from', fr_date_input(_('Publiée à partir du'), _as_date(data.publish_from)))
                    form.add('publish_until', fr_date_input(_("Publiée jusqu'au"), _as_date(data.publish_until)))

    def _select(self, name: str, options: dict[Any, str], value: Any, label: str, *, clear: bool = True) -> None:
        chosen = value if value in options else None
        self.form.add(name, Select(options, value=chosen, label=label, with_input=len(options) > 15, clearable=clear))

    def values(self) -> OfferInput:
        form = self.form

        def value(name: str) -> Any:
            return form.value(name) if name in form.fields else None

        weeks = value('duration_weeks')
        return OfferInput(
            title=form.text('title'),
            service_id=value('service_id'),
            contact_id=value('contact_id'),
            composante_id=value('composante_id'),
            description=form.text('description'),
            missions=form.text('missions'),
            profile=form.text('profile'),
            thematique_code=form.text('thematique_code'),
            city=form.text('city'),
            departement_code=form.text('departement_code'),
            country_code=form.text('country_code') or 'FR',
            start_date=read_fr_date(value('start_date')),
            duration_weeks=int(weeks) if isinstance(weeks, int | float) else None,
            remote_possible=bool(value('remote_possible')),
            gratified=bool(value('gratified')),
            gratification_amount=form.text('gratification_amount'),
            study_level=form.text('study_level'),
            how_to_apply=form.text('how_to_apply'),
            publish_from=read_fr_date(value('publish_from')),
            publish_until=read_fr_date(value('publish_until')),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)


def _as_date(value: object) -> Any:
    return value if hasattr(value, 'strftime') else None
