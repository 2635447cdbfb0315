"""The interface language of a browser tab: told to services.i18n, set on <html lang>, switched by the user.

A page is built in one task, but the events of its tab (clicks, typing) run in others: the language is kept
in the tab's client storage and `services.i18n` asks for it through the resolver installed here.
"""

import copy

from nicegui import app, run, ui
from nicegui.client import Client
from nicegui.language import Language
from nicegui.slot import Slot, get_task_id

from services.actor import Actor
from services.i18n import add_language_resolver, current_language, set_language, supported
from services.preferences import set_interface_language
from settings import get_settings

CLIENT_KEY = 'language'
ANONYMOUS_KEY = 'language'  # in app.storage.user, before login
HTML_LANG: dict[str, Language] = {'fr': 'fr', 'en': 'en-GB'}
# Each language is offered in its own words (and marked as such for screen readers).
SWITCH_LABEL = {'fr': 'Français', 'en': 'English'}


def tab_client() -> Client | None:
    """The browser tab the current task works for, or None (a thread, or its elements already deleted)."""
    for slot in reversed(Slot.stacks.get(get_task_id(), [])):  # not Slot.get_stack(): it would create an entry
        try:
            return slot.parent.client
        except RuntimeError:  # the element that held this slot was deleted (a section redrawn meanwhile)
            continue
    return None


def _tab_language() -> str | None:
    client = tab_client()
    value = client.storage.get(CLIENT_KEY) if client is not None else None
    return value if isinstance(value, str) else None


def install() -> None:
    add_language_resolver(_tab_language)


def language_for(actor: Actor | None) -> str:
    """The user's language; before login, the one chosen in this browser, else the instance's default."""
    if actor is not None:
        return supported(actor.language) or get_settings().language
    try:
        chosen = app.storage.user.get(ANONYMOUS_KEY)
    except (RuntimeError, AssertionError):  # no browser session (e.g. an error page)
        chosen = None
    return supported(chosen if isinstance(chosen, str) else None) or get_settings().language


def apply(language: str) -> None:
    """The page being built speaks `language`: translations, Quasar's own texts and <html lang>."""
    client = ui.context.client
    client.storage[CLIENT_KEY] = language
    set_language(language)
    wanted = HTML_LANG[language]
    if client.page.resolve_language() != wanted:
        page = copy.copy(client.page)  # the page object is shared by every client of this path
        page.language = wanted
        client.page = page


def language_switch(actor: Actor | None) -> None:
    """« English » on a French page, « Français » on an English one; remembered for the user."""
    other = 'en' if current_language() == 'fr' else 'fr'

    async def switch() -> None:
        if actor is None:
            app.storage.user[ANONYMOUS_KEY] = other
        else:
            await run.io_bound(set_interface_language, actor, other)
        ui.navigate.reload()

    ui.button(SWITCH_LABEL[other], icon='translate', on_click=switch).props(
        f'flat dense no-caps color=white lang={HTML_LANG[other]}'
    ).mark('language-switch')
