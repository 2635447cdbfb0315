"""The staff home's « À faire »: each counter counts what waits on the person, within their rights and scope, and
opens the search that lists them."""

from datetime import date

from models import Amendment, AmendmentStatus, QuestionKind, Respondent
from services import evaluation_forms
from services.database import session_scope
from services.evaluation_questions import QuestionInput, add_question
from services.staff_counters import staff_counters
from tests.factories import World
from tests.menu_data import actor, add_convention

BEFORE_THE_STAGES = date(2027, 3, 25)  # the world's stages start on 6 April 2027; alert delay: 15 days


def counts(world: World, login: str, today: date = BEFORE_THE_STAGES) -> dict[str, int]:
    return {counter.key: counter.count for counter in staff_counters(actor(world, login), today)}


def test_a_gestionnaire_sees_every_kind_of_work_in_his_composante(world: World) -> None:
    add_convention(world, '2026-000011', 'chloe', other_composante=True)
    assert counts(world, 'gestion') == {
        'to-validate': 2,
        'starting-soon': 2,
        'amendments': 0,
        'signatures': 1,
        'evaluations': 0,
    }
    assert counts(world, 'gestion', date(2027, 1, 4))['starting-soon'] == 0  # more than 15 days ahead
    assert counts(world, 'gestion', date(2027, 5, 29))['starting-soon'] == 0  # over: no longer « soon »
    assert counts(world, 'admin')['to-validate'] == 3  # every composante
    links = {counter.key: counter.link for counter in staff_counters(actor(world, 'gestion'), BEFORE_THE_STAGES)}
    assert links['to-validate'] == '/validation?statut=creee'
    assert links['starting-soon'] == '/conventions/recherche?statut=creee&du=2027-03-25&au=2027-04-09'
    assert links['signatures'] == '/validation?statut=validee'
    assert links['evaluations'] == '/evaluations/suivi?incomplets=1'


def test_avenants_and_missing_evaluations_are_counted_and_listed(world: World) -> None:
    with session_scope() as session:
        amendment = Amendment(
            number='2026-000002-A1',
            convention_id=world.convention_ids['alice_validated'],
            sequence=1,
            status=AmendmentStatus.CREATED,
            motif='Prolongation',
            created_by_id=world.user_ids['gestion'],
        )
        session.add(amendment)
        session.flush()
        amendment_id = amendment.id
    gestion = actor(world, 'gestion')
    form = evaluation_forms.create_form(gestion, world.composante_id, Respondent.TUTOR, 'Avis du tuteur')
    add_question(gestion, form, QuestionInput(QuestionKind.SCALE, 'Appréciation'))
    evaluation_forms.set_active(gestion, form, True)
    add_convention(world, '2025-000001', 'bob', start=date(2025, 4, 1), end=date(2025, 5, 30))
    counters = {counter.key: counter for counter in staff_counters(gestion, BEFORE_THE_STAGES)}
    assert counters['amendments'].count == 1
    assert counters['amendments'].items == [('Avenant n° 2026-000002-A1', f'/avenants/{amendment_id}')]
    assert counters['evaluations'].count == 1


def test_a_teacher_sees_only_what_his_validations_call_for(world: World) -> None:
    assert counts(world, 'dupont') == {'to-validate': 2, 'starting-soon': 2}
    assert counts(world, 'roux') == {'to-validate': 0, 'starting-soon': 0}  # none of his students
    assert staff_counters(actor(world, 'alice'), BEFORE_THE_STAGES) == []
