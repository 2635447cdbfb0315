"""Étape 8 « Récapitulatif »: everything, grouped by step, each group with « Modifier »; then « Créer ».

For a convention being modified, « Enregistrer les modifications » replaces « Créer ».
"""

import functools

from nicegui import events, ui

from pages.wizard.deletion import confirm_deletion
from pages.wizard.recap_rows import Rows, content_rows, draw_rows, party_rows, student_rows
from pages.wizard.state import Section, Wizard
from services import conventions, drafts, edit_conflicts
from services.conventions import ConventionConflict, ConventionRejected, CreatedConvention
from services.drafts import WizardError
from services.edit_conflicts import Reapplied
from services.i18n import _
from services.rules.catalog import STEP_TITLES


def groups(wizard: Wizard) -> list[tuple[int, Rows]]:
    return [
        (1, student_rows(wizard)),
        (2, party_rows(wizard, 'organisation_id', _("Établissement d'accueil"))),
        (3, party_rows(wizard, 'service_id', _("Service d'accueil"))),
        (4, party_rows(wizard, 'tutor_id', _('Tuteur professionnel'))),
        (5, content_rows(wizard)),
        (6, party_rows(wizard, 'referent_id', _('Responsable pédagogique'))),
        (7, party_rows(wizard, 'signatory_id', _('Signataire'))),
    ]


class RecapStep(Section):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard, 8)

    async def draw(self) -> None:
        wizard = self.wizard
        ui.label(
            _(
                'Relisez attentivement l’ensemble des informations avant de cliquer sur « {action} ».',
                action=self.action,
            )
        )
        for step, rows in groups(wizard):
            with ui.card().classes('w-full').mark(f'recap-group recap-group-{step}'):
                with ui.row().classes('w-full items-center'):
                    ui.label(f'{step}. {_(STEP_TITLES[step])}').classes('text-lg font-semibold').props(
                        'role=heading aria-level=2'
                    )
                    ui.space()
                    ui.button(_('Modifier'), icon='edit', on_click=functools.partial(wizard.go, step)).props(
                        'flat'
                    ).mark(f'recap-edit recap-edit-{step}')
                draw_rows(rows, f'recap-rows-{step}')
        self.problems = ui.column().classes('w-full gap-1').props('role=alert').mark('recap-errors')
        with ui.row().classes('gap-2'):
            if wizard.editing:
                ui.button(_('Enregistrer les modifications'), icon='save', on_click=self.finish).mark('wizard-save')
                ui.button(_('Abandonner les modifications'), icon='undo', on_click=self.abandon).props('flat').mark(
                    'wizard-abandon'
                )
                assert wizard.draft.convention_id is not None
                ui.button(
                    _('Supprimer la convention'),
                    icon='delete',
                    on_click=functools.partial(
                        confirm_deletion, wizard.actor, wizard.draft.convention_id, wizard.draft.convention_number or ''
                    ),
                ).props('flat color=negative').mark('wizard-delete')
            else:
                ui.button(_('Créer'), icon='task_alt', on_click=self.finish).mark('wizard-create')

    @property
    def action(self) -> str:
        return _('Enregistrer les modifications') if self.wizard.editing else _('Créer')

    async def finish(self, event: events.ClickEventArguments) -> None:
        button = event.sender
        assert isinstance(button, ui.button)
        button.disable()  # a double click must not try to create twice
        try:
            await self._finish()
        finally:
            if not button.is_deleted:
                button.enable()

    async def _finish(self) -> None:
        wizard = self.wizard
        self.problems.clear()
        try:
            if wizard.editing:
                saved: CreatedConvention = await wizard.call(conventions.save_edit, wizard.draft.id)
            else:
                saved = await wizard.call(conventions.create_from_draft, wizard.draft.id)
        except ConventionRejected as rejected:
            with self.problems:
                for message in rejected.errors.values():
                    ui.label(message).classes('text-negative')
            return
        except ConventionConflict as conflict:
            with self.problems:
                ui.label(str(conflict)).classes('text-negative').mark('wizard-conflict')
                ui.button(
                    _('Repartir de la version actuelle en reportant mes modifications'),
                    icon='sync',
                    on_click=self.reapply,
                ).mark('wizard-reapply')
            return
        except WizardError as refused:
            with self.problems:
                ui.label(str(refused)).classes('text-negative')
            return
        if wizard.editing:
            ui.notify(_('La convention n° {number} a été modifiée.', number=saved.number), type='positive')
            ui.navigate.to(f'/conventions/{saved.id}')
            return
        show_created(wizard, saved)

    async def reapply(self) -> None:
        """Optimistic lock: reload the saved version with this person's changes re-applied, then save again."""
        try:
            reapplied: Reapplied = await self.wizard.call(edit_conflicts.reapply_on_current, self.wizard.draft.id)
        except WizardError as refused:
            ui.notify(str(refused), type='negative', multi_line=True)
            return
        if reapplied.both_changed:
            ui.notify(
                _(
                    'Modifiés aussi par l’autre personne, votre saisie est gardée : {fields}. Vérifiez-les.',
                    fields=', '.join(reapplied.both_changed),
                ),
                type='warning',
                multi_line=True,
            )
        ui.navigate.to(f'/conventions/{reapplied.convention_id}/modifier?etape=8')

    async def abandon(self) -> None:
        convention_id = self.wizard.draft.convention_id
        await self.wizard.call(drafts.discard, self.wizard.draft.id)
        ui.navigate.to(f'/conventions/{convention_id}')


def show_created(wizard: Wizard, created: CreatedConvention) -> None:
    """The guide's message, in place of the wizard (the draft no longer exists)."""
    wizard.root.clear()
    with wizard.root, ui.card().classes('w-full').mark('convention-created'):
        message = _('La convention n° {number} a été créée. Pensez à noter ce numéro.', number=created.number)
        ui.label(message).classes('text-xl font-semibold text-positive').props('role=status').mark('created-message')
        with ui.row().classes('gap-2'):
            ui.button(
                _('Voir le récapitulatif'),
                icon='description',
                on_click=lambda: ui.navigate.to(f'/conventions/{created.id}'),
            ).mark('created-recap')
            ui.button(
                _('Visualiser mes conventions de stage'), on_click=lambda: ui.navigate.to('/conventions/mes')
            ).props('outline')
