"""The tabs of a convention's page (/conventions/{id}): « Récapitulatif », « Validation », « Signatures »,
« Avenants », « Historique ». Staff and teachers get all of them; a student the recap, signatures and avenants.

`convention_tabs()` draws the tab bar and returns the recap's panel for the page to fill; the other panels are
drawn when first opened (most visits read the recap only: four service calls and their elements spared).
Each action calls its service in a thread, then reloads the page on the same tab.
"""

from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial

from nicegui import events, ui

from components.display import empty_state, field_grid, fr_date, fr_datetime
from components.history_list import history_list
from pages.background import in_thread
from services import amendment_views, history, signatures, validations
from services.actor import Actor
from services.amendments import AmendmentError
from services.convention_detail import ConventionDetail
from services.i18n import _
from services.permissions import Action, PermissionDenied, Target, can
from services.rules.fields import FieldError, parse_date
from services.signatures import SignatureRefused
from services.uploads import UploadRejected
from services.validations import ValidationRefused

TABS = {
    'recapitulatif': 'Récapitulatif',
    'validation': 'Validation',
    'signatures': 'Signatures',
    'avenants': 'Avenants',
    'historique': 'Historique',
}
REFUSALS = (ValidationRefused, SignatureRefused, AmendmentError, PermissionDenied, UploadRejected)


def visible_tabs(actor: Actor, detail: ConventionDetail) -> list[str]:
    target = Target(detail.composante_id, detail.student_id, detail.referent_id)
    shown = ['recapitulatif']
    if any(can(actor, action, target) for action in (Action.VALIDATE_PEDAGOGICAL, Action.VALIDATE_ADMINISTRATIVE)):
        shown.append('validation')
    shown += ['signatures', 'avenants']
    if can(actor, Action.CONVENTION_SEARCH, target):
        shown.append('historique')
    return shown


def reload(convention_id: int, tab: str) -> None:
    ui.navigate.to(f'/conventions/{convention_id}?onglet={tab}')


async def attempt(action: Callable[[], object], done: Callable[[object], Awaitable[None] | None]) -> None:
    """Run a service call in a thread; a refusal is shown as is, nothing else happens."""
    try:
        result = await in_thread(action)
    except REFUSALS as refused:
        ui.notify(str(refused), type='negative', multi_line=True, close_button=True)
        return
    outcome = done(result)
    if outcome is not None:
        await outcome


async def convention_tabs(actor: Actor, detail: ConventionDetail, selected: str) -> ui.tab_panel:
    shown = visible_tabs(actor, detail)
    selected = selected if selected in shown else 'recapitulatif'
    contents: dict[str, Callable[[], Awaitable[None]]] = {
        'validation': partial(validation_panel, actor, detail.id),
        'signatures': partial(signatures_panel, actor, detail.id),
        'avenants': partial(amendments_panel, actor, detail.id),
        'historique': partial(history_panel, actor, detail.id),
    }
    panels: dict[str, ui.tab_panel] = {}

    async def draw(key: str) -> None:
        if key not in panels:  # the recap, or a tab this person is not shown
            return
        draw_content = contents.pop(key, None)  # once: the panels are kept alive when another tab is opened
        if draw_content is not None:
            with panels[key]:
                await draw_content()

    async def opened(event: events.ValueChangeEventArguments) -> None:
        await draw(str(event.value))

    with ui.tabs().classes('w-full').props('align=left').mark('convention-tabs') as tabs:
        for key in shown:
            ui.tab(key, label=_(TABS[key])).mark(f'tab-{key}')
    with ui.tab_panels(tabs, value=selected, on_change=opened).classes('w-full').props('keep-alive'):
        recap = ui.tab_panel('recapitulatif').classes('p-0 gap-4')
        for key in shown[1:]:
            panels[key] = ui.tab_panel(key).mark(f'panel-{key}')
    await draw(selected)
    return recap


async def history_panel(actor: Actor, convention_id: int) -> None:
    history_list(await in_thread(history.convention_history, actor, convention_id))


async def validation_panel(actor: Actor, convention_id: int) -> None:
    panel = await in_thread(validations.validation_panel, actor, convention_id)
    ui.label(_('Statut : {status}', status=_(panel.status_label))).classes('font-medium').mark('validation-status')
    for step in panel.steps:
        with ui.card().classes('w-full').mark(f'validation-step step-{step.kind.value}'):
            with ui.row().classes('items-center gap-2'):
                ui.icon('check_circle' if step.granted else 'hourglass_empty').classes(
                    'text-positive' if step.granted else 'text-grey-7'
                )
                ui.label(_(step.label)).classes('font-medium')
                if step.granted:
                    ui.label(_('accordée par {who} le {at}', who=step.by, at=fr_datetime(step.at)))
                elif step.reason:
                    ui.label(_('retirée par {who} : {reason}', who=step.by, reason=step.reason))
                else:
                    ui.label(_('en attente'))
            if step.can_grant:
                ui.button(
                    _('{kind} de la convention', kind=_(step.label)),
                    icon='task_alt',
                    on_click=partial(_grant, actor, convention_id, step.kind, panel.version),
                ).mark(f'validate-{step.kind.value}')
            if step.can_withdraw:
                with ui.row().classes('items-end gap-2 w-full'):
                    reason = (
                        ui.input(_('Motif du retrait (transmis à l’étudiant)'))
                        .classes('grow')
                        .mark(f'unvalidate-reason-{step.kind.value}')
                    )
                    ui.button(
                        _('Retirer la validation'),
                        icon='undo',
                        on_click=partial(_withdraw, actor, convention_id, step.kind, panel.version, reason),
                    ).props('outline color=negative').mark(f'unvalidate-{step.kind.value}')


async def _grant(actor: Actor, convention_id: int, kind: validations.ValidationKind, version: int) -> None:
    def done(outcome: object) -> None:
        assert isinstance(outcome, validations.Outcome)
        ui.notify(outcome.message, type='positive')
        reload(convention_id, 'validation')

    await attempt(lambda: validations.validate(actor, convention_id, kind, version=version), done)


async def _withdraw(
    actor: Actor, convention_id: int, kind: validations.ValidationKind, version: int, reason: ui.input
) -> None:
    def done(outcome: object) -> None:
        assert isinstance(outcome, validations.Outcome)
        ui.notify(outcome.message, type='positive')
        reload(convention_id, 'validation')

    await attempt(lambda: validations.unvalidate(actor, convention_id, kind, reason.value or '', version=version), done)


async def signatures_panel(actor: Actor, convention_id: int) -> None:
    view = await in_thread(signatures.signatures, actor, convention_id)
    staff = view.editable and view.may_record
    inputs: dict[signatures.Signatory, ui.input] = {}
    with ui.column().classes('w-full gap-1').mark('signatures'):
        for state in view.states:
            with ui.row().classes('items-center gap-3 w-full').mark(f'signature signature-{state.signatory.value}'):
                ui.label(_(state.label)).classes('w-96')
                if staff:
                    inputs[state.signatory] = (
                        ui.input(_('Signé le (JJ/MM/AAAA)'), value=fr_date(state.signed_on) if state.signed_on else '')
                        .classes('w-48')
                        .mark(f'signed-on-{state.signatory.value}')
                    )
                else:
                    ui.label(_('signé le {day}', day=fr_date(state.signed_on)) if state.signed_on else _('non signé'))
                if state.outside_application:
                    ui.badge(_('signé hors application')).props('color=grey-7')
                if state.has_scan:
                    ui.icon('attach_file').props(f'aria-label="{_("scan signé déposé")}"')
    if view.complete:
        ui.label(_('Les cinq signataires ont signé : la convention est signée.')).classes('text-positive')
    if not view.editable:
        ui.label(_('Les signatures se saisissent une fois la convention validée.')).classes('text-grey-8')
    if not staff:
        return
    outside = ui.checkbox(_('Signé hors application')).mark('signed-outside')
    scan: dict[str, tuple[str, bytes]] = {}

    async def received(event: events.UploadEventArguments) -> None:
        scan['file'] = (event.file.name, await event.file.read())
        ui.notify(_('Scan « {name} » reçu : enregistrez pour le joindre.', name=event.file.name))

    ui.upload(label=_('Scan de la convention signée (PDF)'), auto_upload=True, on_upload=received).props(
        'accept=.pdf'
    ).mark('signed-scan')

    async def save() -> None:
        try:
            dates = {who: parse_date(box.value) if (box.value or '').strip() else None for who, box in inputs.items()}
        except FieldError as wrong:
            ui.notify(str(wrong), type='negative')
            return
        await attempt(
            lambda: signatures.record_signatures(
                actor, convention_id, dates, outside_application=bool(outside.value), scan=scan.get('file')
            ),
            lambda _view: reload(convention_id, 'signatures'),
        )

    with ui.row().classes('gap-2'):
        ui.button(_('Enregistrer les signatures'), icon='save', on_click=save).mark('signatures-save')
        ui.button(
            _("Tous signé aujourd'hui"),
            on_click=lambda: [box.set_value(fr_date(date.today())) for box in inputs.values() if not box.value],
        ).props('flat').mark('signatures-today')


async def amendments_panel(actor: Actor, convention_id: int) -> None:
    tab = await in_thread(amendment_views.amendments_tab, actor, convention_id)
    with ui.card().classes('w-full').mark('current-terms'):
        title = _('Convention en vigueur')
        if tab.terms.amendment_numbers:
            title += ' ' + _('(avenants n° {numbers} compris)', numbers=', '.join(tab.terms.amendment_numbers))
        ui.label(title).classes('text-lg font-semibold')
        field_grid(tab.terms.rows)
        ui.label(fr_date(tab.terms.end_date)).classes('hidden').mark('current-end-date')
    if tab.amendments:
        with ui.column().classes('w-full gap-1').mark('amendment-list'):
            for item in tab.amendments:
                with ui.row().classes('items-center gap-3').mark(f'amendment amendment-{item.number}'):
                    ui.link(_('Avenant n° {number}', number=item.number), f'/avenants/{item.id}')
                    ui.badge(_(item.status_label))
                    ui.label(item.motif).classes('text-grey-8')
    else:
        empty_state(_('Aucun avenant à cette convention.'))
    if tab.refusal is None:
        ui.button(
            _('Créer un avenant'),
            icon='note_add',
            on_click=lambda: ui.navigate.to(f'/conventions/{convention_id}/avenant'),
        ).mark('amendment-create')
    else:
        ui.label(tab.refusal).classes('text-grey-8').mark('amendment-unavailable')
