"""Bulk import of établissements d'accueil from CSV: PStage's own columns or a SIRENE extract's.

Each line is checked like the « Ajouter un établissement » form (SIRET key, known NAF code, catégorie
juridique, postal code…); a refused line goes to the report with its number and reason, the others are
written. Re-running the same file changes nothing: a line whose SIRET (abroad: identifier, or name and
commune) is already known updates that record, and only when a value differs. Written in chunks, each
its own transaction, so a progress bar can follow and an interrupted import is simply run again.
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models import Organisation
from services import audit, database, search
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.imports.organisation_columns import IMPORTED, decode, form_values, given_columns, read_rows
from services.organisation_input import FormErrors, validate_organisation
from services.organisation_search import index_changed
from services.organisations import fold_organisation_name, open_organisations
from services.permissions import Action, require

CHUNK = 500
Progress = Callable[[int, int], None]  # (lines done, lines in the file)

__all__ = ['ImportRefused', 'ImportReport', 'LineError', 'decode', 'describe', 'import_file', 'import_organisations']


class ImportRefused(ValueError):
    """The whole file is refused (no column recognised); the message is French."""


@dataclass(frozen=True)
class LineError:
    line: int  # as a spreadsheet numbers it: the header is line 1
    siret: str
    reason: str


@dataclass
class ImportReport:
    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0  # known records the file says are closed (« F »)
    skipped_closed: int = 0  # closed in the file and unknown here: not worth a record
    errors: list[LineError] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.closed

    def errors_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=';')
        writer.writerow(['ligne', 'siret', 'motif'])
        writer.writerows((error.line, error.siret, error.reason) for error in self.errors)
        return out.getvalue()


def _natural_key(organisation: Organisation) -> tuple[str, ...]:
    if organisation.siret:
        return ('siret', organisation.siret)
    if organisation.foreign_identifier:
        return ('foreign', organisation.country_code, organisation.foreign_identifier.upper())
    return ('name', organisation.country_code, fold_organisation_name(organisation.name), organisation.city.lower())


def _existing(session: Session, candidates: list[Organisation]) -> dict[tuple[str, ...], Organisation]:
    sirets = [o.siret for o in candidates if o.siret]
    found = list(session.exec(select(Organisation).where(col(Organisation.siret).in_(sirets), open_organisations())))
    abroad = [o for o in candidates if not o.siret]
    if abroad:
        cities = sorted({o.city for o in abroad})
        found += session.exec(
            select(Organisation).where(
                col(Organisation.siret).is_(None), col(Organisation.city).in_(cities), open_organisations()
            )
        ).all()
    return {_natural_key(o): o for o in found}


@dataclass
class _Line:
    number: int
    organisation: Organisation
    closed: bool
    given: frozenset[str]


def _write_chunk(session: Session, actor: Actor, lines: list[_Line], report: ImportReport) -> list[int]:
    known = _existing(session, [line.organisation for line in lines])
    touched: list[Organisation] = []
    for line in lines:
        incoming, existing = line.organisation, known.get(_natural_key(line.organisation))
        if existing is None:
            if line.closed:
                report.skipped_closed += 1
                continue
            incoming.created_by_id = actor.user_id or None
            session.add(incoming)
            known[_natural_key(incoming)] = incoming
            touched.append(incoming)
            report.created += 1
            continue
        differences = [n for n in IMPORTED if n in line.given and getattr(incoming, n) != getattr(existing, n)]
        for name in differences:
            setattr(existing, name, getattr(incoming, name))
        if line.closed:
            existing.closed_on = date.today()
            report.closed += 1
        elif differences:
            report.updated += 1
        else:
            report.unchanged += 1
        if differences or line.closed:
            touched.append(existing)
    session.flush()
    return [o.id for o in touched if o.id is not None]


def import_organisations(actor: Actor, text: str, *, progress: Progress | None = None) -> ImportReport:
    """Import a CSV's établissements (see the module's docstring); the report of what happened, line by line."""
    require(actor, Action.ORGANISATION_MANAGE)
    rows = list(read_rows(text))
    if not any(row for _number, row in rows):
        raise ImportRefused(
            _(
                'Aucune ligne à importer : la première ligne doit nommer les colonnes (siret, '
                'denominationUniteLegale ou name, activitePrincipaleEtablissement…), séparées par ; ou ,.'
            )
        )
    report = ImportReport(lines=len(rows))
    _refresh_statistics()
    seen: dict[tuple[str, ...], int] = {}
    for start in range(0, len(rows), CHUNK):
        lines = list(_checked(rows[start : start + CHUNK], report, seen))
        with session_scope() as session:
            changed = _write_chunk(session, actor, lines, report)
        index_changed(search.ESTABLISHMENTS, changed)
        if progress is not None:
            progress(min(start + CHUNK, len(rows)), len(rows))
    with session_scope() as session:
        audit.record(
            session,
            actor_id=actor.user_id or None,
            action='organisation.import',
            entity_type='organisation',
            entity_id='import',
            summary=_(
                'Import : {created} créés, {updated} mis à jour, {closed} fermés, {errors} lignes refusées',
                created=report.created,
                updated=report.updated,
                closed=report.closed,
                errors=len(report.errors),
            ),
        )
    return report


def _refresh_statistics() -> None:
    """PostgreSQL: fresh table statistics, so the SIRET look-ups use the index even right after a large import
    (with stale ones the planner scans the table for each chunk: 0.2 s a chunk at 10,000 rows)."""
    if database.is_sqlite():
        return
    with session_scope() as session:
        session.execute(sa.text('ANALYZE organisation'))


def _checked(
    rows: Iterable[tuple[int, dict[str, str]]], report: ImportReport, seen: dict[tuple[str, ...], int]
) -> Iterator[_Line]:
    for number, row in rows:
        try:
            organisation = validate_organisation(form_values(row))
        except FormErrors as refused:
            report.errors.append(LineError(number, row.get('siret', '').strip(), ' '.join(refused.errors.values())))
            continue
        organisation.trade_name = ' '.join(row.get('trade_name', '').split())[:200] or None
        key = _natural_key(organisation)
        if key in seen:
            reason = _('Établissement en double dans le fichier (déjà ligne {line}).', line=seen[key])
            report.errors.append(LineError(number, organisation.siret or '', reason))
            continue
        seen[key] = number
        closed = row.get('state', '').strip().upper() in ('F', 'C')
        yield _Line(number, organisation, closed, given_columns(row))


def import_file(actor: Actor, path: Path, *, progress: Progress | None = None) -> ImportReport:
    return import_organisations(actor, decode(path.read_bytes()), progress=progress)


def describe(report: ImportReport) -> dict[str, Any]:
    return {
        'lignes': report.lines,
        'créés': report.created,
        'mis à jour': report.updated,
        'inchangés': report.unchanged,
        'fermés': report.closed,
        'fermés ignorés': report.skipped_closed,
        'refusés': len(report.errors),
    }
