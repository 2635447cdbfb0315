"""« Evaluation des stages »: the ended stages one evaluates (student, enseignant référent) with a link to each
form to fill in; staff's completion per form and their tools (follow-up per convention, form editor)."""

from nicegui import ui

from auth.guard import protected_page
from components.display import empty_state, fr_date, section_title, simple_table
from pages.background import in_thread
from services import evaluation_queries
from services.actor import Actor
from services.i18n import _
from services.permissions import Action, can


@protected_page('/evaluations', title='Evaluation des stages')
async def evaluations_page(actor: Actor) -> None:
    shown = False
    if can(actor, Action.EVALUATION_MANAGE):
        shown = True
        _staff_tools()
    if (actor.student_id is not None or actor.teacher_id is not None) and can(actor, Action.EVALUATION_ANSWER):
        shown = True
        await _student_part(actor)
    if can(actor, Action.CONVENTION_SEARCH):
        shown = True
        await _staff_part(actor)
    if not shown:
        empty_state(_('Aucune évaluation ne vous concerne. Contactez le bureau des stages en cas de doute.'))


def _staff_tools() -> None:
    with ui.row().classes('gap-2 flex-wrap'):
        ui.button(
            _('Suivi par convention et relances'),
            icon='checklist',
            on_click=lambda: ui.navigate.to('/evaluations/suivi'),
        ).mark('evaluation-followup-link')
        ui.button(
            _('Questionnaires'), icon='edit_note', on_click=lambda: ui.navigate.to('/evaluations/questionnaires')
        ).props('outline').mark('evaluation-forms-link')


async def _student_part(actor: Actor) -> None:
    section_title(_('Mes stages terminés') if actor.student_id is not None else _('Stages terminés de vos étudiants'))
    stages = await in_thread(evaluation_queries.my_evaluations, actor)
    if not stages:
        empty_state(
            _(
                "Vous n'avez pas encore de stage terminé. Les questionnaires d'évaluation s'ouvrent "
                'à la fin du stage ; revenez ici à ce moment-là.'
            )
            if actor.student_id is not None
            else _("Aucun stage de vos étudiants n'est encore terminé : leurs questionnaires s'ouvriront à la fin."),
            marker='no-ended-stage',
        )
        return
    for stage in stages:
        with ui.card().classes('w-full gap-1').mark(f'ended-stage ended-stage-{stage.convention_id}'):
            ui.link(
                _('Convention n° {number} — {host}', number=stage.number, host=stage.organisation_name),
                f'/conventions/{stage.convention_id}',
            ).classes('font-semibold')
            if stage.student_name and actor.student_id is None:
                ui.label(stage.student_name)
            ui.label(_('du {start} au {end}', start=fr_date(stage.start_date), end=fr_date(stage.end_date)))
            if not stage.forms:
                ui.label(_("Votre composante n'a pas encore publié de questionnaire.")).classes('text-grey-8')
            for form in stage.forms:
                with ui.row().classes('items-center gap-2').mark('evaluation-form'):
                    ui.icon('task_alt' if form.answered else 'pending').classes(
                        'text-positive' if form.answered else 'text-warning'
                    )
                    ui.label(f'{form.title} ({_(form.respondent)})')
                    ui.label(_('rempli') if form.answered else _('à remplir')).classes('font-medium').mark(
                        'form-answered' if form.answered else 'form-pending'
                    )
                    if form.mine:
                        ui.link(
                            _('Modifier mes réponses') if form.answered else _('Remplir le questionnaire'),
                            f'/evaluations/convention/{stage.convention_id}',
                        ).mark(f'answer-form-{stage.convention_id}')


async def _staff_part(actor: Actor) -> None:
    section_title(_('Questionnaires des stages terminés de votre périmètre'))
    completions = await in_thread(evaluation_queries.completion_by_form, actor)
    if not completions:
        empty_state(
            _(
                'Aucun stage terminé avec un questionnaire actif dans votre périmètre. Les questionnaires '
                'se configurent par composante dans « Administration ».'
            ),
            marker='no-completion',
        )
        return
    simple_table(
        [
            ('composante', _('Composante')),
            ('form', _('Questionnaire')),
            ('respondent', _('Répondant')),
            ('answered', _('Remplis')),
            ('expected', _('Stages terminés')),
            ('percent', _('Taux')),
        ],
        [
            {
                'composante': row.composante,
                'form': row.title,
                'respondent': _(row.respondent),
                'answered': row.answered,
                'expected': row.expected,
                'percent': f'{row.percent} %',
            }
            for row in completions
        ],
        marker='evaluation-completion',
    )
