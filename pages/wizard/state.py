"""One visitor's wizard: the actor, the draft as the server last returned it, the stepper and its sections.

Lives inside the page function (never at module level). Every save goes through `save_step` (run in a
thread), serialised by a lock so an autosave and a « Valider » never cross.
"""

import asyncio
import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar, cast

from nicegui import background_tasks, run, ui

from components import busy
from services import drafts
from services.actor import Actor
from services.drafts import DraftView, StepResult, WizardError
from services.i18n import _
from services.organisations import OrganisationChoices
from services.rules.catalog import LAST_STEP
from services.wizard_lookup import ContentChoices

T = TypeVar('T')
FOCUS_CURRENT_STEP = """setTimeout(() => {
  const tab = document.querySelector('.q-stepper__tab--active');
  if (!tab) return;
  tab.focus({preventScroll: true});
  window.scrollTo({top: Math.max(0, tab.getBoundingClientRect().top + window.scrollY - 80), behavior: 'smooth'});
}, 350)"""


class Section:
    """The content of one step, drawn from the draft when the step is opened and redrawn when something it
    depends on changes. A step that is not open is emptied and marked stale instead: the browser shows one step
    at a time, so drawing the other seven would cost the server for nothing (most of a wizard page's work)."""

    def __init__(self, wizard: 'Wizard', step: int) -> None:
        self.wizard = wizard
        self.step = step
        self.container = ui.column().classes('w-full gap-3').mark(f'step-{step}')
        self.stale = True
        self._drawing = asyncio.Lock()  # a redraw asked during a draw waits for it, then draws again
        wizard.sections[step] = self

    def close(self) -> None:
        """Out of date: emptied now (nobody acts on old content), drawn again when the step is opened."""
        self.stale = True
        if not self._drawing.locked():
            self.container.clear()

    async def refresh(self) -> None:
        async with self._drawing:
            self.stale = False
            self.container.clear()
            with self.container:
                await self.draw()

    async def draw(self) -> None:
        raise NotImplementedError


class Autosave:
    """Saves a step's values shortly after typing stops, so nothing typed is lost (errors wait for « Valider »)."""

    DELAY = 0.6  # seconds after the last change

    def __init__(
        self,
        wizard: 'Wizard',
        step: int,
        values: Callable[[], dict[str, Any]],
        on_saved: Callable[[StepResult], None] | None = None,
    ) -> None:
        self.wizard, self.step, self.values, self.on_saved = wizard, step, values, on_saved
        self._pending: asyncio.Task[None] | None = None
        # Says the draft is saved; deleted with its section, and then nothing is saved any more.
        self.anchor = ui.label('').classes('text-xs text-grey-7').props('aria-live=polite').mark(f'autosaved-{step}')

    def changed(self) -> None:
        self.cancel()
        self._pending = background_tasks.create(self._save(), name=f'wizard autosave step {self.step}')
        self.wizard.unsaved.add(self)

    def cancel(self) -> None:
        """Drop the save still waiting for the end of the typing; a save already under way goes to its end.
        Cancelled there, it would give the wizard's lock up while its thread goes on writing: the next save (more
        typing, « Valider ») could then commit first, and the older values after it, over hers."""
        self.wizard.unsaved.discard(self)
        if self._pending is not None and not self._pending.done():
            self._pending.cancel()

    def save_before_leaving(self) -> None:
        """The page is being deleted (its tab went to another page): what was typed in the last DELAY is saved
        now, read from the fields while they still exist."""
        self.cancel()
        values = self.values()
        background_tasks.create(self.wizard.save_unseen(self.step, values), name=f'wizard last save {self.step}')

    async def _save(self) -> None:
        await asyncio.sleep(self.DELAY)
        self._pending = None  # under way: no longer cancelled (see `cancel`)
        self.wizard.unsaved.discard(self)
        if self.anchor.is_deleted:
            return
        result = await self.wizard.save(self.step, self.values())
        if self.anchor.is_deleted:
            return
        self.anchor.set_text(_('Brouillon enregistré à {time}.', time=datetime.now().strftime('%H:%M')))
        if self.on_saved is not None:
            self.on_saved(result)


class Wizard:
    def __init__(
        self, actor: Actor, draft: DraftView, organisation_choices: OrganisationChoices, content: ContentChoices
    ) -> None:
        self.actor = actor
        self.draft = draft
        self.organisation_choices = organisation_choices
        self.content_choices = content
        self.sections: dict[int, Section] = {}
        self.steps: dict[int, ui.step] = {}
        self.stepper: ui.stepper | None = None
        self.root = ui.column().classes('w-full')  # holds the stepper; the success message replaces it
        self.offer_id: int | None = None  # ?offre=ID: the offer proposed at step 1's question
        self._lock = asyncio.Lock()
        self.unsaved: set[Autosave] = set()  # changes waiting for their autosave
        self.root.client.on_delete(self.forget)

    def forget(self) -> None:
        """The page is closed: changes still waiting for their autosave are saved; its steps and the wizard refer
        to one another, a cycle only the garbage collector would free (after holding a whole page in the heap its
        full collections walk); undone at once."""
        for autosave in list(self.unsaved):
            autosave.save_before_leaving()
        self.sections.clear()
        self.steps.clear()
        self.stepper = None

    @property
    def data(self) -> dict[str, Any]:
        return self.draft.data

    @property
    def editing(self) -> bool:
        """True when the draft modifies an existing convention (« Modifier »), not a new one."""
        return self.draft.convention_id is not None

    def chosen(self, key: str) -> int | None:
        value = str(self.data.get(key) or '')
        return int(value) if value.isdigit() else None

    async def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A service call on behalf of the actor, off the event loop."""
        result = await busy.io_bound(function, self.actor, *args, **kwargs)
        return cast(T, result)  # None only while the server shuts down

    async def save(self, step: int, values: dict[str, Any]) -> StepResult:
        """Save a step; a draft gone meanwhile (created or deleted in another tab) is reported, not raised."""
        async with self._lock:
            try:
                result = await self.call(drafts.save_step, self.draft.id, step, values)
            except WizardError as refused:
                self.notify(str(refused), kind='negative')
                return StepResult(ok=False, errors={'draft': str(refused)}, warnings={}, draft=self.draft)
        self.draft = result.draft
        self.update_navigation()
        return result

    async def save_unseen(self, step: int, values: dict[str, Any]) -> None:
        """A save for a page being deleted: nothing to draw, nobody to tell of a refusal (a draft gone meanwhile)."""
        async with self._lock:
            with contextlib.suppress(WizardError):
                await run.io_bound(drafts.save_step, self.actor, self.draft.id, step, values)

    def replace_draft(self, draft: DraftView) -> None:
        """After a change made outside save_step (an offer applied): every step is redrawn when next opened."""
        self.draft = draft
        self.update_navigation()
        for section in self.sections.values():
            section.close()

    async def move_on(self, step: int, *outdated: int) -> None:
        """After a choice: open `step`; the step left and the `outdated` steps are emptied, and drawn again from
        the draft when next opened. The browser shows one step at a time: a step kept drawn behind the student
        would only hold the server's memory (a wizard page held ~300 elements by step 7; now 60–190, the step
        shown and the page around it), and every full garbage collection, which stops every page of the
        instance, walks all of them."""
        left = self.current if self.stepper is not None and self.current != step else None
        for number in {*outdated, left}:
            if number in self.sections:
                self.sections[number].close()
        self.go(step)
        await self.draw_current()  # drawn here; the stepper's own change handler then finds it drawn

    async def draw_current(self) -> None:
        section = self.sections.get(self.current)
        if section is not None and section.stale:
            await section.refresh()

    def reachable(self, step: int) -> bool:
        return step <= max(self.draft.step, 1) or self.editing

    def update_navigation(self) -> None:
        """Headers of the steps already reached are clickable (previous steps stay editable)."""
        for number, step in self.steps.items():
            step.props(f':header-nav={"true" if self.reachable(number) else "false"}')

    def go(self, step: int) -> None:
        if self.stepper is None:  # the page was closed meanwhile (a save that ended after it)
            return
        self.update_navigation()
        self.stepper.set_value(str(min(max(step, 1), LAST_STEP)))
        # The calling button may sit in a section just redrawn: talk to the client through the root. The keyboard
        # focus goes to the new step's header (read as « current step »), once the stepper has moved.
        self.root.client.run_javascript(FOCUS_CURRENT_STEP)

    def notify(self, message: str, *, kind: str = 'positive') -> None:
        with self.root:
            ui.notify(message, type=kind, multi_line=True)  # type: ignore[arg-type]

    @property
    def current(self) -> int:
        value = self.stepper.value if self.stepper is not None else None
        return int(value) if isinstance(value, str) and value.isdigit() else 1
