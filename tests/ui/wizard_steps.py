"""Steps of the wizard stories: a student fills each screen the way the guide describes it."""

import asyncio
from typing import Any

from nicegui.elements.mixins.value_element import ValueElement
from nicegui.testing import User

from tests.ui.helpers import log_in

NIR = '2 04 03 21 231 005 10'  # a valid NIR (checked by python-stdnum)


def set_value(user: User, marker: str, value: Any) -> None:
    """Selects and date pickers: what a click in the list or the calendar leaves in the field."""
    for element in user.find(marker=marker).elements:
        assert isinstance(element, ValueElement)
        element.value = value


def field_value(user: User, marker: str) -> Any:
    element = user.find(marker=marker).elements.pop()
    assert isinstance(element, ValueElement)
    return element.value


def is_drawn(user: User, step: int) -> bool:
    return bool(user.find(marker=f'step-{step}').elements.pop().default_slot.children)


async def should_be_at_step(user: User, step: int) -> None:
    """The wizard shows `step`, drawn (a step's content is drawn when it opens)."""
    for _attempt in range(30):
        if field_value(user, 'wizard') == str(step) and is_drawn(user, step):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'the wizard is at step {field_value(user, "wizard")}, not at step {step} drawn')


async def open_step(user: User, step: int) -> None:
    """A click on the step's header: the wizard opens it and draws it."""
    set_value(user, 'wizard', str(step))
    await should_be_at_step(user, step)


async def start_wizard(user: User, login: str = 'alice', start: str = '/conventions/nouvelle') -> None:
    await log_in(user, login, start=start)
    await user.should_see(marker='wizard-reminder')
    user.find(marker='wizard-start').click()
    await user.should_see(marker='student-identity')


async def fill_student_step(user: User, *, fund: str = 'CPAM de la Côte-d’Or', phone: str = '06 12 34 56 78') -> None:
    user.find(marker='student-student_phone').type(phone)
    user.find(marker='student-health_insurance_fund').type(fund)
    user.find(marker='student-nir').type(NIR)
    user.find(marker='step1-validate').click()
    await user.should_see(marker='student-confirmation')
    user.find(marker='step1-confirm').click()
    await user.should_see('Votre stage est-il en rapport avec une offre ?')


async def create_host(user: User, **fields: str) -> None:
    values = {
        'name': 'Boulangerie Les Trois Épis',
        'siret': '443 061 841 00047',
        'address': '4 place Darcy',
        'postal_code': '21000',
        'city': 'Dijon',
        'phone': '03 80 39 30 00',
        'email': 'contact@troisepis.example',
    } | fields
    await user.should_see(marker='host-create', retries=30)  # step 2 is drawn when it opens
    user.find(marker='host-create').click()
    await user.should_see(marker='organisation-form')
    for name, value in values.items():
        user.find(marker=f'org-{name}').type(value)
    set_value(user, 'org-naf_code', '10.71C')
    set_value(user, 'org-legal_category', '5499')
    set_value(user, 'org-headcount_range', '02')
    user.find(marker='organisation-form-submit').click()


async def create_contact(user: User, create_marker: str, **fields: str) -> None:
    await user.should_see(marker=create_marker, retries=30)  # its step is drawn when it opens
    user.find(marker=create_marker).click()
    await user.should_see(marker='contact-form')
    set_value(user, 'contact-civility', fields.pop('civility', 'Mme'))
    for name, value in fields.items():
        user.find(marker=f'contact-{name}').type(value)
    user.find(marker='contact-form-submit').click()
