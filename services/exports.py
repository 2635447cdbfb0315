"""« Exports »: any list of the bureau des stages (conventions, établissements, offres, answers to an evaluation
form) as CSV or Excel, with the columns the user picks, from the criteria of a search.

Both formats come from the same rows and the same columns: a CSV cell is the text of the Excel cell
(`cell_text`), French headers, `;` separator and a UTF-8 byte-order mark for French Excel. Excel cells
keep their type (numbers, dates) so they sort and sum. Each dataset (services/exports_*.py) declares its
columns as SQL expressions, so only the picked columns are read; rows are streamed, and `progress` is
called as they are written — run large exports in a background thread (pages do).
"""

import csv
import enum
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from sqlmodel import Session, select

from models import NomenclatureEntry
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.permissions import Action, require

PARIS = ZoneInfo('Europe/Paris')
PROGRESS_EVERY = 500  # rows between two progress calls
Progress = Callable[[int, int], None]  # (rows written, rows in all)
Cell = str | int | float | date | datetime | None


class CellKind(enum.StrEnum):
    TEXT = 'text'
    INTEGER = 'integer'
    NUMBER = 'number'
    MONEY = 'money'  # euros with cents
    DATE = 'date'
    DATETIME = 'datetime'
    BOOL = 'bool'


class ExportFormat(enum.StrEnum):
    CSV = 'csv'
    XLSX = 'xlsx'


MEDIA_TYPES = {
    ExportFormat.CSV: 'text/csv',
    ExportFormat.XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # French, as in the file
    group: str  # where the column picker shows it
    sql: Any  # the SQL expression read for this column
    kind: CellKind = CellKind.TEXT
    labels: Mapping[Any, str] | None = None  # enum value -> French label
    code_list: str | None = None  # nomenclature kind: the cell shows « code — libellé »
    transform: Callable[[Any], Any] | None = None  # value as read -> cell value (before labels)
    fields: tuple[str, ...] = ()  # model fields the column shows (to prove a full export is complete)


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    columns: Callable[[], list[Column]]
    source: Callable[[Actor, Mapping[str, str]], tuple[Any, list[Any], list[Any]]]  # from clause, where, order by
    criteria_labels: Mapping[str, str] = field(default_factory=dict)  # URL parameter -> French name


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content: bytes
    media_type: str
    rows: int


# --- cell values ----------------------------------------------------------------------------------------------


def _french_number(value: float, decimals: int | None = None) -> str:
    text = f'{value:.{decimals}f}' if decimals is not None else f'{value:.6f}'.rstrip('0').rstrip('.')
    return text.replace('.', ',')


def cell_text(kind: CellKind, value: Cell) -> str:
    """The CSV text of a cell: what French Excel shows for the same typed cell."""
    if value is None or value == '':
        return ''
    if kind is CellKind.MONEY and isinstance(value, int | float):
        return _french_number(float(value), 2)
    if kind is CellKind.DATETIME and isinstance(value, datetime):
        return value.strftime('%d/%m/%Y %H:%M')
    if isinstance(value, datetime):  # a date read back from Excel
        return value.strftime('%d/%m/%Y')
    if isinstance(value, date):
        return value.strftime('%d/%m/%Y')
    if isinstance(value, bool):
        return _('oui') if value else _('non')
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _french_number(value)
    return str(value)


def _cell(column: Column, raw: Any, labels: Mapping[str, str]) -> Cell:
    value = column.transform(raw) if column.transform and raw is not None else raw
    if value is None:
        return None
    if column.kind is CellKind.BOOL:
        return _('oui') if value else _('non')
    if column.labels is not None:
        return column.labels.get(str(getattr(value, 'value', value)), str(value))
    if column.code_list is not None:
        label = labels.get(str(value))
        return f'{value} — {label}' if label else str(value)
    if column.kind is CellKind.DATETIME and isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(PARIS).replace(tzinfo=None)  # Excel has no time zones: Paris time
    if column.kind is CellKind.DATE and isinstance(value, str):
        return date.fromisoformat(value[:10])
    if column.kind in (CellKind.NUMBER, CellKind.MONEY) and not isinstance(value, int | float):
        return float(value)
    return value


# --- writing --------------------------------------------------------------------------------------------------


def write_csv(columns: Sequence[Column], rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=';', lineterminator='\r\n')
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow([cell_text(column.kind, value) for column, value in zip(columns, row, strict=True)])
    return buffer.getvalue().encode('utf-8-sig')


NUMBER_FORMATS = {
    CellKind.DATE: 'DD/MM/YYYY',
    CellKind.DATETIME: 'DD/MM/YYYY HH:MM',
    CellKind.MONEY: '#,##0.00',
    CellKind.NUMBER: '#,##0.##',
}


def write_xlsx(columns: Sequence[Column], rows: Iterable[Sequence[Cell]], title: str = 'Export') -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = [NUMBER_FORMATS.get(column.kind) for column in columns]
    for row in rows:
        cells: list[Any] = []
        for number_format, value in zip(formats, row, strict=True):
            if number_format and value is not None and not isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = number_format
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- running an export ----------------------------------------------------------------------------------------


def pick(dataset: Dataset, keys: Sequence[str] | None) -> list[Column]:
    """The chosen columns in the dataset's order; None or empty means every column (the full export)."""
    columns = dataset.columns()
    if not keys:
        return columns
    wanted = set(keys)
    chosen = [column for column in columns if column.key in wanted]
    if not chosen:
        raise ValueError(_('Choisissez au moins une colonne à exporter.'))
    return chosen


def count(actor: Actor, dataset: Dataset, criteria: Mapping[str, str]) -> int:
    require(actor, Action.EXPORT)
    source, where, _order = dataset.source(actor, criteria)
    with session_scope() as session:
        return int(session.execute(sa.select(sa.func.count()).select_from(source).where(*where)).scalar_one())


def rows(
    actor: Actor,
    dataset: Dataset,
    criteria: Mapping[str, str],
    columns: Sequence[Column],
    progress: Progress | None = None,
) -> Iterator[list[Cell]]:
    """The export's rows, streamed from the database, typed as the cells will be."""
    require(actor, Action.EXPORT)
    source, where, order = dataset.source(actor, criteria)
    query = (
        sa.select(*[column.sql.label(f'c{index}') for index, column in enumerate(columns)])
        .select_from(source)
        .where(*where)
        .order_by(*order)
    )
    with session_scope() as session:
        total = int(session.execute(sa.select(sa.func.count()).select_from(source).where(*where)).scalar_one())
        labels: dict[str, dict[str, str]] = {}
        for column in columns:
            if column.code_list and column.code_list not in labels:
                labels[column.code_list] = all_labels(session, column.code_list)
        done = 0
        for row in session.execute(query.execution_options(yield_per=1000)):
            yield [
                _cell(column, raw, labels.get(column.code_list or '', {}))
                for column, raw in zip(columns, row, strict=True)
            ]
            done += 1
            if progress and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
        if progress and done == 0:
            progress(0, 0)


def all_labels(session: Session, kind: str) -> dict[str, str]:
    query = select(NomenclatureEntry.code, NomenclatureEntry.label).where(NomenclatureEntry.kind == kind)
    return dict(session.exec(query).all())


def export(
    actor: Actor,
    dataset: Dataset,
    criteria: Mapping[str, str],
    column_keys: Sequence[str] | None,
    fmt: ExportFormat | str,
    progress: Progress | None = None,
) -> ExportFile:
    """The whole file; slow for tens of thousands of rows, so pages call it in a background thread."""
    require(actor, Action.EXPORT)
    fmt = ExportFormat(fmt)
    columns = pick(dataset, column_keys)
    written = 0

    def counted() -> Iterator[list[Cell]]:  # rows go straight from the database cursor into the file
        nonlocal written
        for row in rows(actor, dataset, criteria, columns, progress):
            written += 1
            yield row

    if fmt is ExportFormat.CSV:
        content = write_csv(columns, counted())
    else:
        content = write_xlsx(columns, counted(), dataset.title)
    stamp = datetime.now(PARIS).strftime('%Y%m%d-%H%M')
    return ExportFile(f'{dataset.key}-{stamp}.{fmt.value}', content, MEDIA_TYPES[fmt], written)
