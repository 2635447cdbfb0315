"""Hostile input on every form's service entry point: a French validation message or success, never a crash.

Hypothesis throws long strings, control characters, HTML/JS, SQL meta-characters, wrong types, huge
numbers and impossible dates at the services the forms call; after each example the database must still
pass SQLite's integrity and foreign-key checks, and what was saved must make sense.
"""

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from auth.identity import Identity
from auth.local import LoginError, authenticate
from models import ConventionDraft, Organisation
from services import clauses, database, drafts, host_units, organisations
from services.database import session_scope
from services.people import load_actor
from tests.factories import PASSWORD, World

HOSTILE_TEXT = st.sampled_from(
    [
        '<script>alert(document.cookie)</script>',
        '"><img src=x onerror=alert(1)>',
        "'; DROP TABLE user; --",
        "' OR '1'='1",
        '%s %d {0} {name} ${jndi:ldap://x}',
        '\x00\x01\x02\x1b[31m\r\n\t',
        '\u202e\u200b\ufeff',
        '../../etc/passwd',
        'é' * 5000,
        '9' * 400,
        '   ',
        '',
    ]
)
WRONG_TYPES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
BAD_DATES = st.sampled_from(
    ['0000-00-00', '2026-02-30', '9999-12-31', '0001-01-01', '31/12/2026', '2026-13-01', 'demain']
)
# What a text field can send: any string. What a buggy or forged client can send: anything.
TEXT: st.SearchStrategy[Any] = st.one_of(HOSTILE_TEXT, st.text(max_size=300), BAD_DATES)
VALUES: st.SearchStrategy[Any] = st.one_of(TEXT, WRONG_TYPES, st.dates(min_value=date(1, 1, 1)))
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def database_is_consistent() -> None:
    if not database.is_sqlite():  # PostgreSQL checks its pages and foreign keys itself, at every statement
        return
    with database.engine().connect() as connection:
        assert connection.execute(sa.text('PRAGMA integrity_check')).scalar() == 'ok'
        assert connection.execute(sa.text('PRAGMA foreign_key_check')).fetchall() == []


@FUZZ
@given(login=VALUES, password=VALUES)
def test_login_form(login: Any, password: Any) -> None:
    try:
        outcome: Identity | LoginError = authenticate(login, password, client_ip='192.0.2.1')
    except LoginError as refused:
        outcome = refused
    if isinstance(outcome, LoginError):
        assert str(outcome)
    else:  # only the true password of an existing account gets in
        assert password == PASSWORD
    database_is_consistent()


ORGANISATION_FIELDS = organisations.OrganisationInput.__dataclass_fields__
NUMBERS = st.one_of(st.none(), st.integers(min_value=-(2**70), max_value=2**70))
# The form's own types: any text in text fields, any whole number (or nothing) in number fields.
ORGANISATION_FORM = {name: NUMBERS if 'int' in str(f.type) else TEXT for name, f in ORGANISATION_FIELDS.items()}


def create_organisation_as_a_student(values: dict[str, Any], world: World) -> None:
    actor = load_actor(world.user_ids['alice'])
    assert actor is not None
    try:
        outcome: Any = organisations.create_organisation(
            actor, organisations.OrganisationInput(**values), confirmed=True
        )
    except organisations.FormErrors as refused:
        outcome = refused
    if isinstance(outcome, organisations.FormErrors):
        assert outcome.errors
        assert all(isinstance(message, str) and message for message in outcome.errors.values())
    else:
        created = outcome
        with session_scope() as session:
            saved = session.get(Organisation, created.id)
            assert saved is not None
            assert saved.name.strip()
            assert saved.needs_review  # a student's creation is checked by the office
    database_is_consistent()


@FUZZ
@given(values=st.fixed_dictionaries({}, optional=ORGANISATION_FORM))
def test_organisation_creation_form_with_any_text(values: dict[str, Any], world: World) -> None:
    create_organisation_as_a_student(values, world)


@FUZZ
@given(values=st.fixed_dictionaries({}, optional=dict.fromkeys(ORGANISATION_FIELDS, VALUES)))
def test_organisation_creation_form_with_wrong_types(values: dict[str, Any], world: World) -> None:
    create_organisation_as_a_student(values, world)


def save_a_wizard_step(step: int, values: dict[str, Any], world: World) -> None:
    actor = load_actor(world.user_ids['alice'])
    assert actor is not None
    draft_id = drafts.start_or_resume(actor).id
    try:
        result: Any = drafts.save_step(actor, draft_id, step, values)
    except drafts.WizardError as refused:
        result = refused
    if isinstance(result, drafts.WizardError):
        assert str(result)
    else:
        assert result.ok or result.errors
        assert all(isinstance(message, str) and message for message in result.errors.values())
    with session_scope() as session:
        draft = session.exec(select(ConventionDraft).where(ConventionDraft.id == draft_id)).one()
        assert 1 <= draft.step <= drafts.LAST_STEP
        assert 'nir' not in draft.data  # the NIR only rests encrypted
    drafts.start_or_resume(actor)  # what was saved can be loaded again
    database_is_consistent()


def step_values(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[int, dict[str, Any]]]:
    steps = st.integers(min_value=1, max_value=drafts.LAST_STEP)
    return steps.flatmap(
        lambda step: st.tuples(
            st.just(step), st.fixed_dictionaries({}, optional=dict.fromkeys(drafts.STEP_FIELDS[step], strategy))
        )
    )


@FUZZ
@given(case=step_values(TEXT))
def test_every_wizard_step_with_any_text(case: tuple[int, dict[str, Any]], world: World) -> None:
    save_a_wizard_step(*case, world)


@FUZZ
@given(case=step_values(VALUES))
def test_every_wizard_step_with_wrong_types(case: tuple[int, dict[str, Any]], world: World) -> None:
    save_a_wizard_step(*case, world)


# Two defects this test found once (fixed since), kept as plain regression stories.
@pytest.mark.parametrize('field', ['organisation_id', 'service_id', 'tutor_id', 'referent_id', 'signatory_id'])
def test_a_huge_number_typed_as_an_id(field: str, world: World) -> None:
    step = next(step for step, fields in drafts.STEP_FIELDS.items() if field in fields)
    save_a_wizard_step(step, {field: '9' * 40}, world)


def test_text_sent_for_an_id_does_not_lock_the_student_out_of_her_draft(world: World) -> None:
    save_a_wizard_step(2, {'organisation_id': '<script>alert(1)</script>'}, world)


def add_to_the_host(kind: str, values: dict[str, Any], world: World) -> None:
    actor = load_actor(world.user_ids['alice'])
    assert actor is not None
    try:
        outcome: Any = (
            host_units.create_service(actor, world.organisation_id, host_units.ServiceInput(**values))
            if kind == 'service'
            else host_units.create_contact(actor, world.organisation_id, host_units.ContactInput(**values))
        )
    except organisations.FormErrors as refused:
        outcome = refused
    if isinstance(outcome, organisations.FormErrors):
        assert all(isinstance(message, str) and message for message in outcome.errors.values())
    else:
        assert outcome.id
    database_is_consistent()


@FUZZ
@given(values=st.fixed_dictionaries({}, optional=dict.fromkeys(host_units.ServiceInput.__dataclass_fields__, VALUES)))
def test_service_creation_form(values: dict[str, Any], world: World) -> None:
    add_to_the_host('service', values, world)


@FUZZ
@given(values=st.fixed_dictionaries({}, optional=dict.fromkeys(host_units.ContactInput.__dataclass_fields__, VALUES)))
def test_contact_creation_form(values: dict[str, Any], world: World) -> None:
    add_to_the_host('contact', values, world)


@FUZZ
@given(key=st.one_of(st.sampled_from(sorted(clauses.default_clauses('fr'))), TEXT), language=TEXT, text=TEXT)
def test_clause_editing_form(key: str, language: str, text: str, world: World) -> None:
    admin = load_actor(world.user_ids['admin'])
    assert admin is not None
    try:
        outcome: Any = clauses.update_clause(admin, key, language, text)
    except ValueError as refused:
        outcome = refused
    if isinstance(outcome, ValueError):
        assert str(outcome)
    else:
        assert outcome.text == text.strip()
    database_is_consistent()
