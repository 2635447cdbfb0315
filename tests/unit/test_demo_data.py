"""The demo data: a realistic university whose conventions all obey the law, and demo accounts for each role.

The demo is seeded once per module into its own empty database (not the shared test world).
"""

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import holidays
import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select
from stdnum.fr import siret

import cli
from auth.local import LoginError, authenticate
from models import (
    Amendment,
    AmendmentStatus,
    Composante,
    Contact,
    Convention,
    ConventionDraft,
    ConventionStatus,
    GratificationRate,
    GratificationUnit,
    NomenclatureKind,
    Offer,
    OfferStatus,
    Organisation,
    Role,
    Service,
    Signature,
    Student,
    Teacher,
    User,
    UserRole,
    ValidationEvent,
)
from services import database, demo, identifiers, schema
from services.convention_mapping import draft_data
from services.database import session_scope
from services.demo.context import DEMO_TODAY
from services.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from services.drafts import with_clear_nir
from services.reference_data import DATA_DIR, shipped_entries
from services.rules.catalog import LAST_STEP
from services.rules.loading import load_facts
from services.rules.steps import check_step
from settings import reload_settings


@dataclass(frozen=True)
class SeededDatabase:
    url: str
    empty_before: bool
    summary: demo.DemoSummary


def _empty_database(directory: Path) -> str:
    url = f'sqlite:///{directory / "demo.db"}'
    database.configure(url)
    schema.prepare()
    return url


@pytest.fixture(scope='module')
def seeded(tmp_path_factory: pytest.TempPathFactory) -> SeededDatabase:
    url = _empty_database(tmp_path_factory.mktemp('demo'))
    empty_before = demo.database_is_empty()
    return SeededDatabase(url, empty_before, demo.seed_demo(seed=2026))


@pytest.fixture
def session(seeded: SeededDatabase, fresh_database: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    """A session on the demo database (instead of the test world every test gets by default)."""
    monkeypatch.setenv('PSTAGE_DATABASE_URL', seeded.url)
    reload_settings()
    database.configure(seeded.url)
    with session_scope() as session:
        yield session


def _count(session: Session, model: type) -> int:
    return session.exec(select(sa.func.count()).select_from(model)).one()


def _counts(session: Session) -> dict[str, int]:
    models = (Composante, Student, Teacher, Organisation, Service, Contact, Offer, Convention, Amendment, User)
    return {model.__name__: _count(session, model) for model in models}


def test_an_empty_database_is_filled_with_the_announced_population(seeded: SeededDatabase, session: Session) -> None:
    assert seeded.empty_before
    assert not demo.database_is_empty()
    counts = _counts(session)
    assert counts == {
        'Composante': 2,
        'Student': 500,
        'Teacher': 150,
        'Organisation': 2000,
        'Service': seeded.summary.services,
        'Contact': seeded.summary.contacts,
        'Offer': 60,
        'Convention': 120,
        'Amendment': 2,
        'User': 5,  # the four demo accounts and the second composante's gestionnaire
    }
    assert counts['Service'] >= 2000
    assert counts['Contact'] >= counts['Service'] + 2000  # a tutor per service, a signatory per organisation
    assert _count(session, ConventionDraft) == 1
    assert '500 étudiants' in str(seeded.summary)
    assert '120 conventions' in str(seeded.summary)


def test_the_two_composantes_validate_differently(session: Session) -> None:
    circuits = session.exec(select(Composante.validation_circuit).order_by(col(Composante.id))).all()
    assert circuits == [
        'pedagogique,validation_administrative',
        'pedagogique,verification_administrative,validation_administrative',
    ]


def test_students_are_adults_under_thirty_with_institutional_addresses(session: Session) -> None:
    for student in session.exec(select(Student)).all():
        age = (DEMO_TODAY - student.birth_date).days // 365.25
        assert 18 <= age <= 30, student
        assert student.institutional_email.endswith('@etu.universite.example')
        assert student.formation_id is not None


def test_organisations_have_valid_identifiers_and_real_codes(session: Session) -> None:
    naf = shipped_entries(NomenclatureKind.NAF)
    legal = shipped_entries(NomenclatureKind.LEGAL_CATEGORY)
    headcount = shipped_entries(NomenclatureKind.HEADCOUNT_RANGE)
    communes: dict[tuple[str, str | None], str] = {(c['name'], c['postal_code']): c['departement'] for c in _communes()}
    organisations = session.exec(select(Organisation)).all()
    abroad = [o for o in organisations if o.country_code != 'FR']
    assert 10 <= len(abroad) <= 100
    for organisation in abroad:
        assert organisation.siret is None
        assert organisation.foreign_identifier
        assert organisation.departement_code is None
        assert organisation.country_code in {'DE', 'ES', 'GB', 'BE', 'CH'}
    french = [o for o in organisations if o.country_code == 'FR']
    sirets = [o.siret for o in french]
    assert len(set(sirets)) == len(sirets)
    for organisation in french:
        assert organisation.siret is not None
        assert siret.is_valid(organisation.siret), organisation.siret
        assert organisation.naf_code in naf
        assert organisation.legal_category in legal
        assert organisation.headcount_range in headcount
        # postal code, commune and département agree
        assert communes[(organisation.city, organisation.postal_code)] == organisation.departement_code


def test_contact_data_is_accepted_by_the_forms_checks(session: Session) -> None:
    """Reopening any demo record in a form must not flag a phone, e-mail, postal code or website as invalid."""
    for student in session.exec(select(Student)).all():
        assert student.phone is not None
        assert student.postal_code is not None
        identifiers.check_phone(student.phone)
        identifiers.check_email(student.institutional_email)
        identifiers.check_postal_code(student.postal_code)
    countries: dict[int | None, str] = {}
    for organisation in session.exec(select(Organisation)).all():
        countries[organisation.id] = organisation.country_code
        assert organisation.phone is not None
        assert organisation.email is not None
        identifiers.check_phone(organisation.phone, organisation.country_code)
        identifiers.check_email(organisation.email)
        if organisation.website:
            identifiers.check_website(organisation.website)
        if organisation.country_code == 'FR':
            assert organisation.postal_code is not None
            identifiers.check_postal_code(organisation.postal_code, organisation.departement_code)
    for contact in session.exec(select(Contact).limit(1000)).all():
        identifiers.check_phone(contact.phone, countries[contact.organisation_id])
        identifiers.check_email(contact.email)


def test_every_organisation_has_a_service_with_a_tutor_and_a_signatory(session: Session) -> None:
    with_service = set(session.exec(select(Service.organisation_id)).all())
    signatories = set(session.exec(select(Contact.organisation_id).where(col(Contact.service_id).is_(None))).all())
    tutored = set(session.exec(select(Contact.service_id).where(col(Contact.service_id).is_not(None))).all())
    assert len(with_service) == len(signatories) == 2000
    assert tutored == set(session.exec(select(Service.id)).all())


def test_offers_cover_every_status_and_most_are_published_now(session: Session) -> None:
    offers = session.exec(select(Offer)).all()
    assert {offer.status for offer in offers} == set(OfferStatus)
    published = [offer for offer in offers if offer.status == OfferStatus.PUBLISHED]
    assert len(published) > len(offers) / 2
    for offer in published:
        assert offer.publish_from is not None
        assert offer.publish_until is not None
        assert offer.publish_from <= DEMO_TODAY <= offer.publish_until
    assert all(offer.number.startswith('OF-2026-') for offer in offers)


def test_conventions_exist_in_every_status_with_unique_numbers(session: Session) -> None:
    conventions = session.exec(select(Convention)).all()
    assert {c.status for c in conventions} == set(ConventionStatus)
    assert len({c.number for c in conventions}) == 120
    for convention in conventions:
        assert convention.number.startswith(convention.academic_year[:4] + '-')
    last_year = [c for c in conventions if c.academic_year == '2025-2026']
    assert last_year
    assert {c.status for c in last_year} == {ConventionStatus.FINISHED}


def _presence_days(convention: Convention, in_france: bool) -> int:
    weekdays = range(int(convention.days_per_week))
    french_holidays = holidays.country_holidays('FR', years=range(2025, 2029))
    day, count = convention.start_date, 0
    while day <= convention.end_date:
        count += day.weekday() in weekdays and not (in_france and day in french_holidays)
        day += timedelta(days=1)
    return count


def test_every_convention_obeys_the_duration_and_gratification_rules(session: Session) -> None:
    rates = {r.year: r.hourly_minimum_cents for r in session.exec(select(GratificationRate)).all()}
    countries = dict(session.exec(select(Organisation.id, Organisation.country_code)).all())
    hours_per_host: dict[tuple[int, int, str], float] = defaultdict(float)
    periods: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for c in session.exec(select(Convention)).all():
        assert c.end_date > c.start_date
        hours_per_day = c.hours_per_week / c.days_per_week
        expected = _presence_days(c, countries[c.organisation_id] == 'FR') * hours_per_day
        assert c.effective_hours == pytest.approx(expected)
        assert c.effective_days == pytest.approx(c.effective_hours / 7, abs=0.01)
        if c.effective_hours > 308:
            assert c.gratified
            assert c.gratification_amount_cents is not None
            minimum = max(rates.get(year, rates[max(rates)]) for year in range(c.start_date.year, c.end_date.year + 1))
            per_hour = c.gratification_amount_cents / (154 if c.gratification_unit == GratificationUnit.MONTH else 1)
            assert c.gratification_unit in (GratificationUnit.MONTH, GratificationUnit.HOUR)
            assert per_hour >= minimum
        hours_per_host[(c.student_id, c.organisation_id, c.academic_year)] += c.effective_hours
        periods[c.student_id].append((c.start_date, c.end_date))
    assert max(hours_per_host.values()) <= 924
    for student_periods in periods.values():
        ordered = sorted(student_periods)
        assert all(previous[1] < following[0] for previous, following in pairwise(ordered))


def test_statuses_match_the_dates_the_validations_and_the_signatures(session: Session) -> None:
    circuits = dict(session.exec(select(Composante.id, Composante.validation_circuit)).all())
    events: dict[int, list[ValidationEvent]] = defaultdict(list)
    for event in session.exec(
        select(ValidationEvent).where(col(ValidationEvent.amendment_id).is_(None)).order_by(col(ValidationEvent.at))
    ).all():
        events[event.convention_id].append(event)
    signers: dict[int, set[str]] = defaultdict(set)
    for signature in session.exec(select(Signature)).all():
        signers[signature.convention_id].add(signature.signatory)
    for c in session.exec(select(Convention)).all():
        granted = {e.kind: e.granted for e in events[c.id or 0]}  # the last event of each kind wins
        validated = {kind for kind, ok in granted.items() if ok}
        if c.status in (ConventionStatus.VALIDATED, ConventionStatus.SIGNED, ConventionStatus.FINISHED):
            assert validated == set(circuits[c.composante_id].split(',')), c.number
        if c.status == ConventionStatus.CREATED:
            assert validated != set(circuits[c.composante_id].split(','))
        if c.status in (ConventionStatus.SIGNED, ConventionStatus.FINISHED):
            assert len(signers[c.id or 0]) == 5
        else:
            assert len(signers[c.id or 0]) < 5
        if c.status == ConventionStatus.FINISHED:
            assert c.end_date < DEMO_TODAY
        if c.status in (ConventionStatus.CREATED, ConventionStatus.VALIDATED):
            assert c.start_date > DEMO_TODAY


def test_conventions_still_open_to_changes_pass_every_check_of_the_wizard(session: Session) -> None:
    """A « créée » convention can be reopened in the wizard: it must go through to the recap without an error."""
    names = dict(session.exec(select(Organisation.id, Organisation.name)).all())
    created = session.exec(select(Convention).where(Convention.status == ConventionStatus.CREATED)).all()
    for convention in created:
        data = draft_data(session, convention, organisation_name=names[convention.organisation_id])
        student_id, convention_id = convention.student_id, convention.id
        facts = load_facts(session, data, student_id=student_id, convention_id=convention_id, today=DEMO_TODAY)
        verdict = check_step(LAST_STEP, with_clear_nir(data), facts).verdict
        assert verdict.errors == {}, convention.number


def test_one_avenant_waits_and_one_extended_a_stage(session: Session) -> None:
    amendments = {a.status: a for a in session.exec(select(Amendment)).all()}
    assert set(amendments) == {AmendmentStatus.CREATED, AmendmentStatus.VALIDATED}
    extension = amendments[AmendmentStatus.VALIDATED]
    convention = session.get(Convention, extension.convention_id)
    assert convention is not None
    assert extension.new_end_date is not None
    assert extension.new_end_date > convention.end_date
    assert extension.number == f'{convention.number}-A1'
    assert extension.new_effective_hours is not None
    assert convention.effective_hours < extension.new_effective_hours <= 924
    assert session.exec(select(ValidationEvent).where(ValidationEvent.amendment_id == extension.id)).all()
    for amendment in amendments.values():
        parent = session.get(Convention, amendment.convention_id)
        assert parent is not None
        assert parent.status in (ConventionStatus.VALIDATED, ConventionStatus.SIGNED)


def _user(session: Session, login: str) -> User:
    user = session.exec(select(User).where(User.login == login)).one()
    assert user.is_demo
    return user


def _roles(session: Session, user: User) -> set[tuple[Role, int | None]]:
    rows = session.exec(select(UserRole).where(UserRole.user_id == user.id)).all()
    return {(row.role, row.composante_id) for row in rows}


def test_demo_accounts_play_their_roles(session: Session) -> None:
    first = session.exec(select(Composante.id).order_by(col(Composante.id))).first()
    student_user = _user(session, 'etudiant')
    assert _roles(session, student_user) == {(Role.STUDENT, None)}
    mine = session.exec(select(Convention).where(Convention.student_id == student_user.student_id)).all()
    assert len({c.status for c in mine}) >= 3
    assert {c.composante_id for c in mine} == {first}
    assert session.exec(select(ConventionDraft).where(ConventionDraft.student_id == student_user.student_id)).one()

    teacher_user = _user(session, 'enseignant')
    assert _roles(session, teacher_user) == {(Role.TEACHER, first)}
    followed = session.exec(select(Convention).where(Convention.referent_id == teacher_user.teacher_id)).all()
    assert 8 <= len(followed) <= 16

    assert _roles(session, _user(session, 'gestionnaire')) == {(Role.MANAGER, first)}
    assert _roles(session, _user(session, 'admin')) == {(Role.ADMIN, None)}


@pytest.mark.usefixtures('session')
def test_demo_accounts_log_in_only_in_demo_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PSTAGE_DEMO', 'true')
    reload_settings()
    for account in DEMO_ACCOUNTS:
        assert authenticate(account.login, DEMO_PASSWORD).login == account.login
    monkeypatch.setenv('PSTAGE_DEMO', 'false')
    reload_settings()
    for account in DEMO_ACCOUNTS:
        with pytest.raises(LoginError):
            authenticate(account.login, DEMO_PASSWORD)


@pytest.fixture(scope='module')
def seeded_by_cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int], dict[str, int]]]:
    """`pstage seed-demo --if-empty` run twice on a new database: counts after each run."""
    url = _empty_database(tmp_path_factory.mktemp('cli'))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv('PSTAGE_DATABASE_URL', url)
        counts = []
        for _ in range(2):
            assert cli.main(['seed-demo', '--if-empty']) == 0
            with session_scope() as session:
                counts.append(_counts(session))
    yield url, counts[0], counts[1]
    reload_settings()


def test_seeding_twice_if_empty_changes_nothing(seeded_by_cli: tuple[str, dict[str, int], dict[str, int]]) -> None:
    _, first, second = seeded_by_cli
    assert first['Convention'] == 120
    assert second == first


def test_the_same_seed_gives_the_same_organisations(
    seeded: SeededDatabase, seeded_by_cli: tuple[str, dict[str, int], dict[str, int]]
) -> None:
    def organisations(url: str) -> list[tuple[str, str | None]]:
        database.configure(url)
        with session_scope() as session:
            return list(
                session.exec(select(Organisation.name, Organisation.siret).order_by(col(Organisation.id))).all()
            )

    assert organisations(seeded.url) == organisations(seeded_by_cli[0])


def _communes() -> list[dict[str, str]]:
    return json.loads((DATA_DIR / 'communes-demo.json').read_text(encoding='utf-8'))
