"""The same student flow in a real browser (Debian's Chromium driven by Playwright), for a few users.

It measures what a person waits for — from a click, or the last keystroke in a live search, to the page
showing what follows, rendering included (typing is the person's own time) — while the many Socket.IO users
of bench/_load_scenario.py make the load. Chromium: PSTAGE_E2E_CHROMIUM or /usr/bin/chromium (never a
browser downloaded by Playwright).
"""

import asyncio
import os
import re
import shutil
import tempfile
import time
from contextlib import asynccontextmanager
from typing import Any

from bench._load_scenario import END, NIR, START, FlowFailed, Stats

CHROMIUM = os.environ.get('PSTAGE_E2E_CHROMIUM', '/usr/bin/chromium')
ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--no-first-run']
TIMEOUT_MS = 30_000


def available() -> str | None:
    """None when a browser user can run, else why not."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return 'Playwright is not installed (pip install -e .[dev])'
    return None if os.path.exists(CHROMIUM) else f'no Chromium at {CHROMIUM} (apt-get install chromium)'


def executable() -> str:
    """Chromium, kept from passing before the servers. Run as root, it raises its browser and GPU processes to
    nice -8 (its « display » priority): on this machine, ahead of the servers it measures, where a student's browser
    runs on the student's own machine. Started without the right to raise a priority (setpriv drops CAP_SYS_NICE),
    its request fails and it runs at the servers' level."""
    setpriv = shutil.which('setpriv')
    if os.geteuid() != 0 or setpriv is None:
        return CHROMIUM
    wrapper = os.path.join(tempfile.gettempdir(), 'pstage-bench-chromium')
    with open(wrapper, 'w', encoding='utf-8') as script:
        script.write(f'#!/bin/sh\nexec {setpriv} --inh-caps=-sys_nice --bounding-set=-sys_nice {CHROMIUM} "$@"\n')
    os.chmod(wrapper, 0o755)
    return wrapper


# What the person waits for, checked in the page at every animation frame: Playwright's own waits poll at
# growing intervals (up to 0.5–1 s), which would round every latency up to their next poll.
TEXT_SHOWN = """t => [...document.querySelectorAll('body *')].some(
    e => e.childElementCount === 0 && e.textContent.includes(t) && e.checkVisibility())"""
STEP_OPEN = "t => (document.querySelector('[aria-current=step]')?.textContent || '').includes(t)"
FIELD_SHOWN = "t => [...document.querySelectorAll('label')].some(e => e.textContent.includes(t) && e.checkVisibility())"
BUTTON_SHOWN = """t => [...document.querySelectorAll('button')].some(b => {
    const name = b.cloneNode(true); name.querySelectorAll('.q-icon').forEach(i => i.remove());
    return name.textContent.trim() === t && b.checkVisibility() && !b.disabled; })"""
HEADING_SHOWN = """t => [...document.querySelectorAll('[role=heading][aria-level="1"]')].some(
    h => h.textContent.includes(t))"""
OPTION_SHOWN = """t => [...document.querySelectorAll('[role=option]')].some(
    o => o.textContent.toLowerCase().includes(t.toLowerCase()) && o.checkVisibility())"""


async def shows(page: Any, predicate: str, value: str) -> None:
    await page.wait_for_function(predicate, arg=value, polling='raf', timeout=TIMEOUT_MS)


class Clock:
    def __init__(self) -> None:
        self.waited = 0.0

    @asynccontextmanager
    async def wait(self, ready: Any = None) -> Any:
        """Time what follows; with `ready`, from the moment that button can be clicked (the page's scrolling and
        transitions over: a person clicks what stands still, Playwright waits for it)."""
        if ready is not None:
            await ready.click(trial=True)
        started = time.perf_counter()
        yield
        self.waited += time.perf_counter() - started


class BrowserStudent:
    def __init__(self, browser: Any, base_url: str, login: str, password: str, organisation: str, teacher: str,
                 stats: Stats) -> None:  # fmt: skip
        self.browser, self.base_url, self.login, self.password = browser, base_url, login, password
        self.organisation, self.teacher, self.stats = organisation, teacher, stats
        self.page: Any = None

    async def page_says(self) -> str:
        """The error texts the page shows (notifications, fields in error): why a wait ran out, as a person sees."""
        try:
            texts = await self.page.locator('.q-notification, .q-field--error .q-field__messages').all_inner_texts()
        except Exception:  # no page, or the page itself is gone
            return ''
        shown = ' | '.join(' '.join(text.split()) for text in texts if text.strip())
        return f' [la page affiche : {shown[:300]}]' if shown else ''

    @staticmethod
    def what_failed(error: Exception) -> str:
        """The error's first line, and for a Playwright wait what it waited for and the last thing it saw
        (its call log: « waiting for get_by_role(…) », « element is not visible », « … intercepts pointer events »)."""
        lines = [line.strip(' -') for line in str(error).splitlines()]
        waited = next((line for line in lines if line.startswith('waiting for')), '')
        seen = [
            line for line in lines[1:] if line and line != 'Call log:' and not line.startswith(('retrying', 'waiting'))
        ]
        last = seen[-1] if seen else ''
        return ' · '.join(dict.fromkeys(part[:160] for part in (lines[0] if lines else '', waited, last) if part))

    @asynccontextmanager
    async def action(self, name: str) -> Any:
        """One step of the flow; its time is the sum of its waits (`clock.wait()`): from a click to the page
        showing what follows. Typing and choosing in lists is the person's time, as the think time is."""
        clock = Clock()
        try:
            yield clock
        except Exception as error:
            detail = self.what_failed(error) + await self.page_says()
            self.stats.fail(name, f'{type(error).__name__}: {detail} ({self.organisation} / {self.teacher})')
            raise FlowFailed(name) from error
        self.stats.add(name, clock.waited)

    async def run(self) -> None:
        from playwright.async_api import expect

        expect.set_options(timeout=TIMEOUT_MS)  # the machine is loaded: wait as long as the Socket.IO users do
        context = await self.browser.new_context(base_url=self.base_url, locale='fr-FR')
        context.set_default_timeout(TIMEOUT_MS)
        page = self.page = await context.new_page()
        try:
            async with self.action('navigateur : connexion') as clock:
                async with clock.wait():
                    await page.goto('/login')
                await page.get_by_label('Identifiant').fill(self.login)
                await page.get_by_label('Mot de passe').fill(self.password)
                await self.press(clock, page.get_by_role('button', name='Se connecter'), page, TEXT_SHOWN, 'Bonjour')
            async with self.action('navigateur : assistant') as clock:
                async with clock.wait():
                    await page.goto('/conventions/nouvelle')
                start = page.get_by_role('button', name='Créer une nouvelle convention')
                await self.press(clock, start, page, FIELD_SHOWN, "Caisse d'assurance maladie")
            async with self.action('navigateur : étape 1') as clock:
                await page.get_by_label("Caisse d'assurance maladie").fill('CPAM de la Côte-d’Or')
                await page.get_by_label('N° de sécurité sociale (15 caractères, clé comprise)').fill(NIR)
                valider = page.get_by_role('button', name='Valider')
                await self.press(clock, valider, page, TEXT_SHOWN, 'Confirmez les informations saisies')
                await self.press(clock, valider, page, BUTTON_SHOWN, 'NON')
                await self.press(clock, page.get_by_role('button', name='NON'), page, FIELD_SHOWN, 'Raison sociale')
            await expect(page.locator('[aria-current=step]')).to_contain_text("Établissement d'accueil")
            async with self.action('navigateur : recherche établissement') as clock:
                typed = await self.fill(self.active(page).get_by_label('Raison sociale'), self.organisation)
                found = self.active(page).get_by_role('option').filter(has_text=self.organisation).first
                await shows(page, OPTION_SHOWN, self.organisation)
                clock.waited += time.perf_counter() - typed  # from the last keystroke
            async with self.action('navigateur : étape 2') as clock:
                await self.press(clock, found, page, BUTTON_SHOWN, 'Sélectionner et continuer')
                selected = page.get_by_role('button', name='Sélectionner et continuer')
                await self.press(clock, selected, page, STEP_OPEN, "Service d'accueil")
            for number in (3, 4):
                async with self.action(f'navigateur : étape {number}') as clock:
                    following = 'Tuteur professionnel' if number == 3 else 'Contenu du stage'
                    await self.press(
                        clock,
                        self.active(page).get_by_role('button', name='Sélectionner', exact=True).first,
                        page,
                        STEP_OPEN,
                        following,
                    )
            await self._content(page)
            async with self.action('navigateur : recherche enseignant') as clock:
                typed = await self.fill(self.active(page).get_by_label('Nom et prénom'), self.teacher)
                teacher = page.get_by_role('option').filter(has_text=re.compile(self.teacher.split()[0], re.I)).first
                await shows(page, OPTION_SHOWN, self.teacher.split()[0])
                clock.waited += time.perf_counter() - typed
            async with self.action('navigateur : étape 6') as clock:
                await teacher.click()
                valider = page.get_by_role('button', name='Valider')
                await expect(valider).to_be_enabled()
                await self.press(clock, valider, page, STEP_OPEN, 'Signataire')
            async with self.action('navigateur : étape 7') as clock:
                await self.press(
                    clock,
                    self.active(page).get_by_role('button', name='Sélectionner', exact=True).first,
                    page,
                    BUTTON_SHOWN,
                    'Créer',
                )
            async with self.action('navigateur : créer') as clock:
                create = page.get_by_role('button', name='Créer', exact=True)
                await self.press(clock, create, page, TEXT_SHOWN, 'a été créée')
            async with self.action('navigateur : récapitulatif') as clock:
                recap = page.get_by_role('button', name='Voir le récapitulatif')
                await self.press(clock, recap, page, HEADING_SHOWN, 'Récapitulatif')
            async with self.action('navigateur : PDF') as clock:
                printing = page.get_by_role('button', name=re.compile('la convention', re.IGNORECASE)).first
                await self.press(clock, printing, page, BUTTON_SHOWN, 'Télécharger le PDF')
            download_button = page.get_by_role('button', name='Télécharger le PDF')
            async with self.action('navigateur : téléchargement') as clock, clock.wait(download_button):
                async with page.expect_download() as download:
                    await download_button.click()
                if not (await download.value).suggested_filename.endswith('.pdf'):
                    raise RuntimeError('the download is not a PDF')
            self.stats.flow_done()
        finally:
            await context.close()

    @staticmethod
    async def press(clock: Clock, button: Any, page: Any, predicate: str, value: str) -> None:
        """Click `button` and wait until the page shows `value`: timed from when the button can be clicked."""
        async with clock.wait(button):
            await button.click()
            await shows(page, predicate, value)

    @staticmethod
    async def fill(field: Any, value: str) -> float:
        """Type into a field the page may still be redrawing (its step just opened): again if the text was lost.
        Returns when (time.perf_counter()) the text that stayed was typed."""
        for _attempt in range(20):
            typed = time.perf_counter()
            await field.fill(value)
            await asyncio.sleep(0.2)
            if await field.input_value() == value:
                return typed
        raise RuntimeError(f'« {value} » does not stay in the field')

    @staticmethod
    def active(page: Any) -> Any:
        """The current step of the wizard (the other steps' content stays in the page)."""
        return page.locator('.q-stepper__step').filter(has=page.locator('.q-stepper__tab--active'))

    async def _content(self, page: Any) -> None:
        from playwright.async_api import expect

        async with self.action('navigateur : étape 5') as clock:
            await page.get_by_label('Type de stage').click()
            await page.get_by_role('option', name='Stage obligatoire').first.click()
            await expect(page.get_by_role('option', name='Stage obligatoire')).to_be_hidden()
            await page.get_by_label('Thématique').click()
            await page.get_by_role('option', name=re.compile('Informatique')).first.click()
            for label, value in (
                ('Sujet du stage', 'Outil de suivi des stocks'),
                ('Activités confiées', 'Analyse du besoin, développement, tests'),
                ('Compétences à acquérir', 'Conduite de projet, Python, SQL'),
                ("Modalités d'encadrement", 'Point hebdomadaire avec le tuteur'),
                ('Date de début', START),
                ('Date de fin', END),
                ('Heures par semaine', '35'),
                ('Jours par semaine', '5'),
            ):
                await page.get_by_label(label).fill(value)
            await self.press(
                clock, page.get_by_role('button', name='Valider'), page, TEXT_SHOWN, 'Vérifiez le contenu du stage'
            )
            await self.press(
                clock, page.get_by_role('button', name='Valider'), page, STEP_OPEN, 'Responsable pédagogique'
            )
