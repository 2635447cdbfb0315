"""The page frame of the guide: top menu (Accueil, Besoin d'aide ?), side menu, current user, logout."""

from collections.abc import Iterator
from contextlib import contextmanager

from nicegui import ui

from components.navigation import TOP_MENU, side_menu_for
from services.actor import Actor
from services.i18n import _
from settings import get_settings

PRIMARY = '#1f4e8c'  # dark public-service blue: white text on it passes WCAG AA


@contextmanager
def frame(actor: Actor | None, title: str) -> Iterator[ui.column]:
    """Draws header and menus around the page content; yields the content column."""
    ui.colors(primary=PRIMARY)
    ui.page_title(f'{title} — PStage')
    ui.add_head_html('<style>.pstage-nav a:focus-visible{outline:3px solid #ffbf47}</style>')
    drawer = None
    with ui.header(elevated=True).classes('items-center gap-2 px-3 py-1 bg-primary text-white pstage-nav'):
        if actor is not None:
            ui.button(icon='menu', on_click=lambda: drawer.toggle() if drawer else None).props(
                'flat round color=white aria-label="Menu"'
            ).classes('lg:hidden')
        ui.link('PStage', '/').classes('text-xl font-bold text-white no-underline')
        ui.label(get_settings().university_name).classes('text-sm opacity-90 max-sm:hidden')
        ui.space()
        for entry in TOP_MENU:
            ui.link(_(entry.label), entry.path).classes('text-white px-2').mark(f'top-menu {entry.path}')
        if actor is not None:
            ui.label(actor.display_name).classes('text-sm max-sm:hidden').mark('current-user')
            ui.link(_('Se déconnecter'), '/logout').classes('text-white px-2').mark('logout')
    if actor is not None:
        with (
            ui.left_drawer(value=True, bordered=True)
            .classes('bg-grey-1 pstage-nav')
            .props('width=240 breakpoint=1024') as drawer,
            ui.column().classes('gap-1 w-full').props('role=navigation aria-label="Menu principal"'),
        ):
            for entry in side_menu_for(actor):
                with (
                    ui.link(target=entry.path)
                    .classes(
                        'flex items-center gap-2 w-full px-3 py-2 rounded no-underline text-grey-10 hover:bg-grey-3'
                    )
                    .mark(f'side-menu {entry.path}')
                ):
                    ui.icon(entry.icon).classes('text-primary')
                    ui.label(_(entry.label))
    with ui.column().classes('w-full max-w-6xl mx-auto p-4 gap-4') as content:
        ui.label(title).classes('text-2xl font-semibold').props('role=heading aria-level=1').mark('page-title')
        yield content
