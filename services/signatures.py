"""Signatures: the date each of the five signatories signed, entered by staff or with the uploaded signed scan.

A convention is `signée` once all five have signed; clearing a date puts it back to `validée`. « Signé hors
application » marks a signature given on paper outside PStage. Scans go to the shared file store (services.file_store)
under conventions/<id>/; only their key and original name are in the database.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from sqlmodel import Session, col, select

from models import Convention, ConventionStatus, Signatory, Signature, User
from services import audit, file_store
from services.actor import Actor
from services.database import session_scope
from services.i18n import N_, _
from services.permissions import Action, Target, can, require
from services.uploads import check_upload

SIGNATORY_LABELS = {
    Signatory.STUDENT: N_("L'étudiant(e)"),
    Signatory.HOST_SIGNATORY: N_("Le représentant de l'organisme d'accueil"),
    Signatory.UNIVERSITY: N_("Le représentant de l'établissement d'enseignement"),
    Signatory.REFERENT: N_("L'enseignant référent"),
    Signatory.TUTOR: N_('Le tuteur professionnel'),
}
EARLIEST = date(2000, 1, 1)


class SignatureRefused(Exception):
    """The message is French."""


@dataclass(frozen=True)
class SignatureState:
    signatory: Signatory
    label: str
    signed_on: date | None
    outside_application: bool
    has_scan: bool
    recorded_by: str | None


@dataclass(frozen=True)
class SignaturesView:
    convention_id: int
    number: str
    status: ConventionStatus
    editable: bool  # signatures may be recorded now (validated or signed)
    may_record: bool  # the actor may record them (the composante's staff)
    states: list[SignatureState]

    @property
    def complete(self) -> bool:
        return all(state.signed_on for state in self.states)


def _open(session: Session, actor: Actor, convention_id: int, action: Action) -> Convention:
    convention = session.get(Convention, convention_id)
    if convention is None:
        raise SignatureRefused(_("Cette convention n'existe pas ou a été supprimée."))
    require(actor, action, Target(convention.composante_id, convention.student_id, convention.referent_id))
    return convention


def _rows(session: Session, convention_id: int) -> dict[Signatory, Signature]:
    rows = session.exec(
        select(Signature).where(Signature.convention_id == convention_id, col(Signature.amendment_id).is_(None))
    ).all()
    return {Signatory(row.signatory): row for row in rows}


def _view(session: Session, actor: Actor, convention: Convention) -> SignaturesView:
    assert convention.id is not None
    rows = _rows(session, convention.id)
    names = dict(
        session.exec(
            select(User.id, User.display_name).where(col(User.id).in_([r.recorded_by_id for r in rows.values()]))
        ).all()
    )
    states = [
        SignatureState(
            signatory=who,
            label=_(SIGNATORY_LABELS[who]),
            signed_on=rows[who].signed_on if who in rows else None,
            outside_application=rows[who].outside_application if who in rows else False,
            has_scan=bool(rows[who].document_path) if who in rows else False,
            recorded_by=names.get(rows[who].recorded_by_id) if who in rows else None,
        )
        for who in Signatory
    ]
    editable = convention.status in (ConventionStatus.VALIDATED, ConventionStatus.SIGNED)
    target = Target(convention.composante_id, convention.student_id, convention.referent_id)
    may_record = can(actor, Action.VALIDATE_ADMINISTRATIVE, target)
    return SignaturesView(convention.id, convention.number, convention.status, editable, may_record, states)


def signatures(actor: Actor, convention_id: int) -> SignaturesView:
    with session_scope() as session:
        return _view(session, actor, _open(session, actor, convention_id, Action.CONVENTION_READ))


def _check_date(signed_on: date, convention: Convention) -> None:
    if not isinstance(signed_on, date) or signed_on < EARLIEST or signed_on > date.today():
        raise SignatureRefused(_("Indiquez une date de signature passée ou d'aujourd'hui (au format JJ/MM/AAAA)."))


def _update_status(session: Session, convention: Convention) -> None:
    assert convention.id is not None
    complete = len(_rows(session, convention.id)) == len(Signatory)
    wanted = ConventionStatus.SIGNED if complete else ConventionStatus.VALIDATED
    if convention.status is not wanted:
        convention.status = wanted
        session.add(convention)


def record_signatures(
    actor: Actor,
    convention_id: int,
    dates: dict[Signatory, date | None],
    *,
    outside_application: bool = False,
    scan: tuple[str, bytes] | None = None,
) -> SignaturesView:
    """Set (or clear, with None) the signature dates given; a scan (name, content) is attached to those signatories."""
    with session_scope() as session:
        convention = _open(session, actor, convention_id, Action.VALIDATE_ADMINISTRATIVE)
        assert convention.id is not None
        if convention.status not in (ConventionStatus.VALIDATED, ConventionStatus.SIGNED):
            raise SignatureRefused(
                _(
                    'Les signatures se saisissent une fois la convention validée (n° {number}).',
                    number=convention.number,
                )
            )
        key = None
        if scan is not None:
            checked = check_upload(scan[0], scan[1])
            key = file_store.new_key(f'conventions/{convention.id}', checked.filename)
        rows = _rows(session, convention.id)
        changes = {}
        for who, signed_on in dates.items():
            who = Signatory(who)
            row = rows.get(who)
            if signed_on is None:
                if row is not None:
                    changes[who.value] = {'before': row.signed_on.isoformat(), 'after': None}
                    session.delete(row)
                continue
            _check_date(signed_on, convention)
            if row is None:
                row = Signature(
                    convention_id=convention.id, signatory=who, signed_on=signed_on, recorded_by_id=actor.user_id
                )
            changes[who.value] = {
                'before': rows[who].signed_on.isoformat() if who in rows else None,
                'after': signed_on.isoformat(),
            }
            row.signed_on = signed_on
            row.outside_application = outside_application
            row.recorded_by_id = actor.user_id
            if key is not None:
                row.document_path = key
            session.add(row)
        session.flush()
        before = convention.status
        _update_status(session, convention)
        if changes or key:
            audit.record(
                session,
                actor_id=actor.user_id,
                action='convention.signature',
                entity_type='convention',
                entity_id=convention.id,
                summary=_('Signatures de la convention n° {number} enregistrées', number=convention.number)
                + (' ' + _('(scan signé joint)') if key else '')
                + (' ' + _('— signé hors application') if outside_application else ''),
                changes=changes | {'status': {'before': before.value, 'after': convention.status.value}},
            )
        if key is not None and scan is not None:
            file_store.save(key, scan[1])  # last: a refused change leaves no orphan file behind
        return _view(session, actor, convention)


def sign_all(
    actor: Actor,
    convention_id: int,
    signed_on: date,
    *,
    scan: tuple[str, bytes] | None = None,
    outside_application: bool = False,
) -> SignaturesView:
    """The five signatures at one date — typically with the scan of the signed convention."""
    return record_signatures(
        actor, convention_id, dict.fromkeys(Signatory, signed_on), scan=scan, outside_application=outside_application
    )


def signed_scan(
    actor: Actor, convention_id: int, signatories: Iterable[Signatory] = tuple(Signatory)
) -> tuple[str, bytes]:
    """The stored scan (file name, content) of the first given signatory that has one."""
    with session_scope() as session:
        convention = _open(session, actor, convention_id, Action.CONVENTION_READ)
        assert convention.id is not None
        rows = _rows(session, convention.id)
        for who in signatories:
            row = rows.get(Signatory(who))
            if row is not None and row.document_path:
                name = f'convention-{convention.number}-signee{PurePosixPath(row.document_path).suffix}'
                return name, file_store.read(row.document_path)
    raise SignatureRefused(_("Aucun scan signé n'a été déposé pour cette convention."))
