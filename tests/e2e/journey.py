"""What every browser journey does at each step: a screenshot kept as an artefact, and an axe-core check.

Screenshots go to artifacts/e2e/<test>/<nn>-<step>.png; every axe result to artifacts/e2e/axe-report.json.
A step fails on any serious or critical violation (the app is fixed, the check is never weakened).
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / 'artifacts' / 'e2e'
BLOCKING = ('serious', 'critical')
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))
  }));
}"""


@dataclass
class AxeReport:
    """Every page checked, with its violations (blocking or not), for the artefacts and the report."""

    pages: list[dict[str, Any]] = field(default_factory=list)

    def add(self, journey: str, step: str, url: str, title: str, violations: list[dict[str, Any]]) -> None:
        self.pages.append({'journey': journey, 'step': step, 'url': url, 'title': title, 'violations': violations})

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.pages, ensure_ascii=False, indent=2), encoding='utf-8')


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v['impact'] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f'{violation["impact"]} {violation["id"]}: {violation["help"]}')
        lines += [f'    {node["target"]}: {node["html"]}\n      {node["summary"]}' for node in violation['nodes']]
    return '\n'.join(lines)


class Journey:
    def __init__(self, page: Page, name: str, axe_source: str, report: AxeReport) -> None:
        self.page = page
        self.name = re.sub(r'[^a-z0-9_-]+', '-', name.lower())
        self.axe_source = axe_source
        self.report = report
        self.count = 0
        self.folder = ARTIFACTS / self.name
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob('*.png'):
            old.unlink()

    def step(self, name: str) -> None:
        """Screenshot, then axe-core on the page as it is now; fails on a serious or critical violation."""
        page = self.page
        page.wait_for_load_state()
        page.evaluate('document.fonts.ready.then(() => true)')
        page.wait_for_timeout(350)  # let Quasar's transitions end: half-faded text gives false contrast results
        self.count += 1
        page.screenshot(path=str(self.folder / f'{self.count:02d}-{name}.png'), full_page=True)
        # Every page has its own title and says its language (RGAA 8.3, 8.5, 8.6).
        title = page.title()
        assert title.endswith(' — PStage'), title
        assert title != ' — PStage', 'a page without its own title'
        assert page.evaluate('document.documentElement.lang') in ('fr', 'en-GB')
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(content=self.axe_source)
        violations = page.evaluate(AXE_RUN)
        self.report.add(self.name, name, page.url, page.title(), violations)
        serious = blocking(violations)
        assert not serious, f'axe-core at step « {name} » ({page.url}):\n{describe(serious)}'

    def skip_to_content(self) -> None:
        """The first Tab shows « Aller au contenu »; Entrée moves the focus past the menus."""
        page = self.page
        page.locator('body').focus()
        page.keyboard.press('Tab')
        skip = page.get_by_role('link', name='Aller au contenu')
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
        page.keyboard.press('Enter')
        expect(page.locator('#contenu')).to_be_focused()

    def open(self, path: str) -> None:
        self.page.goto(path)
        expect(self.page.get_by_role('heading', level=1)).to_be_visible()

    def log_in(self, login: str, password: str) -> None:
        page = self.page
        self.open('/login')
        page.get_by_label('Identifiant').fill(login)
        page.get_by_label('Mot de passe', exact=True).fill(password)
        page.get_by_role('button', name='Se connecter').click()
        expect(
            page.get_by_role('button', name='Se déconnecter').or_(page.get_by_role('link', name='Se déconnecter'))
        ).to_be_visible()
