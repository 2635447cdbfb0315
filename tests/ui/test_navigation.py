"""Each role finds exactly its menus of the guide; every entry opens its page; the rest answers 403 or 404."""

import html
import re

import pytest
from nicegui import ui
from nicegui.testing import User

from tests.ui.helpers import log_in

STUDENT_MENU = {
    '/conventions': 'Conventions de stage',
    '/etablissements': "Etablissements d'accueil",
    '/offres': 'Offres',
    '/evaluations': 'Evaluation des stages',
}
TEACHER_MENU = STUDENT_MENU | {'/validation': 'Validation'}
MANAGER_MENU = TEACHER_MENU | {'/statistiques': 'Statistiques', '/exports': 'Exports'}
ADMIN_MENU = MANAGER_MENU | {'/administration': 'Administration'}

LINK = re.compile(r'<a href="(?P<path>[^"]+)"[^>]*>(?:<i [^>]*>[^<]*</i>)?(?P<label>[^<]*)</a>')
PAGE_TITLES = {
    '/conventions': 'Conventions de stage',
    '/etablissements': "Rechercher un établissement d'accueil",
    '/offres': 'Rechercher une offre',
    '/evaluations': 'Evaluation des stages',
    '/validation': 'Validation',
    '/statistiques': 'Statistiques',
    '/exports': 'Exports',
    '/administration': 'Administration',
    '/aide': "Besoin d'aide ?",
    '/': 'Accueil',
}


def side_menu(user: User) -> dict[str, str]:
    """The side menu as shown: path -> label (its links are drawn as one element)."""
    (nav,) = user.find(marker='side-menu').elements
    assert isinstance(nav, ui.html)
    return {link['path']: html.unescape(link['label']) for link in LINK.finditer(nav.content)}


def page_title(user: User) -> str:
    (title,) = user.find(marker='page-title').elements
    assert isinstance(title, ui.label)
    return title.text


@pytest.mark.parametrize(
    ('login', 'menu'),
    [('alice', STUDENT_MENU), ('dupont', TEACHER_MENU), ('gestion', MANAGER_MENU), ('admin', ADMIN_MENU)],
)
async def test_each_role_sees_exactly_its_menu_and_every_entry_opens_its_page(
    user: User, login: str, menu: dict[str, str]
) -> None:
    await log_in(user, login)
    assert side_menu(user) == menu
    for path in [*menu, '/aide', '/']:
        await user.open(path)
        assert page_title(user) == PAGE_TITLES[path], path
        await user.should_not_see(marker='forbidden')


STAFF_PAGES = ['/administration', '/statistiques', '/exports', '/validation', '/conventions/recherche']


@pytest.mark.parametrize('path', STAFF_PAGES)
async def test_student_typing_a_staff_url_gets_the_forbidden_page(user: User, path: str) -> None:
    await log_in(user, 'alice')
    response = await user.http_client.get(path)
    assert response.status_code == 403
    assert 'Accès refusé' in response.text


async def test_teacher_cannot_open_the_manager_pages(user: User) -> None:
    await log_in(user, 'dupont')
    for path in ('/statistiques', '/exports', '/administration'):
        assert (await user.http_client.get(path)).status_code == 403, path


async def test_unknown_address_shows_the_friendly_404_page(user: User) -> None:
    await log_in(user, 'alice')
    response = await user.http_client.get('/cette-page-nexiste-pas')
    assert response.status_code == 404
    assert "Cette page n'existe pas." in response.text


async def test_healthz_reports_the_migration_head(user: User) -> None:
    from services import schema

    response = await user.http_client.get('/healthz')
    assert response.status_code == 200
    body = response.json()
    assert body['status'] == 'ok'
    assert body['migration'] == body['head'] == schema.head_revision()


async def test_help_page_gives_what_to_have_at_hand_the_steps_and_the_contact(user: User) -> None:
    await log_in(user, 'alice')
    await user.open('/aide')
    await user.should_see('Votre numéro de sécurité sociale et votre caisse d’assurance maladie.')
    await user.should_see("Etape 2 : Recherche de l'établissement")
    await user.should_see('Etape 7 : Signataire')
    await user.should_see('bureau des stages — stages@universite.example')


def current_links(user: User, marker: str) -> list[str]:
    (nav,) = user.find(marker=marker).elements
    assert isinstance(nav, ui.html)
    return [link['path'] for link in LINK.finditer(nav.content) if 'aria-current="page"' in link.group(0)]


async def test_the_menus_say_which_page_is_open(user: User) -> None:
    await log_in(user, 'alice')
    await user.open('/offres')
    assert current_links(user, 'side-menu') == ['/offres']
    assert current_links(user, 'top-menu') == []
    await user.open('/conventions/mes')  # a page under « Conventions de stage »
    assert current_links(user, 'side-menu') == ['/conventions']
    await user.open('/aide')
    assert current_links(user, 'side-menu') == []
    assert current_links(user, 'top-menu') == ['/aide']
