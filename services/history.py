"""« Historique » of a convention: every creation, edit, validation, withdrawal, signature, avenant and print,
from the audit trail — who, when, and each value before → after, newest first."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from models import Amendment, AuditEntry, Convention, User
from services.actor import Actor
from services.database import session_scope
from services.i18n import N_, _
from services.labels import CONVENTION_STATUS
from services.permissions import Action, PermissionDenied, Target, require
from services.rules import fmt

ACTION_LABELS = {
    'convention.create': N_('Création'),
    'convention.update': N_('Modification'),
    'convention.validate': N_('Validation'),
    'convention.unvalidate': N_('Retrait de validation'),
    'convention.signature': N_('Signatures'),
    'convention.print': N_('Impression'),
    'attestation.print': N_('Impression'),
    'convention.export_pdf': N_('Export PDF'),
    'amendment.create': N_("Création d'avenant"),
    'amendment.update': N_("Modification d'avenant"),
    'amendment.validate': N_("Validation d'avenant"),
    'amendment.delete': N_("Suppression d'avenant"),
    'avenant.print': N_("Impression d'avenant"),
    'read.sensitive': N_('Consultation de données sensibles'),
}
FIELD_LABELS = {
    'status': N_('Statut'),
    'convention_status': N_('Statut de la convention'),
    'motif': N_('Motif de la modification'),
    'start_date': N_('Date de début'),
    'end_date': N_('Date de fin'),
    'new_start_date': N_('Date de début'),
    'new_end_date': N_('Date de fin'),
    'interruptions': N_('Interruptions'),
    'rupture_date': N_('Date de rupture'),
    'rupture_reason': N_('Motif de la rupture'),
    'subject': N_('Sujet'),
    'new_subject': N_('Sujet'),
    'gratification_amount_cents': N_('Gratification'),
    'new_gratification_amount_cents': N_('Gratification'),
    'new_gratification_unit': N_('Unité de la gratification'),
    'new_service_id': N_("Service d'accueil (n°)"),
    'new_tutor_id': N_('Tuteur professionnel (n°)'),
    'new_referent_id': N_('Enseignant référent (n°)'),
    'other_change': N_('Autre modification'),
    'new_effective_hours': N_('Durée effective (heures)'),
    'new_effective_days': N_('Durée effective (jours)'),
    'effective_hours': N_('Durée effective (heures)'),
    'etudiant': N_("Signature de l'étudiant(e)"),
    'signataire': N_("Signature de l'organisme d'accueil"),
    'etablissement': N_("Signature de l'établissement"),
    'enseignant_referent': N_("Signature de l'enseignant référent"),
    'tuteur': N_('Signature du tuteur'),
}
ISO_DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
STATUS_VALUES = {status.value: label for status, label in CONVENTION_STATUS.items()} | {
    'cree': 'créé',
    'valide': 'validé',
    'annule': 'annulé',
}


@dataclass(frozen=True)
class ChangeLine:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    action: str
    action_label: str
    summary: str
    changes: list[ChangeLine] = field(default_factory=list)


def _show(key: str, value: Any) -> str:
    if value is None or value == '':
        return '—'
    if isinstance(value, list):
        return ', '.join(_show(key, item) for item in value)
    if key in ('status', 'convention_status'):
        return STATUS_VALUES.get(str(value), str(value))
    if key.endswith('_cents') and isinstance(value, int | float):
        return fmt.money(value)
    if isinstance(value, str) and ISO_DATE.match(value):
        return f'{value[8:10]}/{value[5:7]}/{value[:4]}'
    if isinstance(value, bool):
        return _('oui') if value else _('non')
    return str(value)


def change_lines(changes: dict[str, Any] | None) -> list[ChangeLine]:
    """Every `{key: {before, after}}` of an audit entry, readable; other details are in the summary."""
    lines = []
    for key, value in (changes or {}).items():
        if isinstance(value, dict) and 'after' in value and 'before' in value:
            label = FIELD_LABELS.get(key, key.replace('_', ' ').capitalize())
            lines.append(ChangeLine(_(label), _show(key, value['before']), _show(key, value['after'])))
        elif isinstance(value, dict) and value.get('changed'):
            lines.append(ChangeLine(_('N° de sécurité sociale'), '•••', _('modifié')))
    return lines


def convention_history(actor: Actor, convention_id: int) -> list[HistoryEntry]:
    with session_scope() as session:
        convention = session.get(Convention, convention_id)
        if convention is None:
            raise PermissionDenied(_("Cette convention n'existe pas ou a été supprimée."))
        require(
            actor,
            Action.CONVENTION_READ,
            Target(convention.composante_id, convention.student_id, convention.referent_id),
        )
        amendment_ids = [
            str(key) for key in session.exec(select(Amendment.id).where(Amendment.convention_id == convention_id)).all()
        ]
        rows = session.exec(
            select(AuditEntry, User.display_name)
            .outerjoin(User, col(User.id) == AuditEntry.actor_id)
            .where(
                sa.or_(
                    sa.and_(
                        col(AuditEntry.entity_type) == 'convention', col(AuditEntry.entity_id) == str(convention_id)
                    ),
                    sa.and_(col(AuditEntry.entity_type) == 'amendment', col(AuditEntry.entity_id).in_(amendment_ids)),
                )
            )
            .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        ).all()
        return [
            HistoryEntry(
                at=entry.at,
                who=name or _('(système)'),
                action=entry.action,
                action_label=_(ACTION_LABELS.get(entry.action, entry.action)),
                summary=entry.summary,
                changes=change_lines(entry.changes if entry.action != 'convention.create' else None),
            )
            for entry, name in rows
        ]


__all__ = ['ChangeLine', 'HistoryEntry', 'change_lines', 'convention_history']
