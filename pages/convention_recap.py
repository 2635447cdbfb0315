"""« Récapitulatif » of one convention (guide section II), read-only; actions are added by their features."""

import functools
from dataclasses import dataclass

from nicegui import ui

from auth.guard import protected_page
from components.convention_recap import convention_recap
from components.display import not_found
from components.print_buttons import PrintButtons
from pages.background import in_thread
from pages.convention_tabs import convention_tabs
from pages.wizard.recap_actions import edit_buttons, edit_links
from services import documents
from services.actor import Actor
from services.convention_detail import ConventionDetail, ConventionNotFound, get_convention_detail
from services.documents import PrintOptions
from services.i18n import _
from services.wizard_lookup import Modification, modification_status


@dataclass(frozen=True)
class Recap:
    detail: ConventionDetail
    modification: Modification  # may it still be modified, and if not why
    printing: PrintOptions


def _recap(actor: Actor, convention_id: int) -> Recap:
    """What the page shows, read in one trip to a worker thread (each trip waits its turn in the pool)."""
    return Recap(
        get_convention_detail(actor, convention_id),
        modification_status(actor, convention_id),
        documents.print_options(actor, convention_id),
    )


# `:int` keeps /conventions/mes, /conventions/recherche and /conventions/nouvelle out of this route.
@protected_page('/conventions/{convention_id:int}', title='Récapitulatif de la convention')
async def convention_recap_page(actor: Actor, convention_id: int, impression: str = '', onglet: str = '') -> None:
    try:
        shown = await in_thread(_recap, actor, convention_id)
    except ConventionNotFound as missing:
        not_found(str(missing), back_label=_('Retour aux conventions de stage'), back_path='/conventions')
        return
    detail, modification, options = shown.detail, shown.modification, shown.printing
    with await convention_tabs(actor, detail, onglet):  # « Validation », « Signatures », « Avenants »…
        actions = convention_recap(detail, section_actions=edit_links(convention_id, modification))
        with actions:
            edit_buttons(actor, convention_id, detail.number, modification)
            if options.allowed:
                buttons = PrintButtons(
                    lambda document, language: documents.convention_print_job(
                        actor, convention_id, documents.Document(document), language
                    ),
                    documents=options.documents,
                    languages=options.languages,
                )
                if impression in ('convention', 'attestation'):  # « Impression » link of the lists
                    # Rendered once the page is shown: a worker process can take seconds (more on a busy server,
                    # or while NiceGUI's pool starts), past the time NiceGUI gives a page to be built.
                    ui.timer(0, functools.partial(buttons.show, impression, 'fr'), once=True)
            else:
                ui.label(options.reason or '').classes('text-grey-8').mark('print-unavailable')
