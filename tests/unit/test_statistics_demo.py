"""The numbers behind each chart of « Statistiques » equal SQL counts on the demo data (seeded into an empty
database), with and without the filters."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from models import (
    Composante,
    Convention,
    EvaluationAnswer,
    EvaluationForm,
    EvaluationQuestion,
    EvaluationResponse,
    QuestionKind,
    Respondent,
    User,
    utcnow,
)
from services import database, demo, schema, statistics, statistics_extra
from services.actor import Actor
from services.database import session_scope
from services.people import actor_from_user
from services.statistics import Filters
from settings import reload_settings


@dataclass(frozen=True)
class Demo:
    url: str
    marks: list[int]  # the tutors' marks added to the demo for the evaluation chart


@pytest.fixture(scope='module')
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    url = f'sqlite:///{Path(tmp_path_factory.mktemp("demo-stats")) / "demo.db"}'
    database.configure(url)
    schema.prepare()
    demo.seed_demo(seed=2026)
    marks = [5, 4, 4, 3, 5, 2]
    with session_scope() as session:
        composante = session.exec(select(Composante).order_by(col(Composante.id))).first()
        assert composante is not None
        form = EvaluationForm(composante_id=composante.id or 0, respondent=Respondent.TUTOR, title='Avis du tuteur')
        session.add(form)
        session.flush()
        question = EvaluationQuestion(form_id=form.id or 0, position=1, kind=QuestionKind.SCALE, label='Appréciation')
        session.add(question)
        session.flush()
        conventions = session.exec(
            select(Convention.id).where(Convention.composante_id == composante.id).order_by(col(Convention.id))
        ).all()
        for convention_id, mark in zip(conventions, marks, strict=False):
            response = EvaluationResponse(form_id=form.id or 0, convention_id=convention_id or 0, submitted_at=utcnow())
            session.add(response)
            session.flush()
            session.add(EvaluationAnswer(response_id=response.id or 0, question_id=question.id or 0, value=str(mark)))
    return Demo(url, marks)


@pytest.fixture
def session(demo_database: Demo, fresh_database: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    monkeypatch.setenv('PSTAGE_DATABASE_URL', demo_database.url)
    reload_settings()
    database.configure(demo_database.url)
    with session_scope() as session:
        yield session


def admin(session: Session) -> Actor:
    user = session.exec(select(User).where(User.login == 'admin')).one()
    return actor_from_user(session, user)


def as_dict(rows: list[statistics.CountRow]) -> dict[str, float]:
    return {row.code: row.count for row in rows if row.count}


def sql_counts(session: Session, query: str, **params: object) -> dict[str, int]:
    return {str(code): count for code, count in session.execute(sa.text(query), params).all() if count}


WHERE = 'WHERE (:composante IS NULL OR c.composante_id = :composante) AND (:year IS NULL OR c.academic_year = :year)'
HOST = 'FROM convention c JOIN organisation o ON o.id = c.organisation_id ' + WHERE


def expected_convention_charts(session: Session, composante: int | None, year: str | None) -> dict[str, dict[str, int]]:
    p = {'composante': composante, 'year': year}
    sections = ' '.join(
        f"WHEN CAST(substr(o.naf_code, 1, 2) AS INTEGER) BETWEEN {first} AND {last} THEN '{letter}'"
        for letter, first, last in statistics.NAF_SECTIONS
    )
    monthly = (
        "c.gratification_amount_cents * CASE c.gratification_unit WHEN 'mois' THEN 1 "
        "WHEN 'heure' THEN CASE c.working_time WHEN 'temps_plein' THEN 154 ELSE c.hours_per_week * 4.4 END END / 100.0"
    )
    buckets = (
        f"CASE WHEN NOT c.gratified THEN 'non_gratifie' WHEN {monthly} < 700 THEN '0' WHEN {monthly} < 800 THEN '1' "
        f"WHEN {monthly} < 1000 THEN '2' WHEN {monthly} < 1500 THEN '3' ELSE '4' END"
    )
    months = ' '.join(f'WHEN c.effective_hours <= {154 * n} THEN {n - 1}' for n in range(1, 7))
    return {
        'status': sql_counts(session, f'SELECT c.status, count(*) FROM convention c {WHERE} GROUP BY 1', **p),
        'formation': sql_counts(
            session,
            "SELECT c.formation_label || coalesce(' — ' || c.etape_label, ''), count(*) "
            f'FROM convention c {WHERE} GROUP BY 1',
            **p,
        ),
        'naf': sql_counts(session, f"SELECT CASE {sections} ELSE '—' END, count(*) {HOST} GROUP BY 1", **p),
        'departement': sql_counts(
            session,
            f"SELECT CASE WHEN o.country_code = 'FR' THEN o.departement_code ELSE 'etranger' END, count(*) {HOST} "
            'GROUP BY 1',
            **p,
        ),
        'country': sql_counts(session, f'SELECT o.country_code, count(*) {HOST} GROUP BY 1', **p),
        'gratification': sql_counts(session, f'SELECT {buckets}, count(*) FROM convention c {WHERE} GROUP BY 1', **p),
        'duration': sql_counts(
            session, f'SELECT CASE {months} ELSE 6 END, count(*) FROM convention c {WHERE} GROUP BY 1', **p
        ),
    }


def charts_of(figures: statistics.ConventionStatistics) -> dict[str, dict[str, float]]:
    formations = {row.label: row.count for row in figures.by_formation}
    return {
        'status': as_dict(figures.by_status),
        'formation': formations,
        'naf': as_dict(figures.by_naf_section),
        'departement': as_dict(figures.by_departement),
        'country': as_dict(figures.by_country),
        'gratification': as_dict(figures.by_gratification),
        'duration': as_dict(figures.by_duration),
    }


def test_the_demo_pays_by_the_month_or_the_hour_only(session: Session) -> None:
    units = set(session.exec(select(Convention.gratification_unit).distinct()).all())
    assert units <= {None, 'mois', 'heure'}, 'the SQL of the gratification chart below converts these two units'


def test_each_convention_chart_equals_sql_counts(session: Session) -> None:
    figures = statistics.convention_statistics(admin(session))
    assert figures.total == session.exec(select(sa.func.count()).select_from(Convention)).one() == 120
    expected = expected_convention_charts(session, None, None)
    assert charts_of(figures) == expected
    assert sum(expected['duration'].values()) == sum(expected['gratification'].values()) == 120
    assert len(expected['status']) >= 4
    assert len(expected['naf']) >= 5


def test_the_filters_narrow_every_chart(session: Session) -> None:
    who = admin(session)
    choices = statistics_extra.filter_choices(who)
    assert len(choices.composantes) == 2
    assert choices.academic_years
    composante, year = next(iter(choices.composantes)), choices.academic_years[0]
    for filters in (Filters(composante_id=composante), Filters(academic_year=year), Filters(year, composante)):
        figures = statistics.convention_statistics(who, filters)
        expected = expected_convention_charts(session, filters.composante_id, filters.academic_year)
        assert charts_of(figures) == expected
        assert 0 < figures.total < 120


def test_offers_and_evaluation_charts_equal_sql(session: Session, demo_database: Demo) -> None:
    who = admin(session)
    offers = as_dict(statistics_extra.offers_by_status(who))
    assert offers == sql_counts(session, 'SELECT status, count(*) FROM offer GROUP BY 1')
    assert {'publiee', 'pourvue'} <= set(offers)
    (row,) = statistics_extra.evaluation_averages(who)
    expected = session.execute(sa.text('SELECT avg(CAST(value AS INTEGER)) FROM evaluation_answer')).scalar_one()
    assert row.count == round(expected, 2) == round(sum(demo_database.marks) / len(demo_database.marks), 2)
    assert '6 réponses' in row.label


def test_a_gestionnaire_sees_his_composante_only(session: Session) -> None:
    user = session.exec(select(User).where(User.login == 'gestionnaire')).one()
    gestionnaire = actor_from_user(session, user)
    (composante,) = statistics_extra.filter_choices(gestionnaire).composantes
    figures = statistics.convention_statistics(gestionnaire)
    assert charts_of(figures) == expected_convention_charts(session, composante, None)
