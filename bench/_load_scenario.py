"""One simulated student's whole flow, as the user guide describes it, timed action by action.

login → « Créer une nouvelle convention » → step 1 (sécurité sociale, confirmation, no offer) → step 2
(search the établissement by name, select it) → steps 3 and 4 (service, tutor) → step 5 (content, dates,
hours) → step 6 (search the teacher) → step 7 (signatory) → « Créer » → recap page → print the convention
→ download the PDF → logout. Each action's time runs from the click (or keystroke) to the moment the
page shows what follows.
"""

import asyncio
import functools
import math
import random
import re
import time
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench._nicegui_client import PageError, Tab

NIR = '2 04 03 21 231 005 10'
START, END = '05/04/2027', '28/05/2027'  # 8 weeks at 35 h: under the two months that make gratification due


@dataclass
class Stats:
    """Latencies per action (seconds) and failures per action, shared by every simulated user."""

    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    flows: int = 0
    numbers: list[str] = field(default_factory=list)
    recoveries: int = 0  # reloads after a failure
    sessions_lost: int = 0  # reloads that found the user logged out
    drafts_behind: int = 0  # reloads that resumed the draft at an earlier step than reached
    unfinished: int = 0  # flows still running long after their phase ended (then stopped)
    incidents: list[str] = field(
        default_factory=list
    )  # when (s since `started`) and what: lost sessions, drafts behind
    started: float = field(default_factory=time.monotonic)
    # The measured window (time.monotonic()): latencies and flows before it are the warm-up's, kept apart; after
    # it, not counted. Errors count at any time.
    measured_from: float = 0.0
    measured_until: float = math.inf
    warmup: dict[str, list[float]] = field(default_factory=dict)
    warmup_flows: int = 0
    # Parts of some actions (« connexion · page », …), measured window only: where an action's time goes.
    parts: dict[str, list[float]] = field(default_factory=dict)

    def at(self) -> str:
        return f'{time.monotonic() - self.started:5.1f} s'

    def measure(self, start: float, end: float = math.inf) -> None:
        self.measured_from, self.measured_until = start, end

    def _period(self) -> str:
        now = time.monotonic()
        return 'warm-up' if now < self.measured_from else 'measured' if now <= self.measured_until else 'after'

    def add(self, action: str, seconds: float) -> None:
        period = self._period()
        if period != 'after':
            (self.warmup if period == 'warm-up' else self.timings).setdefault(action, []).append(seconds)

    def add_part(self, part: str, seconds: float) -> None:
        if self._period() == 'measured':
            self.parts.setdefault(part, []).append(seconds)

    def flow_done(self) -> None:
        period = self._period()
        if period == 'warm-up':
            self.warmup_flows += 1
        elif period == 'measured':
            self.flows += 1

    def warmup_stats(self) -> 'Stats':
        """The warm-up's latencies as Stats of their own (for the report); its errors are in this one's."""
        return Stats(timings=self.warmup, flows=self.warmup_flows, started=self.started)

    def fail(self, action: str, message: str) -> None:
        self.errors.setdefault(action, []).append(f'{self.at()} {message[:300]}')


class FlowFailed(RuntimeError):
    pass


@dataclass
class Student:
    base_url: str
    login: str
    password: str
    organisation: str
    teacher: str
    stats: Stats
    tab: Tab | None = None
    current: str = ''
    number: str = ''
    think: float = 0.0  # mean pause before each action, in seconds (a person reads, types, clicks)
    reached: int = 0  # the wizard step this user had reached
    recap_path: str = ''  # the convention's page, once created
    _lap: float = 0.0  # when the current action, or its last part, began
    signed_in: bool = False  # the login of this flow went through

    @asynccontextmanager
    async def action(self, name: str) -> Any:
        """Time one action (after the user's think time); a failure is recorded under its name and ends this flow."""
        self.current = name
        if self.think:
            await asyncio.sleep(random.uniform(0.5, 1.5) * self.think)
        started = self._lap = time.perf_counter()
        try:
            yield
        except Exception as error:
            self.stats.fail(name, f'{type(error).__name__}: {error}')
            raise FlowFailed(name) from error
        self.stats.add(name, time.perf_counter() - started)

    def lap(self, part: str) -> None:
        """The time of a part of the current action, since it began or since its previous part (reported apart)."""
        now = time.perf_counter()
        self.stats.add_part(f'{self.current} · {part}', now - self._lap)
        self._lap = now

    def step(self, number: int) -> Any:
        assert self.tab is not None
        return next(e for e in self.tab.all(tag='q-step') if e.props.get('name') == str(number))

    async def at_step(self, number: int) -> None:
        assert self.tab is not None
        tab = self.tab
        await tab.wait_for(
            lambda: any(str(s.props.get('model-value')) == str(number) for s in tab.all(tag='q-stepper')),
            what=f'étape {number}',
        )

    async def run(self, *, recover: bool = False, before_create: Callable[[], Awaitable[None]] | None = None) -> None:
        """The whole flow; with `recover`, a failure (instance killed, database restarting…) is followed by
        what a browser does — reload the page — and the flow goes on from the draft the server kept."""
        self.signed_in = False  # a new browser: no session yet
        async with httpx.AsyncClient(follow_redirects=True, timeout=60) as http:
            self.tab = Tab(self.base_url, http)
            try:
                attempts = 0
                while True:
                    try:
                        if attempts == 0:
                            await self._log_in()
                        await self._walk(before_create)
                        break
                    except FlowFailed:
                        attempts += 1
                        if not recover or attempts > 8:
                            raise
                        await self._recover()
                self.stats.flow_done()
            finally:
                await self.tab.close()

    async def _log_in(self) -> None:
        tab = self.tab
        assert tab is not None
        async with self.action('connexion'):
            await tab.open('/login')
            self.lap('formulaire')
            await tab.type('Identifiant', self.login)
            await tab.type('Mot de passe', self.password)
            await tab.click('Se connecter')
            target = await tab.navigation()
            self.lap('vérification du mot de passe')
            await tab.open(target)
            await tab.wait_for('Bonjour')
            self.lap("page d'accueil")
        self.signed_in = True

    async def _recover(self) -> None:
        """Reload as the browser would, after a pause; note whether the session and the draft survived."""
        tab = self.tab
        assert tab is not None
        self.stats.recoveries += 1
        self.stats.incidents.append(
            f'{self.stats.at()} rechargement ({self.login}, {self.current}, étape {self.reached})'
        )
        await asyncio.sleep(2)
        for _attempt in range(30):
            try:
                await tab.open(self.recap_path or '/conventions/nouvelle')
                break
            except Exception:  # still down: the browser retries too
                await asyncio.sleep(2)
        if tab.sees('Se connecter', tag='q-btn') and tab.sees('Identifiant'):
            if self.signed_in:  # not a login that failed (the database restarting): that one is simply tried again
                self.stats.sessions_lost += 1
                self.stats.incidents.append(f'{self.stats.at()} session perdue ({self.login}, étape {self.reached})')
            await self._log_in()
        if not self.recap_path and self.reached == 8:
            # « Créer » was in flight: as the student would, look for the convention in the home page's list
            # before starting again (a second convention on the same dates would be refused).
            await tab.open('/')
            self.recap_path = self._listed_convention()
            if self.recap_path:
                self.stats.incidents.append(f'{self.stats.at()} convention créée avant la panne ({self.login})')

    def _listed_convention(self) -> str:
        assert self.tab is not None
        for table in self.tab.all(tag='table'):
            for row in table.props.get('rows') or []:
                link = str(row.get('link') or '')
                if re.fullmatch(r'/conventions/\d+', link):
                    return link
        return ''

    async def _walk(self, before_create: Callable[[], Awaitable[None]] | None) -> None:
        tab = self.tab
        assert tab is not None
        if not self.recap_path:
            async with self.action('assistant'):
                if not tab.path.startswith('/conventions/nouvelle') or not tab.connected:
                    await tab.open('/conventions/nouvelle')
                    self.lap('page')
                await tab.click('Créer une nouvelle convention')
                await tab.wait_for(lambda: any(True for _ in tab.all(tag='q-stepper')), what="l'assistant")
                self.lap('étapes')
                if self.reached:  # a resumed draft: the stepper moves to its step once the sections are drawn
                    await tab.settle()
                resumed = int(str(next(tab.all(tag='q-stepper')).props.get('model-value') or 1))
                if self.reached and resumed < self.reached:
                    self.stats.drafts_behind += 1
                    self.stats.incidents.append(
                        f'{self.stats.at()} brouillon repris à l’étape {resumed}, atteinte : {self.reached}'
                    )
            steps: dict[int, Callable[[], Awaitable[None]]] = {
                1: self._student_step,
                2: self._host_step,
                3: lambda: self._unit_step(3),
                4: lambda: self._unit_step(4),
                5: self._content_step,
                6: self._referent_step,
                7: lambda: self._unit_step(7),
            }
            for number in range(resumed, 8):
                self.reached = number
                await steps[number]()
            self.reached = 8
            if before_create is not None:
                await before_create()
            await self._create()
        else:
            async with self.action('récapitulatif'):
                if tab.path != self.recap_path or not tab.connected:
                    await tab.open(self.recap_path)
                await tab.wait_for('Impression')
        await self._print()
        async with self.action('déconnexion'):
            self.signed_in = False  # from here on, finding the login form is what the student asked for
            await tab.open('/logout')
            await tab.wait_for('Se connecter')

    async def _unit_step(self, number: int) -> None:
        assert self.tab is not None
        async with self.action(f'étape {number}'):
            await self.tab.click('Sélectionner', within=self.step(number))
            await self.at_step(number + 1)

    async def _student_step(self) -> None:
        tab = self.tab
        assert tab is not None
        async with self.action('étape 1'):
            step = self.step(1)
            await tab.type("Caisse d'assurance maladie", 'CPAM de la Côte-d’Or', within=step)
            await tab.type('N° de sécurité sociale', NIR, within=step)
            await tab.click('Valider', within=step)
            await tab.wait_for('Confirmez les informations saisies')
            confirm = [e for e in tab.all('Valider', tag='q-btn', within=self.step(1)) if e.listener('click')]
            await tab.emit(confirm[-1], 'click', {})
            await tab.wait_for('Votre stage est-il en rapport avec une offre ?')
            await tab.click('NON', within=self.step(1))
            await self.at_step(2)

    async def _host_step(self) -> None:
        tab = self.tab
        assert tab is not None
        async with self.action('recherche établissement'):
            await tab.type('Raison sociale', self.organisation, within=self.step(2))
            await tab.wait_for(lambda: self._result_shown(2, self.organisation), what=self.organisation)
        async with self.action('étape 2'):
            await tab.click_item(self.organisation, within=self.step(2))
            await tab.wait_for('Sélectionner et continuer')
            await tab.click('Sélectionner et continuer', within=self.step(2))
            await self.at_step(3)

    def _result_shown(self, step: int, words: str) -> bool:
        assert self.tab is not None
        return any(
            any(words.casefold() in e.words().casefold() for e in self.tab.all(within=item))
            for item in self.tab.all(tag='q-item', within=self.step(step))
        )

    async def _content_step(self) -> None:
        tab = self.tab
        assert tab is not None
        async with self.action('étape 5'):
            step = self.step(5)
            await tab.choose('Type de stage', 'obligatoire', within=step)
            await tab.choose('Thématique', None, within=step)
            await tab.type('Sujet du stage', 'Outil de suivi des stocks', within=step)
            await tab.type('Activités confiées', 'Analyse du besoin, développement, tests', within=step)
            await tab.type('Compétences à acquérir', 'Conduite de projet, Python, SQL', within=step)
            await tab.type("Modalités d'encadrement", 'Point hebdomadaire avec le tuteur', within=step)
            await tab.type('Date de début', START, within=step)
            await tab.type('Date de fin', END, within=step)
            await tab.type('Heures par semaine', '35', within=step)
            await tab.type('Jours par semaine', '5', within=step)
            await tab.click('Valider', within=step)
            await tab.wait_for('Vérifiez le contenu du stage', what='le récapitulatif de l’étape 5')
            await tab.click('Valider', within=self.step(5))
            await self.at_step(6)

    async def _referent_step(self) -> None:
        tab = self.tab
        assert tab is not None
        async with self.action('recherche enseignant'):
            await tab.type('Nom et prénom', self.teacher, within=self.step(6))
            await tab.wait_for(lambda: self._result_shown(6, self.teacher.split()[0]), what=self.teacher)
        async with self.action('étape 6'):
            await tab.click_item(self.teacher.split()[0].upper(), within=self.step(6))
            await tab.wait_for(
                lambda: any(not b.props.get('disable') for b in tab.all('Valider', tag='q-btn', within=self.step(6))),
                what='Valider (étape 6)',
            )
            await tab.click('Valider', within=self.step(6))
            await self.at_step(7)

    async def _create(self) -> None:
        tab = self.tab
        assert tab is not None
        async with self.action('créer'):
            await tab.click('Créer', tag='q-btn', within=self.step(8))
            await tab.wait_for('a été créée', timeout=60)
            message = tab.find('a été créée').words()
            self.number = message.split('n° ', 1)[1].split(' ', 1)[0] if 'n° ' in message else ''
            self.stats.numbers.append(self.number)
        async with self.action('récapitulatif'):
            await tab.click('Voir le récapitulatif')
            self.recap_path = await tab.follow()
            await tab.wait_for('Impression')

    async def _print(self) -> None:
        tab = self.tab
        assert tab is not None
        async with self.action('PDF'):
            buttons = [b for b in tab.all(tag='q-btn') if b.listener('click') and 'convention' in b.words().lower()]
            printable = next((b for b in buttons if b.props.get('icon') == 'print'), None)
            if printable is None:
                raise PageError(f'{tab.path}: no print button for the convention')
            await tab.emit(printable, 'click', {})
            await tab.wait_for('Télécharger le PDF', timeout=60)
        async with self.action('téléchargement'):
            await tab.click('Télécharger le PDF')
            pdf = await tab.fetch_download()
            if not pdf.startswith(b'%PDF-'):
                raise PageError('the download is not a PDF')

    async def search_loop(self, names: list[str], go: asyncio.Event, ready: list[int], seconds: float) -> None:
        """Search-heavy use: log in and pass step 1, then — once `go` is set — search établissements by name
        for `seconds`. `ready` counts the users waiting for `go`."""
        async with httpx.AsyncClient(follow_redirects=True, timeout=60) as http:
            self.tab = Tab(self.base_url, http)
            try:
                await self._log_in()
                async with self.action('assistant'):
                    await self.tab.open('/conventions/nouvelle')
                    await self.tab.click('Créer une nouvelle convention')
                    await self.tab.wait_for("Caisse d'assurance maladie")
                await self._student_step()
                ready.append(1)
                await go.wait()
                until = time.monotonic() + seconds
                index = random.randrange(len(names))
                while time.monotonic() < until:
                    name = names[index % len(names)]
                    index += 1
                    async with self.action('recherche établissement'):
                        await self.tab.type('Raison sociale', name, within=self.step(2))
                        await self.tab.wait_for(functools.partial(self._result_shown, 2, name), what=name)
            finally:
                await self.tab.close()
