"""« Questionnaires d'évaluation »: the forms of the composantes one manages, and creating one."""

from nicegui import ui

from auth.guard import protected_page
from components.choice import Select
from components.display import empty_state, section_title, simple_table, yes_no
from models import Respondent
from pages.background import in_thread
from services import evaluation_forms
from services.actor import Actor
from services.i18n import _
from services.labels import RESPONDENT
from services.permissions import Action, PermissionDenied
from services.rules.fields import FieldError

FORMS_PATH = '/evaluations/questionnaires'


@protected_page(FORMS_PATH, title="Questionnaires d'évaluation", needs_any=(Action.EVALUATION_MANAGE,))
async def evaluation_forms_page(actor: Actor) -> None:
    forms = await in_thread(evaluation_forms.list_forms, actor)
    composantes = await in_thread(evaluation_forms.manageable_composantes, actor)
    ui.label(
        _(
            'Un questionnaire par composante et par répondant est actif à la fois ; il s’ouvre le dernier jour '
            'du stage. Le tuteur répond par un lien reçu par e-mail, valable 60 jours, sans compte.'
        )
    ).classes('text-grey-8')
    if forms:
        table = simple_table(
            [
                ('composante', _('Composante')),
                ('respondent', _('Répondant')),
                ('title', _('Questionnaire')),
                ('questions', _('Questions')),
                ('responses', _('Réponses')),
                ('active', _('Actif')),
            ],
            [
                {
                    'id': form.id,
                    'composante': form.composante,
                    'respondent': _(form.respondent_label),
                    'title': form.title,
                    'questions': form.questions,
                    'responses': form.responses,
                    'active': yes_no(form.active),
                }
                for form in forms
            ],
            marker='evaluation-forms',
        )
        table.add_slot(
            'body-cell-title',
            f'<q-td :props="props"><a :href="\'{FORMS_PATH}/\' + props.row.id" class="text-primary">'
            '{{ props.value }}</a></q-td>',
        )
    else:
        empty_state(_('Aucun questionnaire pour le moment : créez le premier ci-dessous.'))

    with ui.card().classes('w-full max-w-xl').mark('new-form'):
        section_title(_('Nouveau questionnaire'))
        composante = Select(composantes, label=_('Composante'), value=next(iter(composantes), None)).classes('w-full')
        composante.mark('new-form-composante')
        respondent = Select(
            {r.value: _(RESPONDENT[r]) for r in Respondent}, label=_('Répondant'), value=Respondent.STUDENT.value
        ).classes('w-full')
        respondent.mark('new-form-respondent')
        title = ui.input(_('Titre')).classes('w-full').mark('new-form-title')

        async def create() -> None:
            try:
                form_id = await in_thread(
                    evaluation_forms.create_form, actor, int(composante.value or 0), respondent.value, title.value
                )
            except (FieldError, PermissionDenied) as refused:
                ui.notify(str(refused), type='warning')
                return
            ui.navigate.to(f'{FORMS_PATH}/{form_id}')

        ui.button(_('Créer le questionnaire'), icon='add', on_click=create).mark('new-form-create')
