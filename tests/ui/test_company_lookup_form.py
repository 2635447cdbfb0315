"""The company-register lookup in « Ajouter un établissement »: it prefills the form, or says it is unavailable."""

import pytest
from nicegui.testing import User

from settings import reload_settings
from tests.company_register import replay_server
from tests.ui.helpers import log_in
from tests.ui.wizard_steps import field_value, set_value


async def open_form(user: User) -> None:
    await log_in(user, 'alice')
    await user.open('/etablissements/nouveau')
    await user.should_see(marker='organisation-form', retries=20)


async def test_a_siret_prefills_the_form_from_the_register(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    with replay_server() as (url, queries):
        monkeypatch.setenv('PSTAGE_COMPANY_LOOKUP_URL', url)
        reload_settings()
        await open_form(user)
        user.find(marker='org-siret').type('443 061 841 00047')  # a full SIRET asks the register by itself
        await user.should_see(marker='org-lookup-result-44306184100047', retries=30)
        user.find(marker='org-lookup-use-44306184100047').click()
        user.find(marker='org-lookup').clear().type('44306184100039')  # the head office: closed, it says so
        user.find(marker='org-lookup-run').click()
        await user.should_see(marker='org-lookup-closed', retries=30)
    assert queries == ['44306184100047', '44306184100039']
    assert field_value(user, 'org-name') == 'BOULANGERIE LES TROIS EPIS'
    assert field_value(user, 'org-address') == '4 place DARCY'
    assert (field_value(user, 'org-postal_code'), field_value(user, 'org-city')) == ('21000', 'DIJON')
    assert field_value(user, 'org-naf_code') == '10.71C'
    assert field_value(user, 'org-headcount_range') == '02'
    assert field_value(user, 'org-legal_category') == '5499'


async def test_with_the_register_stopped_the_form_still_works(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    with replay_server() as (url, _queries):
        pass
    monkeypatch.setenv('PSTAGE_COMPANY_LOOKUP_URL', url)  # nothing listens there any more
    reload_settings()
    await open_form(user)
    user.find(marker='org-lookup').type('trois epis')
    user.find(marker='org-lookup-run').click()
    await user.should_see(marker='org-lookup-status', content='indisponible', retries=30)
    for name, value in {'name': 'Boulangerie Les Trois Épis', 'siret': '443 061 841 00047', 'address': '4 place Darcy',
                        'postal_code': '21000', 'city': 'Dijon'}.items():  # fmt: skip
        user.find(marker=f'org-{name}').type(value)
    set_value(user, 'org-naf_code', '10.71C')
    set_value(user, 'org-legal_category', '5499')
    user.find(marker='organisation-form-submit').click()
    await user.should_see(marker='organisation-name', content='Boulangerie Les Trois Épis', retries=30)


async def test_without_the_setting_there_is_no_lookup(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv('PSTAGE_COMPANY_LOOKUP_URL', raising=False)
    reload_settings()
    await open_form(user)
    await user.should_not_see(marker='org-lookup-panel')
