"""Evaluations: forms edited per composante, answers stored per question, the tutor's signed link, follow-up,
invitations and reminders queued in the outbox, and the answers exported."""

import csv
import io
from datetime import date, timedelta

import pytest
from sqlmodel import col, select

from auth import signed_links
from auth.signed_links import InvalidLink, Purpose
from models import (
    Amendment,
    AmendmentStatus,
    Convention,
    EvaluationAnswer,
    EvaluationForm,
    OutboxMessage,
    QuestionKind,
    Respondent,
)
from services import (
    evaluation_followup,
    evaluation_forms,
    evaluation_invitations,
    evaluation_links,
    evaluations,
    exports,
)
from services.database import session_scope
from services.evaluation_followup import AnswerState
from services.evaluation_questions import QuestionInput, add_question, delete_question, move_question, update_question
from services.exports_evaluations import answers_dataset
from services.permissions import PermissionDenied
from services.rules.fields import FieldError
from tests.factories import World
from tests.menu_data import actor, add_convention

START, END = date(2025, 4, 1), date(2025, 5, 30)


def tutor_form(world: World, *, one_time: bool = False) -> tuple[int, dict[str, int]]:
    gestion = actor(world, 'gestion')
    form_id = evaluation_forms.create_form(gestion, world.composante_id, Respondent.TUTOR, 'Avis du tuteur')
    ids = {
        'overall': add_question(gestion, form_id, QuestionInput(QuestionKind.SCALE, 'Appréciation générale', 'Bilan')),
        'again': add_question(gestion, form_id, QuestionInput(QuestionKind.YES_NO, 'Reprendriez-vous un stagiaire ?')),
        'skills': add_question(
            gestion,
            form_id,
            QuestionInput(
                QuestionKind.MULTIPLE_CHOICE, 'Points forts', 'Compétences', ['Rigueur', 'Autonomie', 'Écoute']
            ),
        ),
        'comment': add_question(gestion, form_id, QuestionInput(QuestionKind.TEXT, 'Commentaire', required=False)),
    }
    evaluation_forms.update_form(gestion, form_id, title='Avis du tuteur', one_time_link=one_time)
    evaluation_forms.set_active(gestion, form_id, True)
    return form_id, ids


def test_a_form_is_edited_in_sections_and_order_and_one_is_active_per_respondent(world: World) -> None:
    gestion = actor(world, 'gestion')
    form_id, ids = tutor_form(world)
    move_question(gestion, ids['comment'], -1)
    form = evaluation_forms.get_form(gestion, form_id)
    assert [q.id for q in form.question_list] == [ids['overall'], ids['again'], ids['comment'], ids['skills']]
    assert [q.section for q in form.question_list][:1] == ['Bilan']
    assert form.active
    second = evaluation_forms.duplicate_form(gestion, form_id)
    evaluation_forms.set_active(gestion, second, True)
    assert not evaluation_forms.get_form(gestion, form_id).active
    assert len(evaluation_forms.get_form(gestion, second).question_list) == 4
    with pytest.raises(FieldError, match='au moins deux choix'):
        add_question(gestion, form_id, QuestionInput(QuestionKind.SINGLE_CHOICE, 'Niveau ?', choices=['Bon', '']))
    with pytest.raises(FieldError, match='intitulé'):
        add_question(gestion, form_id, QuestionInput(QuestionKind.TEXT, '   '))
    with pytest.raises(PermissionDenied):
        evaluation_forms.create_form(gestion, world.other_composante_id, Respondent.STUDENT, 'Pas ma composante')
    with pytest.raises(PermissionDenied):
        evaluation_forms.list_forms(actor(world, 'dupont'))


def test_the_tutor_answers_through_the_link_and_answers_are_stored_per_question(world: World) -> None:
    form_id, ids = tutor_form(world)
    convention = add_convention(world, '2025-000001', 'alice', start=START, end=END)
    with session_scope() as session:
        form, stage = session.get(EvaluationForm, form_id), session.get(Convention, convention)
        assert form is not None
        assert stage is not None
        path = evaluation_links.issue_tutor_link(session, form, stage)
    token = path.rsplit('/', 1)[1]
    questionnaire = evaluation_links.tutor_questionnaire(token)
    assert questionnaire.student_name == 'Alice Bénard'
    with pytest.raises(evaluations.AnswerErrors) as refused:
        evaluation_links.submit_tutor(token, {ids['overall']: '7', ids['skills']: ['Rigueur', 'Pas un choix']})
    assert set(refused.value.errors) == {ids['overall'], ids['again'], ids['skills']}
    evaluation_links.submit_tutor(
        token, {ids['overall']: '4', ids['again']: 'oui', ids['skills']: ['Écoute', 'Rigueur']}
    )
    with session_scope() as session:
        stored = {a.question_id: a.value for a in session.exec(select(EvaluationAnswer)).all()}
    assert stored == {ids['overall']: '4', ids['again']: 'oui', ids['skills']: '["Rigueur", "Écoute"]'}
    again = evaluation_links.tutor_questionnaire(token)  # not one-time: the tutor may correct his answers
    assert again.answers[ids['skills']] == ['Rigueur', 'Écoute']
    assert again.submitted_at is not None
    with pytest.raises(FieldError, match='déjà des réponses'):
        delete_question(actor(world, 'gestion'), ids['skills'])
    with pytest.raises(FieldError, match='déjà des réponses'):
        update_question(actor(world, 'gestion'), ids['overall'], QuestionInput(QuestionKind.TEXT, 'Appréciation'))


def test_a_link_is_refused_when_forged_expired_replaced_or_used_once(world: World) -> None:
    form_id, ids = tutor_form(world, one_time=True)
    convention = add_convention(world, '2025-000001', 'alice', start=START, end=END)
    with pytest.raises(InvalidLink, match="n'est pas valide"):
        evaluation_links.tutor_questionnaire('forged.token')
    expired = signed_links.make_token(Purpose.TUTOR_EVALUATION, convention, lifetime=timedelta(0))
    with pytest.raises(InvalidLink, match='expiré'):
        evaluation_links.tutor_questionnaire(expired)
    with session_scope() as session:
        form, stage = session.get(EvaluationForm, form_id), session.get(Convention, convention)
        assert form is not None
        assert stage is not None
        first = evaluation_links.issue_tutor_link(session, form, stage).rsplit('/', 1)[1]
        second = evaluation_links.issue_tutor_link(session, form, stage).rsplit('/', 1)[1]
    with pytest.raises(InvalidLink, match='remplacé'):
        evaluation_links.tutor_questionnaire(first)
    answers = {ids['overall']: '5', ids['again']: 'non', ids['skills']: ['Autonomie']}
    evaluation_links.submit_tutor(second, answers)
    with pytest.raises(InvalidLink, match='déjà été utilisé'):
        evaluation_links.tutor_questionnaire(second)
    with pytest.raises(InvalidLink, match='déjà été utilisé'):
        evaluation_links.submit_tutor(second, answers)


def test_students_and_referents_answer_in_the_app_once_the_stage_has_ended(world: World) -> None:
    gestion = actor(world, 'gestion')
    form_id = evaluation_forms.create_form(gestion, world.composante_id, Respondent.STUDENT, 'Mon stage')
    question = add_question(gestion, form_id, QuestionInput(QuestionKind.YES_NO, 'Satisfait·e ?'))
    evaluation_forms.set_active(gestion, form_id, True)
    ended = add_convention(world, '2025-000001', 'alice', start=START, end=END)
    running = world.convention_ids['alice_created']  # ends on 28 May 2027
    with pytest.raises(evaluations.EvaluationUnavailable, match='dernier jour du stage, le 28/05/2027'):
        evaluations.questionnaire(actor(world, 'alice'), running)
    evaluations.submit(actor(world, 'alice'), ended, {question: 'oui'})
    with pytest.raises(PermissionDenied):
        evaluations.questionnaire(actor(world, 'bob'), ended)
    with pytest.raises(evaluations.EvaluationUnavailable, match='pas encore publié'):
        evaluations.questionnaire(actor(world, 'dupont'), ended)  # no teacher form yet
    # An avenant extending the stage postpones its evaluation.
    with session_scope() as session:
        session.add(
            Amendment(
                number='2025-000001-A1',
                convention_id=ended,
                sequence=1,
                status=AmendmentStatus.VALIDATED,
                motif='Prolongation',
                new_end_date=date.today() + timedelta(days=30),
                created_by_id=world.user_ids['gestion'],
            )
        )
    with pytest.raises(evaluations.EvaluationUnavailable, match='dernier jour'):
        evaluations.questionnaire(actor(world, 'alice'), ended)


def test_followup_invitations_and_reminders_go_to_the_outbox(world: World) -> None:
    tutor_form(world)
    gestion = actor(world, 'gestion')
    first = add_convention(world, '2025-000001', 'alice', start=START, end=END)
    second = add_convention(world, '2025-000002', 'bob', start=START, end=END)
    add_convention(world, '2025-000003', 'chloe', start=START, end=END, other_composante=True)
    lines = evaluation_followup.followup(gestion).lines
    assert [line.number for line in lines] == ['2025-000001', '2025-000002']
    assert lines[0].states[Respondent.TUTOR].state is AnswerState.NOT_INVITED
    assert lines[0].states[Respondent.STUDENT].state is AnswerState.NO_FORM
    assert evaluation_followup.missing_count(gestion) == 2
    report = evaluation_invitations.send_invitations(gestion, [first, second], {Respondent.TUTOR, Respondent.STUDENT})
    assert report.sent == 2
    assert any('pas de questionnaire actif' in reason for reason in report.skipped)
    report = evaluation_invitations.send_invitations(gestion, [first], {Respondent.TUTOR})
    assert report.sent == 1
    with session_scope() as session:
        mails = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all()
    assert [(m.event, m.recipient) for m in mails] == [
        ('evaluation_invitation', 'luc@garage.example'),
        ('evaluation_invitation', 'luc@garage.example'),
        ('evaluation_relance', 'luc@garage.example'),
    ]
    assert '/evaluation-tuteur/' in mails[0].body
    assert 'Rappel' in mails[2].subject
    token = mails[2].body.split('/evaluation-tuteur/')[1].split()[0]
    assert evaluation_links.tutor_questionnaire(token).convention_number == '2025-000001'
    state = evaluation_followup.followup(gestion).lines[0].states[Respondent.TUTOR]
    assert (state.state, state.reminders) == (AnswerState.INVITED, 1)
    assert evaluation_followup.followup(gestion, incomplete_only=True).total == 2
    with pytest.raises(PermissionDenied):
        evaluation_invitations.send_invitations(actor(world, 'alice'), [first], {Respondent.TUTOR})


def test_staff_export_the_answers_of_a_form(world: World) -> None:
    form_id, ids = tutor_form(world)
    convention = add_convention(world, '2025-000001', 'alice', start=START, end=END)
    gestion = actor(world, 'gestion')
    evaluation_invitations.send_invitations(gestion, [convention], {Respondent.TUTOR})
    with session_scope() as session:
        body = session.exec(select(OutboxMessage.body)).one()
    token = body.split('/evaluation-tuteur/')[1].split()[0]
    evaluation_links.submit_tutor(
        token, {ids['overall']: '4', ids['again']: 'oui', ids['skills']: ['Rigueur', 'Écoute']}
    )
    dataset = answers_dataset(gestion, form_id)
    file = exports.export(gestion, dataset, {}, None, 'csv')
    header, row = csv.reader(io.StringIO(file.content.decode('utf-8-sig')), delimiter=';')
    answers = dict(zip(header, row, strict=True))
    assert answers['N° convention'] == '2025-000001'
    assert answers['1. Appréciation générale'] == '4'
    assert answers['2. Reprendriez-vous un stagiaire ?'] == 'oui'
    assert answers['3. Points forts'] == 'Rigueur / Écoute'
    assert answers['4. Commentaire'] == ''
    with pytest.raises(PermissionDenied):
        answers_dataset(actor(world, 'dupont'), form_id)


def test_the_student_is_invited_to_her_form_in_the_application(world: World) -> None:
    gestion = actor(world, 'gestion')
    form_id = evaluation_forms.create_form(gestion, world.composante_id, Respondent.STUDENT, 'Mon stage')
    add_question(gestion, form_id, QuestionInput(QuestionKind.YES_NO, 'Satisfait·e ?'))
    evaluation_forms.set_active(gestion, form_id, True)
    ended = add_convention(world, '2025-000001', 'alice', start=START, end=END)
    assert evaluation_invitations.send_invitations(gestion, [ended], {Respondent.STUDENT}).sent == 1
    with session_scope() as session:
        message = session.exec(select(OutboxMessage)).one()
    assert message.recipient == 'alice@etu.universite.example'
    assert f'/evaluations/convention/{ended}\n' in message.body
