"""The tutor's evaluation, opened from the e-mailed link: no account, no login, this one form only.

The link is the only credential: forged, expired, replaced by a newer one, or already used when the form is
one-time, it is refused with a French message and nothing else is shown.
"""

from datetime import datetime
from typing import Any

from nicegui import ui

from auth.guard import public_page
from auth.signed_links import InvalidLink
from components.frame import frame
from pages.background import in_thread
from pages.evaluation_answer import questionnaire_body, questionnaire_header
from services import evaluation_links
from services.evaluations import EvaluationUnavailable
from services.i18n import _
from services.permissions import PermissionDenied


def _refused(message: str) -> None:
    with ui.card().classes('w-full').mark('tutor-link-refused'):
        ui.label(_('Lien refusé')).classes('text-xl font-semibold text-negative')
        ui.label(message).mark('tutor-link-message')


@public_page(f'{evaluation_links.TUTOR_PATH}/{{token}}', title='Evaluation du stage par le tuteur')
async def tutor_evaluation_page(token: str) -> None:
    ui.add_head_html('<meta name="referrer" content="no-referrer">')  # the token must not leak to other sites
    with frame(None, _('Evaluation du stage par le tuteur')):
        try:
            current = await in_thread(evaluation_links.tutor_questionnaire, token)
        except (InvalidLink, EvaluationUnavailable) as refused:
            ui.context.client.status_code = 403 if isinstance(refused, InvalidLink) else 200
            _refused(str(refused))
            return
        except PermissionDenied:
            ui.context.client.status_code = 403
            _refused(_("Ce lien n'est pas valide. Demandez un nouveau lien au bureau des stages."))
            return
        questionnaire_header(current)

        async def submit(answers: dict[int, Any]) -> datetime:
            try:
                return await in_thread(evaluation_links.submit_tutor, token, answers)
            except (InvalidLink, PermissionDenied) as refused:
                raise EvaluationUnavailable(str(refused)) from refused

        questionnaire_body(current, submit)
