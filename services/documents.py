"""Printing (guide step 9): the convention, the attestation de stage and the avenant as PDF.

A print is prepared here (permission, database reads, audit trail) as a `PrintJob` — plain picklable
data — and rendered by `pdf.render`, which pages run through `run.cpu_bound`. Staff print at any
status; a student prints before validation only when the composante allows it.
"""

import enum
from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session, select

from models import Amendment, Composante, Convention, ConventionStatus, Role
from pdf.formatting import LANGUAGES
from pdf.render import render_pdf
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.documents_amendment import amendment_context
from services.documents_attestation import attestation_context
from services.documents_context import convention_context, get_row
from services.i18n import N_, _
from services.permissions import Action, PermissionDenied, Target, can, require


class Document(enum.StrEnum):
    CONVENTION = 'convention'
    ATTESTATION = 'attestation'
    AMENDMENT = 'avenant'


DOCUMENT_LABEL = {
    Document.CONVENTION: N_('la convention'),
    Document.ATTESTATION: N_("l'attestation de stage"),
    Document.AMENDMENT: N_("l'avenant"),
}


class DocumentUnavailable(LookupError):
    """The document cannot be printed (unknown number, cancelled convention…); the message is French."""


@dataclass(frozen=True)
class PrintJob:
    template: str
    context: dict[str, Any]
    language: str
    filename: str


@dataclass(frozen=True)
class PrintOptions:
    """What the « Impression » buttons may offer for one convention."""

    allowed: bool
    reason: str | None  # why not, in French
    languages: tuple[str, ...]  # French first, then the convention's print language
    documents: tuple[tuple[str, str], ...]  # (Document value, French label)


def render_job(job: PrintJob) -> bytes:
    """Module-level, so that a worker process can run it."""
    return render_pdf(job.template, job.context, job.language)


def _target(convention: Convention) -> Target:
    return Target(
        composante_id=convention.composante_id, student_id=convention.student_id, referent_id=convention.referent_id
    )


def _prints_as_staff(actor: Actor, target: Target) -> bool:
    staff = replace(actor, scopes={role: s for role, s in actor.scopes.items() if role is not Role.STUDENT})
    return can(staff, Action.CONVENTION_PRINT, target)


def _refusal(actor: Actor, convention: Convention, composante: Composante) -> str | None:
    target = _target(convention)
    if not can(actor, Action.CONVENTION_PRINT, target):
        return _("Vous n'avez pas le droit d'imprimer cette convention.")
    if _prints_as_staff(actor, target):
        return None
    if convention.status is ConventionStatus.CANCELLED:
        return _('Cette convention est annulée : elle ne peut plus être imprimée.')
    if convention.status is ConventionStatus.CREATED and not composante.students_print_before_validation:
        return _("Votre composante permet l'impression une fois la convention validée. Elle ne l'est pas encore.")
    return None


def _languages(convention: Convention) -> tuple[str, ...]:
    return ('fr',) if convention.print_language == 'fr' else ('fr', str(convention.print_language))


def _load(session: Session, convention_id: int) -> tuple[Convention, Composante]:
    convention = session.get(Convention, convention_id)
    if convention is None:
        raise DocumentUnavailable(_('Convention introuvable.'))
    return convention, get_row(session, Composante, convention.composante_id)


def print_options(actor: Actor, convention_id: int) -> PrintOptions:
    require(actor, Action.CONVENTION_PRINT)
    with session_scope() as session:
        convention, composante = _load(session, convention_id)
        require(actor, Action.CONVENTION_PRINT, _target(convention))  # nothing about others' conventions
        reason = _refusal(actor, convention, composante)
        offered = [Document.CONVENTION]
        if convention.status is not ConventionStatus.CANCELLED:
            offered.append(Document.ATTESTATION)
        return PrintOptions(
            allowed=reason is None,
            reason=reason,
            languages=_languages(convention),
            documents=tuple((document.value, DOCUMENT_LABEL[document]) for document in offered),
        )


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise DocumentUnavailable(_("Langue d'impression inconnue : {language}.", language=language))
    return language


def _convention_job(
    session: Session, convention: Convention, document: Document, language: str, actor_id: int | None, via: str
) -> PrintJob:
    if document is Document.ATTESTATION:
        if convention.status is ConventionStatus.CANCELLED:
            raise DocumentUnavailable(_("La convention est annulée : pas d'attestation de stage."))
        context = attestation_context(session, convention, language)
    else:
        context = convention_context(session, convention, language)
    suffix = '' if language == 'fr' else f'-{language}'
    audit.record(
        session,
        actor_id=actor_id,
        action=f'{document.value}.print',
        entity_type='convention',
        entity_id=convention.id,
        summary=_(
            'Impression de {document} n° {number} ({language}){via}',
            document=DOCUMENT_LABEL[document],
            number=convention.number,
            language=language,
            via=via,
        ),
    )
    return PrintJob(document.value, context, language, f'{document.value}-{convention.number}{suffix}.pdf')


def _amendment_job(session: Session, amendment: Amendment, language: str, actor_id: int | None, via: str) -> PrintJob:
    convention = get_row(session, Convention, amendment.convention_id)
    context = amendment_context(session, convention, amendment, language)
    audit.record(
        session,
        actor_id=actor_id,
        action='avenant.print',
        entity_type='amendment',
        entity_id=amendment.id,
        summary=_("Impression de l'avenant n° {number}{via}", number=amendment.number, via=via),
    )
    return PrintJob('avenant', context, language, f'avenant-{amendment.number}.pdf')


def convention_print_job(
    actor: Actor, convention_id: int, document: Document = Document.CONVENTION, language: str = 'fr'
) -> PrintJob:
    """Prepare the convention or its attestation; the print is recorded in the audit trail."""
    document = Document(document)
    if document is Document.AMENDMENT:
        raise ValueError('an avenant prints with amendment_print_job')
    _check_language(language)
    with session_scope() as session:
        convention, composante = _load(session, convention_id)
        require(actor, Action.CONVENTION_PRINT, _target(convention))
        reason = _refusal(actor, convention, composante)
        if reason is not None:
            raise PermissionDenied(reason)
        return _convention_job(session, convention, document, language, actor.user_id, '')


def amendment_print_job(actor: Actor, amendment_id: int, language: str = 'fr') -> PrintJob:
    _check_language(language)
    with session_scope() as session:
        amendment = session.get(Amendment, amendment_id)
        if amendment is None:
            raise DocumentUnavailable(_('Avenant introuvable.'))
        convention, composante = _load(session, amendment.convention_id)
        require(actor, Action.CONVENTION_PRINT, _target(convention))
        reason = _refusal(actor, convention, composante)
        if reason is not None:
            raise PermissionDenied(reason)
        return _amendment_job(session, amendment, language, actor.user_id, '')


def print_convention(
    actor: Actor, convention_id: int, document: Document = Document.CONVENTION, language: str = 'fr'
) -> bytes:
    """Prepare and render in this process (tests, scripts); pages render through run.cpu_bound instead."""
    return render_job(convention_print_job(actor, convention_id, document, language))


def operator_print_job(number: str, document: Document, language: str = 'fr') -> PrintJob:
    """For `pstage render-pdf`: the operator holds the database itself, so no user's permission applies;
    the print is still traced, with no user and « (ligne de commande) »."""
    document = Document(document)
    _check_language(language)
    via = ' ' + _('(ligne de commande)')
    with session_scope() as session:
        if document is Document.AMENDMENT:
            amendment = session.exec(select(Amendment).where(Amendment.number == number)).first()
            if amendment is None:
                raise DocumentUnavailable(_('Avenant n° {number} introuvable.', number=number))
            return _amendment_job(session, amendment, language, None, via)
        convention = session.exec(select(Convention).where(Convention.number == number)).first()
        if convention is None:
            raise DocumentUnavailable(_('Convention n° {number} introuvable.', number=number))
        return _convention_job(session, convention, document, language, None, via)
