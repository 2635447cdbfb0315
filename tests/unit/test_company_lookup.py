"""The optional company-register lookup: official data when it answers, a clear « indisponible » otherwise."""

import socket
import time
from datetime import date

import pytest

from services.company_lookup import LookupUnavailable, lookup_company, lookup_enabled
from settings import reload_settings
from tests.company_register import replay_server
from tests.factories import World
from tests.menu_data import actor


def use_register(monkeypatch: pytest.MonkeyPatch, url: str | None, timeout: float = 3.0) -> None:
    if url is None:
        monkeypatch.delenv('PSTAGE_COMPANY_LOOKUP_URL', raising=False)
    else:
        monkeypatch.setenv('PSTAGE_COMPANY_LOOKUP_URL', url)
    monkeypatch.setenv('PSTAGE_COMPANY_LOOKUP_TIMEOUT', str(timeout))
    reload_settings()


def test_a_siret_gives_the_establishments_official_data(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    with replay_server() as (url, queries):
        use_register(monkeypatch, url)
        assert lookup_enabled()
        facts = lookup_company(actor(world, 'alice'), '443 061 841 00047')[0]
        by_name = lookup_company(actor(world, 'alice'), 'trois epis')[0]
        head_office = lookup_company(actor(world, 'alice'), '44306184100039')[0]
    assert queries == ['44306184100047', 'trois epis', '44306184100039']
    assert facts.siret == '44306184100047'  # the establishment asked for, not the closed head office
    assert (facts.name, facts.trade_name) == ('BOULANGERIE LES TROIS EPIS', 'TROIS EPIS')
    assert (facts.address, facts.postal_code, facts.city) == ('4 place DARCY', '21000', 'DIJON')
    assert (facts.naf_code, facts.headcount_range, facts.legal_category) == ('10.71C', '02', '5499')
    assert facts.open
    assert facts.closed_on is None
    assert by_name.siret == '44306184100047'  # by name: the establishment that matched
    assert not head_office.open  # the register says the head office closed
    assert head_office.closed_on == date(2019, 6, 30)
    form = facts.form_values()
    assert (form.siret, form.kind, form.country_code) == ('44306184100047', 'entreprise_privee', 'FR')


def test_off_unreachable_or_slow_is_unavailable(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    student = actor(world, 'alice')
    use_register(monkeypatch, None)
    assert not lookup_enabled()
    with pytest.raises(LookupUnavailable):
        lookup_company(student, '44306184100047')
    with replay_server() as (url, _queries):
        pass  # stopped: nothing listens there any more
    use_register(monkeypatch, url)
    with pytest.raises(LookupUnavailable) as unavailable:
        lookup_company(student, '44306184100047')
    assert 'indisponible' in str(unavailable.value)

    silent = socket.socket()  # accepts the connection, never answers
    silent.bind(('127.0.0.1', 0))
    silent.listen()
    use_register(monkeypatch, f'http://127.0.0.1:{silent.getsockname()[1]}', timeout=0.5)
    started = time.monotonic()
    with pytest.raises(LookupUnavailable):
        lookup_company(student, '44306184100047')
    assert time.monotonic() - started < 3
    silent.close()
