"""Avenants (guide section II): « création d'un avenant rectifiant la convention n°… », its recap (« Récapitulatif
de l'avenant »), « modifier » until validated, « Validation » by staff, and printing in 3 copies.

/conventions/{id}/avenant — create · /avenants/{id} — recap · /avenants/{id}/modifier — modify
"""

from nicegui import events, ui

from auth.guard import protected_page
from components.amendment_form import AmendmentForm
from components.display import field_grid, fr_datetime, not_found, section_title
from components.print_buttons import PrintButtons
from pages.background import in_thread
from services import amendment_views, amendments, documents
from services.actor import Actor
from services.amendments import AmendmentError, AmendmentRejected, SavedAmendment
from services.i18n import _
from services.permissions import Action, PermissionDenied


def _problem(message: str, back: str) -> None:
    with ui.card().classes('w-full').mark('amendment-problem'):
        ui.label(message).classes('text-negative')
        ui.link(_('Revenir à la convention'), back)


def _current_terms(choices: amendment_views.FormChoices) -> None:
    with ui.expansion(_('Convention en vigueur'), icon='description').classes('w-full').mark('current-terms'):
        field_grid(choices.terms.rows)


async def _submit(event: events.ClickEventArguments, form: AmendmentForm, call: object) -> SavedAmendment | None:
    """Run the save; keep every typed value in the form and show what to fix when it is refused."""
    button = event.sender
    assert isinstance(button, ui.button)
    button.disable()
    try:
        saved: SavedAmendment = await in_thread(call)  # type: ignore[arg-type]
    except AmendmentRejected as rejected:
        form.show_errors(rejected.errors)
        return None
    except (AmendmentError, PermissionDenied) as refused:
        form.show_errors({'form': str(refused)})
        return None
    finally:
        if not button.is_deleted:
            button.enable()
    for warning in saved.warnings.values():
        ui.notify(warning, type='warning', multi_line=True)
    return saved


@protected_page(
    '/conventions/{convention_id:int}/avenant', title='Créer un avenant', needs_any=(Action.AMENDMENT_CREATE,)
)
async def create_amendment_page(actor: Actor, convention_id: int) -> None:
    back = f'/conventions/{convention_id}?onglet=avenants'
    try:
        tab = await in_thread(amendment_views.amendments_tab, actor, convention_id)
        choices = await in_thread(amendment_views.form_choices, actor, convention_id)
    except AmendmentError as refused:  # a refusal by the policy is the guard's 403
        _problem(str(refused), back)
        return
    if tab.refusal:
        _problem(tab.refusal, back)
        return
    ui.label(_("Création d'un avenant rectifiant la convention n° {number}", number=choices.convention_number)).classes(
        'text-xl font-semibold'
    ).mark('amendment-title')
    ui.label(_('NB : les items précédés d’un * sont obligatoires.')).classes('text-grey-8')
    _current_terms(choices)
    form = AmendmentForm(choices)

    async def create(event: events.ClickEventArguments) -> None:
        saved = await _submit(event, form, lambda: amendments.create_amendment(actor, convention_id, form.values()))
        if saved is not None:
            ui.notify(_("L'avenant n° {number} a été créé.", number=saved.number), type='positive')
            ui.navigate.to(f'/avenants/{saved.id}')

    with ui.row().classes('gap-2'):
        ui.button(_("Créer l'avenant"), icon='note_add', on_click=create).mark('amendment-submit')
        ui.link(_('Annuler'), back)


@protected_page('/avenants/{amendment_id:int}', title="Récapitulatif de l'avenant")
async def amendment_recap_page(actor: Actor, amendment_id: int) -> None:
    try:
        detail = await in_thread(amendment_views.amendment_detail, actor, amendment_id)
    except (AmendmentError, PermissionDenied) as missing:
        not_found(str(missing), back_label=_('Retour aux conventions de stage'), back_path='/conventions')
        return
    with ui.row().classes('items-center gap-3 flex-wrap').mark('amendment-header'):
        ui.label(_("Récapitulatif de l'avenant n° {number}", number=detail.number)).classes('text-xl font-semibold')
        ui.badge(_(detail.status_label)).props('color=primary').mark('amendment-status')
    ui.link(
        _('Convention n° {number}', number=detail.convention_number),
        f'/conventions/{detail.convention_id}?onglet=avenants',
    )
    with ui.card().classes('w-full'):
        field_grid(
            [
                (_('Motif de la modification'), detail.motif),
                (_('Créé par'), detail.created_by),
                (_('Créé le'), fr_datetime(detail.created_at)),
            ]
        )
    with ui.card().classes('w-full').mark('amendment-changes'):
        section_title(_('Modifications : avant → après'))
        for change in detail.changes:
            with ui.row().classes('gap-2 items-baseline').mark('amendment-change'):
                ui.label(change.label).classes('font-medium w-56')
                ui.label(change.before).classes('text-grey-8')
                ui.label('→')
                ui.label(change.after).classes('font-medium')
    with ui.row().classes('gap-2 items-center flex-wrap').mark('amendment-actions'):
        if detail.can_edit:
            ui.button(
                _('Modifier'), icon='edit', on_click=lambda: ui.navigate.to(f'/avenants/{amendment_id}/modifier')
            ).props('outline').mark('amendment-modify')
            ui.button(_("Supprimer l'avenant"), icon='delete', on_click=lambda: _delete(actor, amendment_id)).props(
                'outline color=negative'
            ).mark('amendment-delete')
        if detail.can_validate:
            ui.button(
                _('Validation'), icon='task_alt', on_click=lambda: _validate(actor, amendment_id, detail.version)
            ).mark('amendment-validate')
        if not detail.can_edit:
            ui.label(_("L'avenant est validé : il ne peut plus être modifié.")).classes('text-grey-8').mark(
                'amendment-locked'
            )
    PrintButtons(
        lambda _document, language: documents.amendment_print_job(actor, amendment_id, language),
        documents=(('avenant', "l'avenant"),),
        copies_note=False,
    )
    ui.label(_("NB : l'avenant doit être imprimé en 3 exemplaires tout comme la convention.")).classes(
        'text-sm text-grey-8'
    )


async def _validate(actor: Actor, amendment_id: int, version: int) -> None:
    try:
        saved = await in_thread(amendments.validate_amendment, actor, amendment_id, version=version)
    except (AmendmentError, PermissionDenied) as refused:
        ui.notify(str(refused), type='negative', multi_line=True, close_button=True)
        return
    ui.notify(_("L'avenant n° {number} est validé.", number=saved.number), type='positive')
    ui.navigate.to(f'/avenants/{amendment_id}')


async def _delete(actor: Actor, amendment_id: int) -> None:
    with ui.dialog() as dialog, ui.card().mark('amendment-delete-dialog'):
        ui.label(_("Voulez-vous supprimer l'avenant ?"))
        with ui.row():
            ui.button(_('Oui, supprimer'), on_click=lambda: dialog.submit(True)).props('color=negative').mark(
                'amendment-delete-confirm'
            )
            ui.button(_('Non'), on_click=lambda: dialog.submit(False)).props('flat')
    if not await dialog:
        return
    try:
        convention_id = await in_thread(amendments.delete_amendment, actor, amendment_id)
    except (AmendmentError, PermissionDenied) as refused:
        ui.notify(str(refused), type='negative')
        return
    ui.navigate.to(f'/conventions/{convention_id}?onglet=avenants')


@protected_page(
    '/avenants/{amendment_id:int}/modifier', title="Modifier l'avenant", needs_any=(Action.AMENDMENT_CREATE,)
)
async def modify_amendment_page(actor: Actor, amendment_id: int) -> None:
    try:
        detail, values = await in_thread(amendment_views.amendment_form, actor, amendment_id)
        choices = await in_thread(amendment_views.form_choices, actor, detail.convention_id)
    except AmendmentError as refused:  # a refusal by the policy is the guard's 403
        _problem(str(refused), '/conventions')
        return
    if not detail.can_edit:
        _problem(_("L'avenant n° {number} est validé : il ne peut plus être modifié.", number=detail.number),
                 f'/avenants/{amendment_id}')  # fmt: skip
        return
    ui.label(_("Modification de l'avenant n° {number}", number=detail.number)).classes('text-xl font-semibold')
    _current_terms(choices)
    form = AmendmentForm(choices, values)

    async def save(event: events.ClickEventArguments) -> None:
        saved = await _submit(
            event, form, lambda: amendments.update_amendment(actor, amendment_id, form.values(), version=detail.version)
        )
        if saved is not None:
            ui.notify(_("L'avenant n° {number} a été modifié.", number=saved.number), type='positive')
            ui.navigate.to(f'/avenants/{amendment_id}')

    with ui.row().classes('gap-2'):
        ui.button(_('Enregistrer les modifications'), icon='save', on_click=save).mark('amendment-save')
        ui.link(_('Annuler'), f'/avenants/{amendment_id}')
