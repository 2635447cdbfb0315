"""« Statistiques », the rest: offers by status, evaluation results, and the values the filters offer.

Offers belong to an academic year by the day their publication starts (or their creation day), with the
default 1 September switch; a composante's offers include those open to every composante.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import col, select

from models import (
    Composante,
    Convention,
    EvaluationAnswer,
    EvaluationForm,
    EvaluationQuestion,
    EvaluationResponse,
    Offer,
    OfferStatus,
    QuestionKind,
    Respondent,
)
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.labels import OFFER_STATUS, RESPONDENT
from services.permissions import Action, require, scope_clause
from services.rules import academic_year as years
from services.statistics import CountRow, Filters, convention_scope


@dataclass(frozen=True)
class FilterChoices:
    academic_years: list[str]
    composantes: dict[int, str]


def filter_choices(actor: Actor) -> FilterChoices:
    require(actor, Action.STATISTICS_VIEW)
    scope = convention_scope(actor, Filters())
    composante_scope = scope_clause(
        actor, Action.STATISTICS_VIEW, composante=col(Composante.id), student=None, referent=None
    )
    with session_scope() as session:
        found = session.exec(select(Convention.academic_year).where(*scope).distinct()).all()
        composantes = session.exec(select(Composante.id, Composante.name).where(composante_scope)).all()
    return FilterChoices(sorted(set(found), reverse=True), {cid or 0: name for cid, name in sorted(composantes)})


def offers_by_status(actor: Actor, filters: Filters | None = None) -> list[CountRow]:
    """Offers of the scope (and open to all) by status, every status listed."""
    require(actor, Action.STATISTICS_VIEW)
    filters = filters or Filters()
    own = scope_clause(actor, Action.STATISTICS_VIEW, composante=col(Offer.composante_id), student=None, referent=None)
    conditions = [sa.or_(own, col(Offer.composante_id).is_(None))]
    if filters.composante_id:
        conditions.append(sa.or_(col(Offer.composante_id) == filters.composante_id, col(Offer.composante_id).is_(None)))
    if filters.academic_year and years.is_label(filters.academic_year):
        first, last = years.bounds(filters.academic_year)
        published = sa.func.coalesce(col(Offer.publish_from), sa.func.date(col(Offer.created_at)))
        conditions.append(sa.type_coerce(published, sa.Date()).between(first, last))
    with session_scope() as session:
        counts = dict(
            session.exec(select(Offer.status, sa.func.count()).where(*conditions).group_by(Offer.status)).all()
        )
    return [CountRow(status.value, OFFER_STATUS[status], counts.get(status, 0)) for status in OfferStatus]


def evaluation_averages(actor: Actor, filters: Filters | None = None) -> list[CountRow]:
    """Average mark of each 1–5 question of the active forms, over the submitted answers of the scope."""
    require(actor, Action.STATISTICS_VIEW)
    scope = convention_scope(actor, filters or Filters())
    mark = sa.cast(col(EvaluationAnswer.value), sa.Integer)
    with session_scope() as session:
        rows = session.exec(
            select(EvaluationQuestion, EvaluationForm.respondent, sa.func.avg(mark), sa.func.count())
            .join(EvaluationAnswer, col(EvaluationAnswer.question_id) == EvaluationQuestion.id)
            .join(EvaluationResponse, col(EvaluationResponse.id) == EvaluationAnswer.response_id)
            .join(EvaluationForm, col(EvaluationForm.id) == EvaluationQuestion.form_id)
            .join(Convention, col(Convention.id) == EvaluationResponse.convention_id)
            .where(
                col(EvaluationQuestion.kind) == QuestionKind.SCALE,
                col(EvaluationForm.active).is_(True),
                col(EvaluationResponse.submitted_at).is_not(None),
                *scope,
            )
            .group_by(col(EvaluationQuestion.id), col(EvaluationForm.respondent))
            .order_by(col(EvaluationForm.respondent), col(EvaluationQuestion.position), col(EvaluationQuestion.id))
        ).all()
    return [
        CountRow(
            str(question.id),
            _(
                '{who} — {label} ({n} réponses)',
                who=_(RESPONDENT[Respondent(respondent)]),
                label=question.label[:80],
                n=answers,
            ),
            round(float(average), 2),
        )
        for question, respondent, average, answers in rows
    ]
