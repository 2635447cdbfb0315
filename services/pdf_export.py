"""Staff export: the PDFs of the selected conventions in one ZIP, rendered on every core.

xhtml2pdf renders one document at a time per process (a process-wide lock), so throughput comes
from a process pool. Workers come from a fork server that has imported the renderer once
(fast to start, no threads inherited, the web server's __main__ never re-run); `spawn` elsewhere.
"""

import io
import multiprocessing
import os
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing.context import BaseContext

from sqlmodel import col, select

from models import Convention
from pdf.render import render_pdf
from services import audit
from services.actor import Actor
from services.convention_queries import visible_to
from services.database import session_scope
from services.documents import PrintJob
from services.documents_context import convention_context
from services.i18n import _
from services.permissions import Action, require

Progress = Callable[[int, int], None]  # (documents done, documents in all)


@dataclass(frozen=True)
class PdfExport:
    filename: str
    content: bytes
    count: int
    skipped: int  # ids unknown or outside the actor's scope


def _pool_context() -> BaseContext:
    if 'forkserver' in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context('forkserver')
        context.set_forkserver_preload(['pdf.render'])
        return context
    return multiprocessing.get_context('spawn')


def default_workers() -> int:
    return os.cpu_count() or 1


def process_pool(workers: int | None = None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers or default_workers(), mp_context=_pool_context())


def render_many(
    jobs: Sequence[PrintJob],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    pool: Executor | None = None,
) -> list[bytes]:
    """Render every job, in input order; `workers=1` renders in this process (the benchmark's baseline)."""
    total = len(jobs)
    results: list[bytes] = [b''] * total
    if (workers or default_workers()) == 1 and pool is None:
        for index, job in enumerate(jobs):
            results[index] = render_pdf(job.template, job.context, job.language)
            if progress:
                progress(index + 1, total)
        return results
    owned = pool is None
    executor = pool or process_pool(workers)
    try:
        futures = {
            executor.submit(render_pdf, job.template, job.context, job.language): index
            for index, job in enumerate(jobs)
        }
        for done, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            if progress:
                progress(done, total)
    finally:
        if owned:
            executor.shutdown(cancel_futures=True)
    return results


def exportable_convention_ids(actor: Actor) -> list[int]:
    """Every convention of the actor's export scope (what the ZIP of the « Exports » page holds)."""
    require(actor, Action.EXPORT)
    with session_scope() as session:
        ids = session.exec(
            select(Convention.id)
            .where(visible_to(actor, Action.EXPORT), visible_to(actor, Action.CONVENTION_PRINT))
            .order_by(col(Convention.number))
        ).all()
    return [convention_id for convention_id in ids if convention_id is not None]


def convention_jobs(actor: Actor, convention_ids: Sequence[int], language: str = 'fr') -> tuple[list[PrintJob], int]:
    """The print jobs of the conventions the actor may print among `convention_ids`, and how many were left out."""
    require(actor, Action.EXPORT)
    wanted = sorted(set(convention_ids))
    with session_scope() as session:
        conventions = session.exec(
            select(Convention)
            .where(col(Convention.id).in_(wanted), visible_to(actor, Action.CONVENTION_PRINT))
            .order_by(col(Convention.number))
        ).all()
        jobs = [
            PrintJob('convention', convention_context(session, c, language), language, f'convention-{c.number}.pdf')
            for c in conventions
        ]
        audit.record(
            session,
            actor_id=actor.user_id,
            action='convention.export_pdf',
            entity_type='convention',
            entity_id='*',
            summary=_('Export PDF de {count} convention(s)', count=len(jobs)),
            changes={'numbers': [c.number for c in conventions]},
        )
    return jobs, len(wanted) - len(jobs)


def export_conventions_zip(
    actor: Actor,
    convention_ids: Sequence[int],
    *,
    language: str = 'fr',
    progress: Progress | None = None,
    workers: int | None = None,
) -> PdfExport:
    """One PDF per convention in a ZIP. Slow for many conventions: call it from a background task."""
    jobs, skipped = convention_jobs(actor, convention_ids, language)
    pdfs = render_many(jobs, workers=workers, progress=progress)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w', compression=zipfile.ZIP_DEFLATED) as archive:
        for job, pdf in zip(jobs, pdfs, strict=True):
            archive.writestr(job.filename, pdf)
    stamp = datetime.now(UTC).strftime('%Y%m%d-%H%M%S')
    return PdfExport(f'conventions-{stamp}.zip', buffer.getvalue(), len(jobs), skipped)
