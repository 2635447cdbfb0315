"""Inviting and reminding the respondents of ended stages, in bulk, by e-mail (through services.mail's outbox).

The student and the enseignant référent get a link into the application; the tutor a fresh signed link valid
60 days (the previous one stops working). The first e-mail is the invitation, later ones are reminders.
Nothing is sent for a form already answered, and an event switched off by the administration sends nothing.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from auth.signed_links import DEFAULT_LIFETIME, Purpose
from models import Contact, Convention, EvaluationForm, Respondent, Teacher, utcnow
from services import audit
from services.actor import Actor
from services.convention_queries import visible_to
from services.current_terms import current_terms, load_amendments
from services.database import session_scope
from services.evaluation_followup import active_forms
from services.evaluation_links import issue_tutor_link
from services.evaluations import is_open, new_response, response_for
from services.i18n import _
from services.labels import RESPONDENT
from services.mail.events import MailEvent
from services.mail.notifications import convention_context, link
from services.mail.outbox import enqueue, is_enabled
from services.permissions import Action, require

MAX_BATCH = 5000


@dataclass
class InvitationReport:
    sent: int = 0
    skipped: list[str] = field(default_factory=list)  # « 2026-000123, tuteur : déjà rempli »


def _recipient(session: Session, convention: Convention, respondent: Respondent, tutor_id: int) -> str | None:
    if respondent is Respondent.STUDENT:
        return convention.student_email
    if respondent is Respondent.TEACHER:
        teacher = session.get(Teacher, convention.referent_id)
        return teacher.email if teacher else None
    tutor = session.get(Contact, tutor_id)
    return tutor.email if tutor else None


def send_invitations(
    actor: Actor, convention_ids: Collection[int], respondents: Collection[Respondent], today: date | None = None
) -> InvitationReport:
    """Queue an invitation (or a reminder) to each chosen respondent of each chosen convention of the scope."""
    require(actor, Action.EVALUATION_MANAGE)
    report = InvitationReport()
    wanted = sorted(set(convention_ids))[:MAX_BATCH]
    with session_scope() as session:
        conventions = session.exec(
            select(Convention)
            .where(col(Convention.id).in_(wanted), visible_to(actor, Action.EVALUATION_MANAGE))
            .order_by(col(Convention.number))
        ).all()
        forms = active_forms(session)
        for convention in conventions:
            terms = current_terms(convention, load_amendments(session, convention.id or 0))
            if not is_open(convention, terms.end_date, today):
                report.skipped.append(_('{n} : le stage n’est pas terminé', n=convention.number))
                continue
            for respondent in Respondent:
                if respondent not in respondents:
                    continue
                reason = _invite(session, convention, respondent, forms, terms.tutor_id, terms.end_date)
                if reason is None:
                    report.sent += 1
                else:
                    who = RESPONDENT[respondent].lower()
                    report.skipped.append(_('{n}, {who} : {why}', n=convention.number, who=who, why=reason))
        audit.record(
            session,
            actor_id=actor.user_id,
            action='evaluation.invite',
            entity_type='convention',
            entity_id='*',
            summary=_('Invitations et relances d’évaluation : {n} e-mail(s)', n=report.sent),
            changes={'numbers': [c.number for c in conventions], 'respondents': sorted(r.value for r in respondents)},
        )
    return report


def _invite(
    session: Session,
    convention: Convention,
    respondent: Respondent,
    forms: dict[int, dict[Respondent, int]],
    tutor_id: int,
    end: date,
) -> str | None:
    """Queue one e-mail; None when queued, else why not (French)."""
    form_id = forms.get(convention.composante_id, {}).get(respondent)
    if form_id is None:
        return _('pas de questionnaire actif')
    response = response_for(session, form_id, convention.id or 0)
    if response is not None and response.submitted_at is not None:
        return _('déjà rempli')
    reminder = response is not None and response.invited_at is not None
    event = MailEvent.EVALUATION_REMINDER if reminder else MailEvent.EVALUATION_INVITATION
    if not is_enabled(session, event):
        return _('e-mails désactivés par l’administration')
    recipient = _recipient(session, convention, respondent, tutor_id)
    if not recipient:
        return _('pas d’adresse e-mail')
    form = session.get(EvaluationForm, form_id)
    assert form is not None
    if respondent is Respondent.TUTOR:
        path = issue_tutor_link(session, form, convention)
        expires = (date.today() + DEFAULT_LIFETIME[Purpose.TUTOR_EVALUATION]).strftime('%d/%m/%Y')
    else:
        path, expires = f'/evaluations/convention/{convention.id}', ''
    context = convention_context(session, convention) | {
        'respondent': respondent.value,
        'form_title': form.title,
        'end': end.strftime('%d/%m/%Y'),
        'link': link(path),
        'expires': expires,
        'reminders': (response.reminders + 1) if reminder and response else 0,
    }
    enqueue(session, event, [recipient], context, convention_id=convention.id)
    response = new_response(session, form_id, convention.id or 0)  # the tutor's link made it already
    now = utcnow()
    if reminder:
        response.reminded_at, response.reminders = now, response.reminders + 1
    else:
        response.invited_at = now
    session.add(response)
    return None
