"""The student's or enseignant référent's evaluation of a stage, filled in inside the application."""

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from nicegui import ui

from auth.guard import protected_page
from components.display import fr_date, fr_datetime, not_found
from components.questionnaire import QuestionnaireForm
from pages.background import in_thread
from services import evaluations
from services.actor import Actor
from services.evaluations import AnswerErrors, ConventionMissing, EvaluationUnavailable, Questionnaire
from services.i18n import _
from services.labels import RESPONDENT

Submit = Callable[[dict[int, Any]], Awaitable[datetime]]


def questionnaire_header(current: Questionnaire) -> None:
    with ui.card().classes('w-full gap-1').mark('questionnaire-header'):
        ui.label(current.title).classes('text-xl font-semibold').mark('questionnaire-title')
        ui.label(
            _(
                'Stage de {student} chez {host}, du {start} au {end} (convention n° {number}).',
                student=current.student_name,
                host=current.organisation_name,
                start=fr_date(current.start_date),
                end=fr_date(current.end_date),
                number=current.convention_number,
            )
        )
        ui.label(_('Vous répondez en tant que : {who}.', who=_(RESPONDENT[current.respondent])))
        ui.label(_('Les questions marquées * attendent une réponse.')).classes('text-sm text-grey-8')


def questionnaire_body(current: Questionnaire, submit: Submit, *, editable: bool = True) -> None:
    """The form, its « Envoyer mes réponses » button and the confirmation; `submit` saves and returns the time."""
    status = ui.label().mark('questionnaire-status')
    if current.submitted_at:
        status.text = _('Réponses envoyées le {at}.', at=fr_datetime(current.submitted_at))
    form = QuestionnaireForm(current.questions, current.answers, readonly=not editable)
    if not editable:
        return

    async def send() -> None:
        button.disable()
        try:
            submitted = await submit(form.values())
        except AnswerErrors as refused:
            form.show_errors(refused.errors)
            ui.notify(str(refused), type='warning')
            return
        except (EvaluationUnavailable, ValueError) as refused:
            ui.notify(str(refused), type='negative')
            return
        finally:
            button.enable()
        form.show_errors({})
        status.text = _('Merci ! Vos réponses ont été enregistrées le {at}.', at=fr_datetime(submitted))
        ui.notify(_('Réponses enregistrées.'), type='positive')

    button = ui.button(_('Envoyer mes réponses'), icon='send', on_click=send).mark('questionnaire-submit')


@protected_page('/evaluations/convention/{convention_id:int}', title='Evaluation du stage')
async def evaluation_answer_page(actor: Actor, convention_id: int) -> None:
    try:
        current = await in_thread(evaluations.questionnaire, actor, convention_id)
    except ConventionMissing as missing:
        not_found(str(missing), back_label=_('Revenir à « Evaluation des stages »'), back_path='/evaluations')
        return
    except EvaluationUnavailable as unavailable:
        ui.label(str(unavailable)).classes('text-lg').mark('questionnaire-unavailable')
        ui.link(_('Revenir à « Evaluation des stages »'), '/evaluations')
        return
    questionnaire_header(current)

    async def submit(answers: dict[int, Any]) -> datetime:
        return await in_thread(evaluations.submit, actor, convention_id, answers)

    questionnaire_body(current, submit)
    ui.link(_('Revenir à « Evaluation des stages »'), '/evaluations')
