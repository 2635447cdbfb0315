"""Writes to the audit trail, inside the caller's transaction so the trace and the change stand or fall together."""

from typing import Any

from sqlmodel import Session

from models import AuditEntry


def record(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    entity_type: str,
    entity_id: object,
    summary: str,
    changes: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEntry(
            actor_id=actor_id,
            action=action,
            entity_type=entity_type,
            entity_id=str(entity_id),
            summary=summary,
            changes=changes,
        )
    )
