"""What the directory imports (students, teachers) share: reading a CSV with French or English headers, and
writing it line by line in chunks with a per-line error report and progress.

Each line is written inside a savepoint: a refused line is reported (with its number as a spreadsheet shows
it and the reason) and the others go in. A chunk is one transaction, so an interrupted import is simply run
again: lines are matched on their key and only differing values are written (idempotent).
"""

import csv
import io
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from models import Composante
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.imports.organisations import decode
from services.organisation_search import index_changed
from services.permissions import Action, require
from services.rules.fields import FieldError

CHUNK = 500
Outcome = Literal['created', 'updated', 'unchanged']
Progress = Callable[[int, int], None]  # (lines done, lines in the file)
LineHandler = Callable[[Session, dict[str, str]], tuple[Outcome, int]]  # -> outcome and the record's id

__all__ = [
    'CHUNK',
    'ImportReport',
    'LineError',
    'Outcome',
    'Table',
    'composantes_by_code',
    'decode',
    'describe',
    'header_key',
    'import_file',
    'read_table',
    'record_import',
    'run_import',
    'upsert',
]


@dataclass(frozen=True)
class LineError:
    line: int  # the header is line 1
    key: str  # what identifies the line (student number, e-mail)
    reason: str


@dataclass
class ImportReport:
    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[LineError] = field(default_factory=list)

    def errors_csv(self, key_header: str) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=';', lineterminator='\r\n')
        writer.writerow(['ligne', key_header, 'motif'])
        writer.writerows((error.line, error.key, error.reason) for error in self.errors)
        return out.getvalue().encode('utf-8-sig')


def header_key(header: str) -> str:
    """« Date de naissance » -> 'datedenaissance': case, accents, spaces and underscores do not matter."""
    folded = unicodedata.normalize('NFKD', header.strip().lower())
    return ''.join(char for char in folded if char.isalnum())


def read_table(text: str, aliases: Mapping[str, str]) -> tuple[set[str], list[tuple[int, dict[str, str]]]]:
    """The fields the header names, and (line number, field -> value) for each non-empty data line.

    `;`, `,` or tab separated (whichever the header uses most); unknown columns are ignored.
    """
    first = text.split('\n', 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=max((';', ',', '\t'), key=first.count))
    header = [aliases.get(header_key(name), '') for name in next(reader, [])]
    rows = [
        (number, {name: value.strip() for name, value in zip(header, values, strict=False) if name})
        for number, values in enumerate(reader, start=2)
        if any(value.strip() for value in values)
    ]
    return set(header) - {''}, rows


@dataclass(frozen=True)
class Table:
    """What one kind of directory import reads."""

    entity: str  # in the audit trail: 'student', 'teacher'
    aliases: Mapping[str, str]  # header_key(column) -> field
    required: Mapping[str, str]  # field -> its French name, for the messages
    key: str  # the field that identifies a record: a line with a known key updates it
    search_kind: str  # the search index to refresh


def upsert(session: Session, model: type[SQLModel], key: str, values: dict[str, Any]) -> tuple[Outcome, int]:
    """Create the record whose `key` column holds values[key], or write only the values that differ."""
    record = session.exec(select(model).where(getattr(model, key) == values[key])).first()
    if record is None:
        record = model(**values)
        session.add(record)
        session.flush()
        return 'created', record.id  # type: ignore[attr-defined]
    changed = {name: value for name, value in values.items() if getattr(record, name) != value}
    for name, value in changed.items():
        setattr(record, name, value)
    session.add(record)
    return ('updated' if changed else 'unchanged'), record.id  # type: ignore[attr-defined]


def composantes_by_code() -> dict[str, Composante]:
    with session_scope() as session:
        return {composante.code.upper(): composante for composante in session.exec(select(Composante)).all()}


def import_file(
    actor: Actor, content: bytes, table: Table, handler: Callable[[], LineHandler], progress: Progress | None
) -> ImportReport:
    """Check the header, then write the lines (`handler()` gives the line handler, once the file is accepted)."""
    require(actor, Action.ADMINISTER)
    columns, rows = read_table(decode(content), table.aliases)
    missing = [label for field_name, label in table.required.items() if field_name not in columns]
    if missing:
        raise FieldError(_('Colonne(s) manquante(s) dans l’en-tête : {names}.', names=', '.join(missing)))
    report = run_import(rows, handler(), lambda row: row.get(table.key, ''), table.search_kind, progress)
    record_import(actor, table.entity, report)
    return report


def run_import(
    rows: list[tuple[int, dict[str, str]]],
    handle: LineHandler,
    key_of: Callable[[dict[str, str]], str],
    search_kind: str,
    progress: Progress | None = None,
) -> ImportReport:
    report = ImportReport(lines=len(rows))
    for start in range(0, len(rows), CHUNK):
        touched: list[int] = []
        with session_scope() as session:
            for number, row in rows[start : start + CHUNK]:
                try:
                    with session.begin_nested():
                        outcome, record_id = handle(session, row)
                except ValueError as refused:
                    report.errors.append(LineError(number, key_of(row), str(refused)))
                    continue
                except sa.exc.IntegrityError:
                    reason = _('en conflit avec une autre ligne ou un enregistrement existant (valeur déjà prise)')
                    report.errors.append(LineError(number, key_of(row), reason))
                    continue
                setattr(report, outcome, getattr(report, outcome) + 1)
                if outcome != 'unchanged':
                    touched.append(record_id)
        index_changed(search_kind, touched)  # findable at once here; other instances poll
        if progress:
            progress(min(start + CHUNK, len(rows)), len(rows))
    if progress and not rows:
        progress(0, 0)
    return report


def record_import(actor: Actor, entity_type: str, report: ImportReport) -> None:
    """One audit entry per import: who imported what, with the counts."""
    with session_scope() as session:
        audit.record(
            session,
            actor_id=actor.user_id or None,  # the command line acts without an account
            action=f'{entity_type}.import',
            entity_type=entity_type,
            entity_id='*',
            summary=describe(report),
            changes={'refused_lines': [error.line for error in report.errors][:1000]},
        )


def describe(report: ImportReport) -> str:
    return _(
        '{lines} ligne(s) lue(s) : {created} créée(s), {updated} modifiée(s), {unchanged} inchangée(s), '
        '{refused} refusée(s).',
        lines=report.lines,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        refused=len(report.errors),
    )
