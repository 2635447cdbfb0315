"""The page frame of the guide: top menu (Accueil, Besoin d'aide ?), side menu, current user, logout.

It also sets what every page shares: the language of the tab (<html lang>, translations), the page title,
the university's logo and colour, a « Aller au contenu » skip link, landmarks (header, navigation; Quasar's
page is the main), a visible keyboard focus and the « Chargement… » indicator of components/busy.py.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path

from nicegui import app, ui

from components import busy
from components.language import apply, language_for, language_switch
from components.navigation import TOP_MENU, MenuEntry, side_menu_for
from services.actor import Actor
from services.i18n import _
from settings import get_settings

LOGO_URL = '/universite/logo'
# Quasar's green and red are too light for text on white (2.6:1, 3.9:1): darker shades reach 4.5:1 and still
# carry white text on buttons and notifications.
READABLE = {'positive': '#1b6e2a', 'negative': '#b00020'}
STYLE = (Path(__file__).parent / 'frame.css').read_text(encoding='utf-8')
SCRIPT = (Path(__file__).parent / 'frame.js').read_text(encoding='utf-8')


_served: dict[Path, str] = {}


def logo_url() -> str | None:
    """The university's logo, served under LOGO_URL (None when PSTAGE_UNIVERSITY_LOGO is unset or missing)."""
    logo = get_settings().university_logo
    if logo is None or not logo.is_file():
        return None
    if logo not in _served:
        _served[logo] = f'{LOGO_URL}-{len(_served) + 1}{logo.suffix.lower()}'
        app.add_static_file(local_file=logo, url_path=_served[logo])
    return _served[logo]


@contextmanager
def frame(actor: Actor | None, title: str) -> Iterator[ui.column]:
    """Draws header and menus around the page content; yields the content column."""
    settings = get_settings()
    apply(language_for(actor))
    ui.colors(primary=settings.primary_color, **READABLE)
    ui.page_title(f'{title} — PStage')
    ui.add_head_html(f'<style>{STYLE}</style><script>{SCRIPT}</script>')
    current_path = _current_path()
    drawer = None
    with ui.header(elevated=False).classes('items-center gap-2 px-3 py-1 bg-primary text-white pstage-nav'):
        ui.link(_('Aller au contenu'), '#contenu').classes('pstage-skip').mark('skip-link')
        if actor is not None:
            ui.button(icon='menu', on_click=lambda: drawer.toggle() if drawer else None).props(
                f'flat round color=white aria-label="{_("Menu")}" aria-controls=menu-principal'
            ).classes('lg:hidden').mark('menu-toggle')
        ui.html(brand(logo_url(), settings.university_name), sanitize=False).classes('flex items-center gap-2').mark(
            'brand'
        )
        ui.space()
        top = menu_links(TOP_MENU, lambda path: path == current_path, css='text-white px-2', icons=False)
        ui.html(top, sanitize=False, tag='nav').props(f'aria-label="{_("Menu du haut")}"').classes(
            'flex items-center'
        ).mark('top-menu')
        language_switch(actor)
        if actor is not None:
            ui.label(actor.display_name).classes('text-sm max-sm:hidden').mark('current-user')
            ui.link(_('Se déconnecter'), '/logout').classes('text-white px-2').mark('logout')
    if actor is not None:
        with (
            # Open on wide screens, folded on phones: the browser decides (show-if-above) and reports it. NiceGUI's
            # value=None would have the server ask every page's browser and wait for the answer.
            ui.left_drawer(value=False, bordered=True)
            .classes('bg-grey-1 pstage-nav pstage-drawer')
            .props('show-if-above width=240 breakpoint=1024 id=menu-principal') as drawer
        ):
            side = menu_links(side_menu_for(actor), current_path.startswith, css='pstage-menu-entry', icons=True)
            ui.html(side, sanitize=False, tag='nav').props(f'aria-label="{_("Menu principal")}"').classes(
                'flex flex-col gap-1 w-full'
            ).mark('side-menu')
    busy.indicator()
    with ui.column().classes('w-full max-w-6xl mx-auto p-4 gap-4') as content:
        content.props('id=contenu tabindex=-1')  # inside Quasar's <main class="q-page">
        ui.label(title).classes('text-2xl font-semibold').props('role=heading aria-level=1').mark('page-title')
        yield content


def brand(logo: str | None, university: str) -> str:
    """« PStage » linked to the home page, the university's logo beside it, then its name: one element."""
    # The link's name is « PStage »: the logo beside it is decoration for screen readers.
    image = f'<img src="{escape(logo)}" alt="" class="pstage-logo">' if logo else ''
    return (
        f'<a href="/" class="flex items-center gap-2 no-underline text-white">{image}'
        '<span class="text-xl font-bold">PStage</span></a>'
        f'<span class="text-sm max-sm:hidden">{escape(university, quote=False)}</span>'
    )


def menu_links(entries: Iterable[MenuEntry], is_current: Callable[[str], bool], *, css: str, icons: bool) -> str:
    """A menu's links as HTML, drawn as one element: plain links, the same ones the page would draw one element at a
    time (three per entry with its icon), and every page draws the menus."""
    links = []
    for entry in entries:
        icon = f'<i class="q-icon notranslate material-icons" aria-hidden="true">{entry.icon}</i>' if icons else ''
        current = ' pstage-current" aria-current="page' if is_current(entry.path) else ''
        label = escape(_(entry.label), quote=False)
        links.append(f'<a href="{escape(entry.path)}" class="{css}{current}">{icon}{label}</a>')
    return ''.join(links)


def _current_path() -> str:
    try:
        request = ui.context.client.request
    except RuntimeError:
        return ''
    return request.url.path if request is not None else ''
