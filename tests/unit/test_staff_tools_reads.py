"""Evaluations, statistics and the administration lists, each limited to the actor's scope."""

from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from models import Convention, ConventionStatus, Organisation, Respondent
from services import admin_queries, evaluation_queries, statistics
from services.database import session_scope
from services.permissions import PermissionDenied
from tests.factories import World
from tests.menu_data import actor, add_convention, add_form, add_organisation, answer

START, END = date(2025, 4, 1), date(2025, 5, 30)  # a stage that has ended


def test_naf_sections_follow_the_division() -> None:
    assert statistics.naf_section('45.20A') == 'G'
    assert statistics.naf_section('01.11Z') == 'A'
    assert statistics.naf_section('62.01Z') == 'J'
    assert statistics.naf_section('99.00Z') == 'U'
    assert statistics.naf_section(None) is None
    assert statistics.naf_section('XX') is None


def test_statistics_equal_sql_counts_within_the_scope(world: World) -> None:
    abroad = add_organisation('Software GmbH', None, naf='62.01Z', country_code='DE', foreign_identifier='HRB 1')
    add_convention(world, '2026-000011', 'chloe', other_composante=True)
    add_convention(world, '2026-000012', 'bob', organisation_id=abroad, status=ConventionStatus.SIGNED)
    figures = statistics.convention_statistics(actor(world, 'gestion'))
    with session_scope() as session:
        in_scope = col(Convention.composante_id) == world.composante_id
        expected_total = session.exec(select(sa.func.count()).select_from(Convention).where(in_scope)).one()
        german = session.exec(
            select(sa.func.count())
            .select_from(Convention)
            .join(Organisation, col(Organisation.id) == Convention.organisation_id)
            .where(in_scope, Organisation.country_code == 'DE')
        ).one()
    assert figures.total == expected_total == 4
    assert {row.label: row.count for row in figures.by_status} == {'créée': 2, 'validée': 1, 'signée': 1}
    assert {row.code: row.count for row in figures.by_naf_section} == {'G': 3, 'J': 1}
    assert {row.code: row.count for row in figures.by_country} == {'FR': 3, 'DE': german}
    assert figures.by_formation[0].label == 'Licence Informatique — Licence 3 Informatique'
    assert statistics.convention_statistics(actor(world, 'admin')).total == 5
    with pytest.raises(PermissionDenied):
        statistics.convention_statistics(actor(world, 'dupont'))


def test_a_student_sees_each_form_of_his_ended_stages(world: World) -> None:
    ended = add_convention(world, '2025-000001', 'alice', start=START, end=END)
    student_form = add_form(world, Respondent.STUDENT, 'Questionnaire étudiant')
    add_form(world, Respondent.TUTOR, 'Questionnaire tuteur')
    add_form(world, Respondent.STUDENT, 'Autre composante', other_composante=True)
    answer(student_form, ended)
    (stage,) = evaluation_queries.my_evaluations(actor(world, 'alice'))  # the 2027 stages have not ended
    assert stage.convention_id == ended
    assert [(form.title, form.answered) for form in stage.forms] == [
        ('Questionnaire étudiant', True),
        ('Questionnaire tuteur', False),
    ]
    assert evaluation_queries.my_evaluations(actor(world, 'bob')) == []


def test_staff_see_completion_per_form_over_their_scope(world: World) -> None:
    alice_ended = add_convention(world, '2025-000001', 'alice', start=START, end=END)
    add_convention(world, '2025-000002', 'bob', referent='roux', start=START, end=END)
    add_convention(world, '2025-000003', 'bob', status=ConventionStatus.CANCELLED, start=START, end=END)
    form = add_form(world, Respondent.STUDENT, 'Questionnaire étudiant')
    answer(form, alice_ended)
    (manager_row,) = evaluation_queries.completion_by_form(actor(world, 'gestion'))
    assert (manager_row.answered, manager_row.expected, manager_row.percent) == (1, 2, 50)
    (teacher_row,) = evaluation_queries.completion_by_form(actor(world, 'dupont'))  # only his student
    assert (teacher_row.answered, teacher_row.expected) == (1, 1)
    with pytest.raises(PermissionDenied):
        evaluation_queries.completion_by_form(actor(world, 'alice'))


def test_administration_lists_are_for_the_administrator(world: World) -> None:
    admin = actor(world, 'admin')
    composantes = {c.code: c for c in admin_queries.composantes(admin)}
    assert composantes['UFR-ST'].validation_circuit == ['Validation pédagogique', 'Validation administrative']
    assert composantes['UFR-ST'].academic_year_switch == '01/09'
    users = {u.login: u for u in admin_queries.users(admin)}
    assert users['dupont'].roles == ['enseignant (UFR-ST)']
    counts = {n.kind: n for n in admin_queries.nomenclature_counts(admin)}
    assert counts['naf'].total > 700
    assert counts['naf'].active == counts['naf'].total
    assert [rate.year for rate in admin_queries.gratification_rates(admin)][:1] == [2026]
    for listing in (admin_queries.composantes, admin_queries.users, admin_queries.nomenclature_counts):
        with pytest.raises(PermissionDenied):
            listing(actor(world, 'gestion'))
