"""Nobody sees or changes what is not theirs: every action × every role × own / other / other-composante object.

The expected table below is written independently of services/permissions.POLICY, from the product
spec: a change to the policy must be made in both places, on purpose. Then, on every page with an id in
its URL, a person of the test world guesses the ids of objects that are not theirs and is refused.
"""

import re
from datetime import date
from pathlib import Path

import pytest
from nicegui.testing import User
from sqlmodel import select

from models import Amendment, AmendmentStatus, EvaluationForm, Offer, OfferStatus, Respondent, Role
from services.actor import Actor
from services.database import session_scope
from services.permissions import Action, Target, can
from tests.factories import World
from tests.menu_data import add_convention
from tests.ui.helpers import log_in

OWN, OTHER, ELSEWHERE = 'own', 'other', 'elsewhere'  # elsewhere: an object of another composante
ALL = frozenset({OWN, OTHER, ELSEWHERE})
COMPOSANTE = frozenset({OWN, OTHER})  # own composante, whoever's object it is
MINE = frozenset({OWN})  # the student's own / the teacher's referent conventions
NO = frozenset[str]()

# action: (student, teacher, manager, admin)
EXPECTED: dict[Action, tuple[frozenset[str], ...]] = {
    Action.CONVENTION_CREATE: (MINE, NO, COMPOSANTE, ALL),
    Action.CONVENTION_READ: (MINE, MINE, COMPOSANTE, ALL),
    Action.CONVENTION_UPDATE: (MINE, NO, COMPOSANTE, ALL),
    Action.CONVENTION_DELETE: (MINE, NO, COMPOSANTE, ALL),
    Action.CONVENTION_PRINT: (MINE, MINE, COMPOSANTE, ALL),
    Action.CONVENTION_SEARCH: (NO, MINE, COMPOSANTE, ALL),
    Action.VALIDATE_PEDAGOGICAL: (NO, MINE, COMPOSANTE, ALL),
    Action.VALIDATE_ADMINISTRATIVE: (NO, NO, COMPOSANTE, ALL),
    Action.AMENDMENT_CREATE: (MINE, NO, COMPOSANTE, ALL),
    Action.AMENDMENT_VALIDATE: (NO, NO, COMPOSANTE, ALL),
    Action.ORGANISATION_READ: (ALL, ALL, ALL, ALL),
    Action.ORGANISATION_CREATE: (ALL, ALL, ALL, ALL),
    Action.ORGANISATION_MANAGE: (NO, NO, ALL, ALL),
    Action.OFFER_READ: (ALL, ALL, ALL, ALL),
    Action.OFFER_MANAGE: (NO, NO, COMPOSANTE, ALL),
    Action.EVALUATION_ANSWER: (MINE, MINE, NO, NO),
    Action.EVALUATION_MANAGE: (NO, NO, COMPOSANTE, ALL),
    Action.STATISTICS_VIEW: (NO, NO, COMPOSANTE, ALL),
    Action.EXPORT: (NO, NO, COMPOSANTE, ALL),
    Action.ADMINISTER: (NO, NO, NO, ALL),
}

HOME, AWAY = 1, 2  # composante ids
ACTORS = {
    Role.STUDENT: Actor(user_id=1, login='s', display_name='S', scopes={Role.STUDENT: None}, student_id=10),
    Role.TEACHER: Actor(
        user_id=2, login='t', display_name='T', scopes={Role.TEACHER: frozenset({HOME})}, teacher_id=20
    ),
    Role.MANAGER: Actor(user_id=3, login='m', display_name='M', scopes={Role.MANAGER: frozenset({HOME})}),
    Role.ADMIN: Actor(user_id=4, login='a', display_name='A', scopes={Role.ADMIN: None}),
}
TARGETS = {
    OWN: Target(composante_id=HOME, student_id=10, referent_id=20),
    OTHER: Target(composante_id=HOME, student_id=11, referent_id=21),
    ELSEWHERE: Target(composante_id=AWAY, student_id=12, referent_id=22),
}
ROLES = (Role.STUDENT, Role.TEACHER, Role.MANAGER, Role.ADMIN)


def test_the_expected_table_covers_every_action() -> None:
    assert set(EXPECTED) == set(Action)


@pytest.mark.parametrize('action', list(Action))
def test_policy_matches_the_expected_table(action: Action) -> None:
    unexpected_successes, unexpected_refusals = [], []
    for role, allowed in zip(ROLES, EXPECTED[action], strict=True):
        for kind, target in TARGETS.items():
            outcome = can(ACTORS[role], action, target)
            if outcome and kind not in allowed:
                unexpected_successes.append((role.value, kind))
            if not outcome and kind in allowed:
                unexpected_refusals.append((role.value, kind))
    assert unexpected_successes == []
    assert unexpected_refusals == []


@pytest.mark.parametrize('action', list(Action))
def test_nobody_without_a_role_may_do_anything(action: Action) -> None:
    nobody = Actor(user_id=9, login='n', display_name='N', student_id=10, teacher_id=20)  # links but no role
    assert not any(can(nobody, action, target) for target in (*TARGETS.values(), None))
    assert not can(None, action)


def test_a_manager_of_one_composante_gains_nothing_elsewhere_from_another_role() -> None:
    both = Actor(
        user_id=5,
        login='st',
        display_name='ST',
        scopes={Role.STUDENT: None, Role.MANAGER: frozenset({HOME})},
        student_id=10,
    )
    assert can(both, Action.VALIDATE_ADMINISTRATIVE, TARGETS[OTHER])
    assert not can(both, Action.VALIDATE_ADMINISTRATIVE, TARGETS[ELSEWHERE])
    assert not can(both, Action.CONVENTION_READ, TARGETS[ELSEWHERE])


# --- id guessing on pages -----------------------------------------------------------------------------------

PAGES_DIR = Path(__file__).resolve().parents[2] / 'pages'
PAGE_PATH = re.compile(r"@protected_page\(\s*'([^']*\{[^']*)'")
# Pages with an id in their URL, and how they are guarded; a new one makes the test below fail until added.
ID_PAGES = {
    '/conventions/{convention_id:int}': 'the student, the referent teacher, managers of its composante',
    '/offres/{offer_id:int}': 'published offers for everyone; others for who manages them',
    '/etablissements/{organisation_id:int}': 'every signed-in person (ORGANISATION_READ: ANY in the policy)',
    '/conventions/{convention_id:int}/modifier': 'who may update it: the student, managers of its composante',
    '/offres/{offer_id:int}/modifier': 'who manages offers of its composante (OFFER_MANAGE)',
    '/evaluations/convention/{convention_id:int}': 'its student and its referent teacher (EVALUATION_ANSWER)',
    '/evaluations/questionnaires/{form_id:int}': 'who manages evaluations of its composante (EVALUATION_MANAGE)',
    '/conventions/{convention_id:int}/avenant': 'who may amend it: the student, managers of its composante',
    '/avenants/{amendment_id:int}': 'who may read its convention',
    '/avenants/{amendment_id:int}/modifier': 'who may amend its convention, until the avenant is validated',
}


def test_every_page_with_an_id_in_its_url_is_covered_here() -> None:
    found = {path for file in PAGES_DIR.rglob('*.py') for path in PAGE_PATH.findall(file.read_text(encoding='utf-8'))}
    assert found <= set(ID_PAGES), f'add these pages to ID_PAGES and to an id-guessing test: {found - set(ID_PAGES)}'


async def assert_refused(user: User, path: str, *hidden: str) -> None:
    """The page answers 403 (or 404 for what does not exist) and shows none of the object's data."""
    response = await user.http_client.get(path, follow_redirects=True)
    assert response.status_code in (403, 404), f'{path}: HTTP {response.status_code}'
    for text in hidden:
        assert text not in response.text


async def test_a_student_cannot_open_another_students_convention(user: User, world: World) -> None:
    await log_in(user, 'alice')
    await user.open(f'/conventions/{world.convention_ids["alice_created"]}')
    await user.should_see('2026-000001')  # her own: shown
    await assert_refused(user, f'/conventions/{world.convention_ids["bob_created"]}', '2026-000003')


async def test_a_student_of_another_composante_cannot_either(user: User, world: World) -> None:
    await log_in(user, 'chloe')
    for key in ('alice_created', 'alice_validated', 'bob_created'):
        await assert_refused(user, f'/conventions/{world.convention_ids[key]}', 'Diagnostic électronique')


async def test_a_student_cannot_edit_another_students_convention(user: User, world: World) -> None:
    await log_in(user, 'alice')
    await assert_refused(user, f'/conventions/{world.convention_ids["bob_created"]}/modifier', '2026-000003')


async def test_a_teacher_cannot_edit_a_convention_he_follows(user: User, world: World) -> None:
    await log_in(user, 'dupont')
    await assert_refused(
        user, f'/conventions/{world.convention_ids["bob_created"]}/modifier', 'Diagnostic électronique'
    )


async def test_a_teacher_sees_only_the_conventions_he_follows(user: User, world: World) -> None:
    await log_in(user, 'roux')  # dupont is the referent of every convention of the world, not roux
    await assert_refused(user, f'/conventions/{world.convention_ids["bob_created"]}', '2026-000003')


async def test_guessing_an_id_that_does_not_exist_reveals_nothing(user: User) -> None:
    await log_in(user, 'alice')
    await assert_refused(user, '/conventions/999999', '2026-0000')


async def test_a_student_cannot_open_an_unpublished_offer(user: User, world: World) -> None:
    with session_scope() as session:
        offer = Offer(
            number='OFF-TEST-1',
            title='Offre confidentielle en préparation',
            status=OfferStatus.DRAFT,
            organisation_id=world.organisation_id,
            composante_id=world.composante_id,
            description='Brouillon du bureau des stages',
        )
        session.add(offer)
        session.flush()
        offer_id = offer.id
    await log_in(user, 'alice')
    await assert_refused(user, f'/offres/{offer_id}', 'Offre confidentielle en préparation', 'Brouillon du bureau')
    with session_scope() as session:
        assert session.exec(select(Offer).where(Offer.id == offer_id)).one().status is OfferStatus.DRAFT


async def test_only_managers_of_its_composante_may_edit_an_offer(user: User, world: World) -> None:
    with session_scope() as session:
        offer = Offer(
            number='OFF-TEST-2',
            title='Offre de la composante Lettres',
            status=OfferStatus.DRAFT,
            organisation_id=world.organisation_id,
            composante_id=world.other_composante_id,
            description='Brouillon de l’UFR Lettres',
        )
        session.add(offer)
        session.flush()
        offer_id = offer.id
    await log_in(user, 'alice')
    await assert_refused(user, f'/offres/{offer_id}/modifier', 'Offre de la composante Lettres')
    await user.open('/logout')
    await log_in(user, 'gestion')  # manages UFR-ST, not UFR-LSH
    await assert_refused(user, f'/offres/{offer_id}/modifier', 'Offre de la composante Lettres', 'Brouillon de l')


async def test_a_student_cannot_open_another_students_evaluation(user: User, world: World) -> None:
    ended = add_convention(world, '2025-000009', 'bob', start=date(2025, 4, 1), end=date(2025, 5, 30))
    await log_in(user, 'alice')
    await assert_refused(user, f'/evaluations/convention/{ended}', '2025-000009', 'Moreau')
    await assert_refused(user, '/evaluations/convention/999999')


async def test_a_gestionnaire_cannot_open_another_composantes_evaluation_form(user: User, world: World) -> None:
    with session_scope() as session:
        form = EvaluationForm(
            composante_id=world.other_composante_id, respondent=Respondent.TUTOR, title='Questionnaire des Lettres'
        )
        session.add(form)
        session.flush()
        form_id = form.id
    await log_in(user, 'gestion')
    await assert_refused(user, f'/evaluations/questionnaires/{form_id}', 'Questionnaire des Lettres')
    await assert_refused(user, '/evaluations/questionnaires/999999')


async def test_nobody_else_opens_creates_or_modifies_a_students_avenant(user: User, world: World) -> None:
    convention_id = world.convention_ids['alice_validated']
    with session_scope() as session:
        amendment = Amendment(
            number='2026-000002-A1',
            convention_id=convention_id,
            sequence=1,
            status=AmendmentStatus.CREATED,
            motif='Prolongation confidentielle',
            new_end_date=date(2027, 6, 11),
            created_by_id=world.user_ids['alice'],
        )
        session.add(amendment)
        session.flush()
        amendment_id = amendment.id
    for intruder in ('bob', 'chloe', 'roux'):
        await log_in(user, intruder)
        await assert_refused(user, f'/avenants/{amendment_id}', 'Prolongation confidentielle')
        await assert_refused(user, f'/avenants/{amendment_id}/modifier', 'Prolongation confidentielle')
        await assert_refused(user, f'/conventions/{convention_id}/avenant', '2026-000002')
        await user.open('/logout')
    await log_in(user, 'alice')
    await assert_refused(user, '/avenants/999999')
