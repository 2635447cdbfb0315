"""The same student flow in a real browser (Debian's Chromium driven by Playwright), for a few users.

It measures what a person waits for — the page showing the next thing, rendering included — while the many
Socket.IO users of bench/_load_scenario.py make the load. Chromium: PSTAGE_E2E_CHROMIUM or /usr/bin/chromium
(never a browser downloaded by Playwright).
"""

import asyncio
import os
import re
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


class BrowserStudent:
    def __init__(self, browser: Any, base_url: str, login: str, password: str, organisation: str, teacher: str,
                 stats: Stats) -> None:  # fmt: skip
        self.browser, self.base_url, self.login, self.password = browser, base_url, login, password
        self.organisation, self.teacher, self.stats = organisation, teacher, stats

    @asynccontextmanager
    async def action(self, name: str) -> Any:
        started = time.perf_counter()
        try:
            yield
        except Exception as error:
            detail = str(error).splitlines()[0][:160]
            self.stats.fail(name, f'{type(error).__name__}: {detail} ({self.organisation} / {self.teacher})')
            raise FlowFailed(name) from error
        self.stats.add(name, time.perf_counter() - started)

    async def run(self) -> None:
        from playwright.async_api import expect

        expect.set_options(timeout=TIMEOUT_MS)  # the machine is loaded: wait as long as the Socket.IO users do
        context = await self.browser.new_context(base_url=self.base_url, locale='fr-FR')
        context.set_default_timeout(TIMEOUT_MS)
        page = await context.new_page()
        try:
            async with self.action('navigateur : connexion'):
                await page.goto('/login')
                await page.get_by_label('Identifiant').fill(self.login)
                await page.get_by_label('Mot de passe').fill(self.password)
                await page.get_by_role('button', name='Se connecter').click()
                await expect(page.get_by_text('Bonjour')).to_be_visible()
            async with self.action('navigateur : assistant'):
                await page.goto('/conventions/nouvelle')
                await page.get_by_role('button', name='Créer une nouvelle convention').click()
                await expect(page.get_by_label("Caisse d'assurance maladie")).to_be_visible()
            async with self.action('navigateur : étape 1'):
                await page.get_by_label("Caisse d'assurance maladie").fill('CPAM de la Côte-d’Or')
                await page.get_by_label('N° de sécurité sociale (15 caractères, clé comprise)').fill(NIR)
                await page.get_by_role('button', name='Valider').click()
                await expect(page.get_by_text('Confirmez les informations saisies')).to_be_visible()
                await page.get_by_role('button', name='Valider').click()
                await page.get_by_role('button', name='NON').click()
                await expect(page.get_by_label('Raison sociale')).to_be_visible()
            await expect(page.locator('[aria-current=step]')).to_contain_text("Établissement d'accueil")
            async with self.action('navigateur : recherche établissement'):
                await self.fill(self.active(page).get_by_label('Raison sociale'), self.organisation)
                found = self.active(page).get_by_role('option').filter(has_text=self.organisation).first
                await expect(found).to_be_visible()
            async with self.action('navigateur : étape 2'):
                await found.click()
                await page.get_by_role('button', name='Sélectionner et continuer').click()
                await expect(page.locator('[aria-current=step]')).to_contain_text("Service d'accueil")
            for number in (3, 4):
                async with self.action(f'navigateur : étape {number}'):
                    await self.active(page).get_by_role('button', name='Sélectionner', exact=True).first.click()
                    following = 'Tuteur professionnel' if number == 3 else 'Contenu du stage'
                    await expect(page.locator('[aria-current=step]')).to_contain_text(following)
            await self._content(page)
            async with self.action('navigateur : étape 6'):
                await self.fill(self.active(page).get_by_label('Nom et prénom'), self.teacher)
                await (
                    page.get_by_role('option').filter(has_text=re.compile(self.teacher.split()[0], re.I)).first.click()
                )
                await page.get_by_role('button', name='Valider').click()
                await expect(page.locator('[aria-current=step]')).to_contain_text('Signataire')
            async with self.action('navigateur : étape 7'):
                await self.active(page).get_by_role('button', name='Sélectionner', exact=True).first.click()
                await expect(page.get_by_role('button', name='Créer', exact=True)).to_be_visible()
            async with self.action('navigateur : créer'):
                await page.get_by_role('button', name='Créer', exact=True).click()
                await expect(page.get_by_text('a été créée').first).to_be_visible()
            async with self.action('navigateur : récapitulatif'):
                await page.get_by_role('button', name='Voir le récapitulatif').click()
                await expect(page.get_by_role('heading', level=1)).to_contain_text('Récapitulatif')
            async with self.action('navigateur : PDF'):
                await page.get_by_role('button', name=re.compile('la convention', re.IGNORECASE)).first.click()
                await expect(page.get_by_role('button', name='Télécharger le PDF')).to_be_visible()
            async with self.action('navigateur : téléchargement'):
                async with page.expect_download() as download:
                    await page.get_by_role('button', name='Télécharger le PDF').click()
                if not (await download.value).suggested_filename.endswith('.pdf'):
                    raise RuntimeError('the download is not a PDF')
            self.stats.flow_done()
        finally:
            await context.close()

    @staticmethod
    async def fill(field: Any, value: str) -> None:
        """Type into a field the page may still be redrawing (its step just opened): again if the text was lost."""
        for _attempt in range(20):
            await field.fill(value)
            await asyncio.sleep(0.2)
            if await field.input_value() == value:
                return
        raise RuntimeError(f'« {value} » does not stay in the field')

    @staticmethod
    def active(page: Any) -> Any:
        """The current step of the wizard (the other steps' content stays in the page)."""
        return page.locator('.q-stepper__step').filter(has=page.locator('.q-stepper__tab--active'))

    async def _content(self, page: Any) -> None:
        from playwright.async_api import expect

        async with self.action('navigateur : étape 5'):
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
            await page.get_by_role('button', name='Valider').click()
            await expect(page.get_by_text('Vérifiez le contenu du stage')).to_be_visible()
            await page.get_by_role('button', name='Valider').click()
            await expect(page.locator('[aria-current=step]')).to_contain_text('Responsable pédagogique')
