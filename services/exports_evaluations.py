"""The answers to one evaluation form as an export: a line per submitted response, a column per question.

Answers are stored a row per question (EvaluationAnswer); each question's column reads its row, so a form
with questions added later simply has empty cells in older responses. Multiple choices are joined by « / ».
"""

import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import join
from sqlmodel import col, select

from models import (
    Composante,
    Convention,
    EvaluationAnswer,
    EvaluationForm,
    EvaluationResponse,
    Organisation,
    QuestionKind,
    Student,
)
from services.actor import Actor
from services.convention_queries import visible_to
from services.database import session_scope
from services.evaluation_forms import FormNotFound, ordered_questions
from services.exports import CellKind, Column, Dataset
from services.permissions import Action, Target, can, require

MAX_HEADER = 120


def _joined(value: str) -> str:
    try:
        items = json.loads(value)
    except ValueError:
        return value
    return ' / '.join(str(item) for item in items) if isinstance(items, list) else str(items)


def _scale(value: str) -> int | str:
    return int(value) if value.isdigit() else value


TRANSFORMS = {QuestionKind.MULTIPLE_CHOICE: _joined, QuestionKind.SCALE: _scale}


def _answer(question_id: int) -> Any:
    return (
        sa.select(col(EvaluationAnswer.value))
        .where(
            col(EvaluationAnswer.response_id) == EvaluationResponse.id, col(EvaluationAnswer.question_id) == question_id
        )
        .correlate(EvaluationResponse)
        .scalar_subquery()
    )


def answers_dataset(actor: Actor, form_id: int) -> Dataset:
    """The export of a form's answers; the actor must manage the form's composante."""
    with session_scope() as session:
        form = session.get(EvaluationForm, form_id)
        if form is None:
            raise FormNotFound()
        require(actor, Action.EVALUATION_MANAGE, Target(composante_id=form.composante_id))
        questions = ordered_questions(session, form_id)
        title = form.title
    g, answers = 'Stage', 'Réponses'
    fixed = [
        Column('number', 'N° convention', g, Convention.number),
        Column('student_number', 'N° étudiant', g, Student.student_number),
        Column('student_last_name', "Nom de l'étudiant", g, Student.last_name),
        Column('student_first_name', "Prénom de l'étudiant", g, Student.first_name),
        Column('composante', 'Composante', g, Composante.name),
        Column('formation', 'Formation', g, Convention.formation_label),
        Column('organisation', "Établissement d'accueil", g, Organisation.name),
        Column('start_date', 'Date de début', g, Convention.start_date, CellKind.DATE),
        Column('end_date', 'Date de fin', g, Convention.end_date, CellKind.DATE),
        Column('submitted_at', 'Réponses envoyées le', g, EvaluationResponse.submitted_at, CellKind.DATETIME),
    ]
    per_question = []
    for number, question in enumerate(questions, start=1):
        kind = QuestionKind(question.kind)
        label = ' '.join(question.label.split())
        header = f'{number}. {label}' if len(label) <= MAX_HEADER else f'{number}. {label[: MAX_HEADER - 1]}…'
        per_question.append(
            Column(
                f'q{question.id}',
                header,
                answers,
                _answer(question.id or 0),
                CellKind.INTEGER if kind is QuestionKind.SCALE else CellKind.TEXT,
                transform=TRANSFORMS.get(kind),
            )
        )

    def source(who: Actor, _values: Mapping[str, str]) -> tuple[Any, list[Any], list[Any]]:
        tables = (
            join(EvaluationResponse, Convention, col(Convention.id) == EvaluationResponse.convention_id)
            .join(Student, col(Student.id) == Convention.student_id)
            .join(Organisation, col(Organisation.id) == Convention.organisation_id)
            .join(Composante, col(Composante.id) == Convention.composante_id)
        )
        where = [
            col(EvaluationResponse.form_id) == form_id,
            col(EvaluationResponse.submitted_at).is_not(None),
            visible_to(who, Action.EXPORT),
        ]
        return tables, where, [col(Convention.number)]

    return Dataset(f'evaluation-{form_id}', title, lambda: [*fixed, *per_question], source)


def exportable_forms(actor: Actor) -> dict[int, str]:
    """Forms of the actor's composantes that have answers: id -> « composante — title »."""
    require(actor, Action.EVALUATION_MANAGE)
    answered = select(EvaluationResponse.form_id).where(col(EvaluationResponse.submitted_at).is_not(None))
    with session_scope() as session:
        rows = session.exec(
            select(EvaluationForm, Composante.name)
            .join(Composante, col(Composante.id) == EvaluationForm.composante_id)
            .where(col(EvaluationForm.id).in_(answered))
            .order_by(col(Composante.name), col(EvaluationForm.id))
        ).all()
    return {
        form.id or 0: f'{name} — {form.title}'
        for form, name in rows
        if can(actor, Action.EVALUATION_MANAGE, Target(composante_id=form.composante_id))
    }
