"""Labels of the nomenclatures (NAF, départements, pays, thématiques…) as stored in the database."""

from collections.abc import Iterable

from sqlmodel import Session, col, select

from models import NomenclatureEntry


def code_labels(session: Session, kind: str, codes: Iterable[str | None]) -> dict[str, str]:
    """`code -> libellé` for the given codes of one list (unknown codes are simply absent)."""
    wanted = sorted({code for code in codes if code})
    if not wanted:
        return {}
    rows = session.exec(
        select(NomenclatureEntry.code, NomenclatureEntry.label).where(
            NomenclatureEntry.kind == kind, col(NomenclatureEntry.code).in_(wanted)
        )
    ).all()
    return dict(rows)


def active_entries(session: Session, kind: str) -> dict[str, str]:
    """Every active entry of a list, in its official order."""
    rows = session.exec(
        select(NomenclatureEntry.code, NomenclatureEntry.label)
        .where(NomenclatureEntry.kind == kind, col(NomenclatureEntry.active).is_(True))
        .order_by(col(NomenclatureEntry.position), col(NomenclatureEntry.code))
    ).all()
    return dict(rows)


def code_and_label(code: str | None, labels: dict[str, str]) -> str:
    """« 45.20A — Entretien et réparation de véhicules automobiles légers », or the bare code."""
    if not code:
        return ''
    label = labels.get(code)
    return f'{code} — {label}' if label else code
