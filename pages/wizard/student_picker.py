"""Staff run the wizard on behalf of a student: first choose the student (name or n° étudiant)."""

from nicegui import ui

from components import busy
from components.fuzzy_search import FuzzySearch, SearchResult
from services import wizard_lookup
from services.actor import Actor
from services.i18n import _


def student_picker(actor: Actor) -> None:
    ui.label(_("Choisissez l'étudiant pour qui créer la convention.")).classes('font-medium')

    async def search(text: str) -> list[SearchResult]:
        hits = await busy.io_bound(wizard_lookup.search_students, actor, text)
        return [
            SearchResult(
                key=str(hit.id), title=hit.name, lines=(f'{hit.student_number} — {hit.composante}',), value=hit.id
            )
            for hit in hits or []
        ]

    def choose(result: SearchResult) -> None:
        ui.navigate.to(f'/conventions/nouvelle?etudiant={result.value}')

    FuzzySearch(search, choose, label=_("Nom de l'étudiant ou n° étudiant"), marker='student-search')
