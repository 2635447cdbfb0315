"""A student creates a complete convention with the wizard, as the guide's steps 1 to 8 describe."""

import re

from nicegui import ui
from nicegui.testing import User
from sqlmodel import select

from models import Contact, Convention, Organisation, Service
from services.database import session_scope
from services.rules import identity
from tests.factories import World
from tests.ui.wizard_steps import (
    create_contact,
    create_host,
    fill_student_step,
    is_drawn,
    set_value,
    should_be_at_step,
    start_wizard,
)


async def test_student_walks_the_whole_wizard_and_gets_a_numbered_convention(user: User, world: World) -> None:
    await start_wizard(user)
    await fill_student_step(user)
    user.find(marker='offer-no').click()

    # Étape 2: not in the base yet, so the student creates it, checks the recap and selects it.
    await create_host(user)
    await user.should_see(marker='host-recap')
    await user.should_see('443 061 841 00047')
    user.find(marker='host-select').click()

    # Étape 3: a new service at the same address.
    await should_be_at_step(user, 3)
    await user.should_see(marker='no-service')
    user.find(marker='service-create').click()
    await user.should_see(marker='service-form')
    user.find(marker='service-name').type('Fournil')
    user.find(marker='service-form-submit').click()
    await should_be_at_step(user, 4)  # the service created is the one chosen

    # Étape 4: the tutor, created as a contact of that service.
    await create_contact(
        user,
        'tutor-create',
        last_name='Roy',
        first_name='Anne',
        function='Cheffe boulangère',
        phone='06 11 22 33 44',
        email='anne.roy@troisepis.example',
    )

    # Étape 5: the content, with the duration computed by the server.
    await should_be_at_step(user, 5)
    set_value(user, 'content-internship_type', 'obligatoire')
    set_value(user, 'content-thematique_code', 'AGR')
    user.find(marker='content-subject').type('Organisation de la production')
    user.find(marker='content-activities').type('Planification des fournées')
    user.find(marker='content-competences').type('Gestion de production')
    user.find(marker='content-supervision').type('Point hebdomadaire avec la tutrice')
    set_value(user, 'content-start_date', '07/06/2027')
    set_value(user, 'content-end_date', '30/07/2027')
    user.find(marker='content-hours_per_week').type('35')
    user.find(marker='content-days_per_week').type('5')
    user.find(marker='content-gratified').click()
    user.find(marker='content-gratification_amount_cents').type('700')
    user.find(marker='step5-validate').click()
    await user.should_see(marker='step5-recap', retries=30)
    await user.should_see('Durée effective : 273 heures, soit 39 jours de présence (1,77 mois).')
    user.find(marker='step5-confirm').click()

    # Étape 6: the teacher found by a live search.
    await should_be_at_step(user, 6)
    assert not is_drawn(user, 5)  # the step left is emptied (redrawn from the draft if she goes back to it)
    user.find(marker='teacher-search-input').type('dupont jeane')
    await user.should_see(marker=f'teacher-search-result-{world.teacher_ids["dupont"]}', retries=20)
    user.find(marker=f'teacher-search-result-{world.teacher_ids["dupont"]}').click()
    await user.should_see('Responsable pédagogique : DUPONT Jeanne')
    user.find(marker='step6-validate').click()

    # Étape 7: the signatory is someone else, created here.
    await create_contact(
        user,
        'signatory-create',
        civility='M.',
        last_name='Perrin',
        first_name='Hugo',
        function='Gérant',
        phone='03 80 39 30 02',
        email='hugo.perrin@troisepis.example',
    )

    # Étape 8: the recap, then « Créer ».
    await should_be_at_step(user, 8)
    await user.should_see(marker='recap-group-7')
    await user.should_see('Hugo Perrin')  # the signatory just created
    user.find(marker='wizard-create').click()
    await user.should_see(marker='convention-created')
    message = user.find(kind=ui.label, marker='created-message').elements.pop().text
    number = re.fullmatch(r'La convention n° (\d{4}-\d{6}) a été créée\. Pensez à noter ce numéro\.', message)
    assert number is not None

    with session_scope() as session:
        convention = session.exec(select(Convention).where(Convention.number == number.group(1))).one()
        host = session.get(Organisation, convention.organisation_id)
        service = session.get(Service, convention.service_id)
        tutor = session.get(Contact, convention.tutor_id)
        signatory = session.get(Contact, convention.signatory_id)
    assert convention.student_id == world.student_ids['alice']
    assert convention.student_phone == '06 12 34 56 78'
    assert convention.health_insurance_fund == 'CPAM de la Côte-d’Or'
    assert convention.nir_encrypted is not None
    assert identity.decrypt(convention.nir_encrypted) == '204032123100510'
    assert host is not None
    assert (host.name, host.siret, host.naf_code, host.legal_category) == (
        'Boulangerie Les Trois Épis',
        '44306184100047',
        '10.71C',
        '5499',
    )
    assert host.needs_review
    assert service is not None
    assert (service.name, service.organisation_id) == ('Fournil', host.id)
    assert tutor is not None
    assert (tutor.last_name, tutor.first_name, tutor.function, tutor.service_id) == (
        'Roy',
        'Anne',
        'Cheffe boulangère',
        service.id,
    )
    assert signatory is not None
    assert (signatory.last_name, signatory.civility) == ('Perrin', 'M.')
    assert convention.referent_id == world.teacher_ids['dupont']
    assert (convention.internship_type, convention.thematique_code) == ('obligatoire', 'AGR')
    assert convention.subject == 'Organisation de la production'
    assert convention.supervision == 'Point hebdomadaire avec la tutrice'
    assert (convention.start_date.isoformat(), convention.end_date.isoformat()) == ('2027-06-07', '2027-07-30')
    assert (convention.hours_per_week, convention.days_per_week) == (35, 5)
    assert (convention.effective_hours, convention.effective_days) == (273, 39)
    assert convention.gratified
    assert (convention.gratification_amount_cents, convention.gratification_unit) == (70000, 'mois')
