"""The live search box: typing fast runs one search only (each keystroke cancels the pending one); keyboard choice;
the same results again leave the list shown as it is."""

import asyncio

from nicegui import ui
from nicegui.testing import User

from components.fuzzy_search import FuzzySearch, SearchResult

NAMES = ['Bénard Alice', 'Bernard Paul', 'Renard Zoé']


async def test_each_keystroke_cancels_the_pending_search_and_arrows_choose(user: User) -> None:
    searched: list[str] = []

    async def search(text: str) -> list[SearchResult]:
        searched.append(text)
        await asyncio.sleep(0.05)
        return [SearchResult(key=str(i), title=name, value=name) for i, name in enumerate(NAMES) if 'ard' in name]

    @ui.page('/essai-recherche')
    def page() -> None:
        chosen = ui.label('')
        FuzzySearch(search, lambda result: chosen.set_text(f'Choisi : {result.value}'), label='Nom', marker='box')

    await user.open('/essai-recherche')
    box = user.find(marker='box-input')
    for letter in 'bena':
        box.type(letter)
        await asyncio.sleep(0.02)  # faster than the debounce (0.1 s)
    await user.should_see(marker='box-result', retries=20)
    assert searched == ['bena']
    await user.should_see(marker='box-status', content='3 résultat(s)')

    box.trigger('keydown.down').trigger('keydown.down').trigger('keydown.enter')
    await user.should_see('Choisi : Bernard Paul')


async def test_the_same_results_again_keep_the_list_a_click_was_aimed_at(user: User) -> None:
    searched: list[str] = []

    async def search(text: str) -> list[SearchResult]:
        searched.append(text)
        return [SearchResult(key=str(i), title=name, value=name) for i, name in enumerate(NAMES) if 'ard' in name]

    @ui.page('/essai-recherche-bis')
    def page() -> None:
        chosen = ui.label('')
        box = FuzzySearch(search, lambda result: chosen.set_text(f'Choisi : {result.value}'), label='Nom', marker='box')
        ui.button('Chercher encore', on_click=box.refresh)  # as a filter next to the box does

    await user.open('/essai-recherche-bis')
    user.find(marker='box-input').type('bernard')
    await user.should_see(marker='box-result-1', retries=20)
    shown = user.find(marker='box-result-1').elements.pop()  # where the student's click lands

    user.find('Chercher encore').click()
    await user.should_see(marker='box-status', content='3 résultat(s)')
    for _ in range(20):  # the second search has run and been shown
        if searched == ['bernard', 'bernard']:
            break
        await asyncio.sleep(0.05)
    assert searched == ['bernard', 'bernard']
    await asyncio.sleep(0.05)
    assert not shown.is_deleted  # the same list: still the element the click was aimed at
    user.find(marker='box-result-1').click()
    await user.should_see('Choisi : Bernard Paul')
