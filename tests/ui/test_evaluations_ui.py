"""Evaluation stories: the administrator configures a tutor form; the tutor answers through the e-mailed link
without logging in (refused once used, or after expiry); staff export the answers."""

import asyncio
import csv
import io
from datetime import date, timedelta

from nicegui import ui
from nicegui.testing import User
from sqlmodel import col, select

from auth import signed_links
from auth.signed_links import Purpose
from models import EvaluationQuestion, OutboxMessage, QuestionKind, Respondent
from services import evaluation_forms
from services.database import session_scope
from services.evaluation_questions import QuestionInput, add_question
from tests.factories import World
from tests.menu_data import actor, add_convention
from tests.ui.helpers import log_in, pick

START, END = date(2025, 4, 1), date(2025, 5, 30)


async def add(user: User, kind: QuestionKind, label: str, *, section: str = '', choices: str = '') -> None:
    pick(user, 'question-kind', kind.value)
    user.find(marker='question-label').type(label)
    if section:  # the section typed last stays, for the next questions of the same section
        user.find(marker='question-section').clear().type(section)
    if choices:
        user.find(marker='question-choices').type(choices)
    before = questions_shown(user)
    user.find(marker='question-save').click()
    for _attempt in range(50):
        if questions_shown(user) > before:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'question « {label} » not added')


def questions_shown(user: User) -> int:
    return len(user.find(marker='editor-question').elements) if user_sees(user, 'editor-question') else 0


def user_sees(user: User, marker: str) -> bool:
    try:
        user.find(marker=marker)
    except AssertionError:
        return False
    return True


async def test_the_admin_configures_a_tutor_form(user: User, world: World) -> None:
    await log_in(user, 'admin')
    await user.open('/evaluations/questionnaires')
    pick(user, 'new-form-composante', world.composante_id)
    pick(user, 'new-form-respondent', Respondent.TUTOR.value)
    user.find(marker='new-form-title').type('Appréciation du tuteur')
    user.find(marker='new-form-create').click()
    await user.should_see(marker='form-settings')
    await add(user, QuestionKind.SCALE, 'Qualité du travail fourni', section='Travail')
    await add(user, QuestionKind.YES_NO, 'Reprendriez-vous ce stagiaire ?', section='Bilan')
    await add(user, QuestionKind.SINGLE_CHOICE, 'Autonomie', section='Travail', choices='Faible\nBonne\nExcellente')
    pick(user, 'question-kind', QuestionKind.MULTIPLE_CHOICE.value)
    user.find(marker='question-label').type('Points forts')
    user.find(marker='question-save').click()
    await user.should_see('Donnez au moins deux choix de réponse, un par ligne.', retries=30)
    with session_scope() as session:
        autonomy = session.exec(select(EvaluationQuestion).where(EvaluationQuestion.label == 'Autonomie')).one()
    user.find(marker=f'question-up-{autonomy.id}').click()  # back into the « Travail » section
    user.find(marker='form-one-time').click()
    user.find(marker='form-save').click()
    await user.should_see('Questionnaire enregistré.', retries=30)
    user.find(marker='form-active').click()
    await user.should_see('Questionnaire activé.', retries=30)
    gestion = actor(world, 'gestion')
    (form,) = evaluation_forms.list_forms(gestion)
    assert (form.title, form.respondent, form.active, form.one_time_link) == (
        'Appréciation du tuteur',
        Respondent.TUTOR,
        True,
        True,
    )
    questions = evaluation_forms.get_form(gestion, form.id).question_list
    assert [(q.section, q.label) for q in questions] == [
        ('Travail', 'Qualité du travail fourni'),
        ('Travail', 'Autonomie'),
        ('Bilan', 'Reprendriez-vous ce stagiaire ?'),
    ]
    assert questions[1].choices == ['Faible', 'Bonne', 'Excellente']


def tutor_form(world: World, *, one_time: bool) -> dict[str, int]:
    gestion = actor(world, 'gestion')
    form_id = evaluation_forms.create_form(gestion, world.composante_id, Respondent.TUTOR, 'Avis du tuteur')
    ids = {
        'mark': add_question(gestion, form_id, QuestionInput(QuestionKind.SCALE, 'Appréciation générale', 'Bilan')),
        'again': add_question(gestion, form_id, QuestionInput(QuestionKind.YES_NO, 'Reprendriez-vous un stagiaire ?')),
        'strengths': add_question(
            gestion, form_id, QuestionInput(QuestionKind.MULTIPLE_CHOICE, 'Points forts', choices=['Rigueur', 'Écoute'])
        ),
    }
    evaluation_forms.update_form(gestion, form_id, title='Avis du tuteur', one_time_link=one_time)
    evaluation_forms.set_active(gestion, form_id, True)
    return ids


async def invite_tutor(user: User, convention_id: int) -> str:
    """The gestionnaire sends the invitation from « Suivi des évaluations »; the link of the queued e-mail."""
    await log_in(user, 'gestion')
    await user.open('/evaluations/suivi')
    (table,) = user.find(kind=ui.table, marker='followup-table').elements
    table.selected = [row for row in table.rows if row['id'] == convention_id]
    user.find(marker='reminder-send').click()
    await user.should_see('1 e-mail(s) mis en file d’envoi.')
    await user.open('/logout')
    with session_scope() as session:
        body = session.exec(select(OutboxMessage.body).order_by(col(OutboxMessage.id).desc())).first()
    assert body is not None
    return '/evaluation-tuteur/' + body.split('/evaluation-tuteur/')[1].split()[0]


async def test_the_tutor_answers_through_the_link_without_logging_in_and_staff_export_it(
    user: User, world: World
) -> None:
    ids = tutor_form(world, one_time=True)
    convention = add_convention(world, '2025-000001', 'alice', start=START, end=END)
    link = await invite_tutor(user, convention)
    await user.open(link)
    await user.should_not_see(marker='current-user')  # nobody is logged in
    await user.should_see('Stage de Alice Bénard chez Garage Dupont et Fils')
    user.find(marker='questionnaire-submit').click()
    await user.should_see(marker=f'question-error-{ids["mark"]}')
    pick(user, f'question-{ids["mark"]}', '4')
    pick(user, f'question-{ids["again"]}', 'oui')
    user.find(marker=f'question-{ids["strengths"]}-choice-1').click()
    user.find(marker='questionnaire-submit').click()
    await user.should_see('Merci ! Vos réponses ont été enregistrées')
    spent = await user.http_client.get(link)  # a one-time link: spent
    assert spent.status_code == 403
    assert 'Ce lien a déjà été utilisé. Demandez un nouveau lien au bureau des stages.' in spent.text
    assert 'questionnaire-submit' not in spent.text

    await log_in(user, 'gestion')
    await user.open('/evaluations/suivi')
    (table,) = user.find(kind=ui.table, marker='followup-table').elements
    assert table.rows[0][Respondent.TUTOR.value].startswith('rempli le ')
    user.find(marker='followup-export').click()
    await user.should_see(marker='export-form')
    pick(user, 'export-format', 'csv')
    user.find(marker='export-start').click()
    await user.should_see(marker='export-download', retries=100)
    user.find(marker='export-download').click()
    response = await user.download.next()
    header, row = csv.reader(io.StringIO(response.content.decode('utf-8-sig')), delimiter=';')
    answers = dict(zip(header, row, strict=True))
    assert answers['N° convention'] == '2025-000001'
    assert answers['1. Appréciation générale'] == '4'
    assert answers['2. Reprendriez-vous un stagiaire ?'] == 'oui'
    assert answers['3. Points forts'] == 'Écoute'


async def test_an_expired_or_forged_link_is_refused(user: User, world: World) -> None:
    tutor_form(world, one_time=False)
    convention = add_convention(world, '2025-000001', 'alice', start=START, end=END)
    expired = signed_links.make_token(Purpose.TUTOR_EVALUATION, convention, lifetime=timedelta(0))
    response = await user.http_client.get(f'/evaluation-tuteur/{expired}')
    assert response.status_code == 403
    assert 'Ce lien a expiré. Demandez un nouveau lien au bureau des stages.' in response.text
    assert 'Appréciation générale' not in response.text
    response = await user.http_client.get(f'/evaluation-tuteur/{expired[:-3]}abc')
    assert response.status_code == 403
    assert "Ce lien n'est pas valide." in response.text


async def test_the_student_fills_in_her_form_from_the_evaluation_page(user: User, world: World) -> None:
    gestion = actor(world, 'gestion')
    form_id = evaluation_forms.create_form(gestion, world.composante_id, Respondent.STUDENT, 'Mon stage')
    question = add_question(gestion, form_id, QuestionInput(QuestionKind.TEXT, 'Ce que vous avez appris'))
    evaluation_forms.set_active(gestion, form_id, True)
    convention = add_convention(world, '2025-000001', 'alice', start=START, end=END)
    await log_in(user, 'alice')
    await user.open('/evaluations')
    user.find(marker=f'answer-form-{convention}').click()
    await user.should_see('Vous répondez en tant que : Étudiant.')
    user.find(marker=f'question-{question}').type('Le diagnostic électronique')
    user.find(marker='questionnaire-submit').click()
    await user.should_see('Merci ! Vos réponses ont été enregistrées')
    await user.open('/evaluations')
    assert len(user.find(marker='form-answered').elements) == 1
