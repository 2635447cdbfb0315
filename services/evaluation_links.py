"""The tutor's evaluation link: signed, valid 60 days, optionally one-time, and only the latest one works.

The token itself never reaches the database: the response keeps its SHA-256 (`token_hash`), so sending a
reminder (a fresh link) retires the previous one. The page /evaluation-tuteur/<token> calls
`tutor_questionnaire` and `submit_tutor`; every refusal is an InvalidLink with a French message.
"""

import hashlib
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from auth import signed_links
from auth.signed_links import InvalidLink, LinkGrant, Purpose
from models import Convention, EvaluationForm, EvaluationResponse, Respondent
from services.database import session_scope
from services.evaluations import Questionnaire, build_questionnaire, new_response, save_answers
from services.i18n import _

TUTOR_PATH = '/evaluation-tuteur'


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_tutor_link(session: Session, form: EvaluationForm, convention: Convention) -> str:
    """A fresh link for the tutor of `convention` (the previous one stops working); returns the path to mail."""
    response = new_response(session, form.id or 0, convention.id or 0)
    token = signed_links.make_token(Purpose.TUTOR_EVALUATION, convention.id or 0, one_time=form.one_time_link)
    response.token_hash = hash_token(token)
    session.add(response)
    session.flush()
    return f'{TUTOR_PATH}/{token}'


def _grant(session: Session, token: str) -> tuple[LinkGrant, Convention]:
    grant = signed_links.read_token(token, Purpose.TUTOR_EVALUATION)
    response = session.exec(
        select(EvaluationResponse).where(EvaluationResponse.token_hash == hash_token(token))
    ).first()
    if response is None:
        raise InvalidLink(
            _('Ce lien a été remplacé par un lien plus récent : utilisez le dernier e-mail reçu du bureau des stages.')
        )
    signed_links.require(grant, Purpose.TUTOR_EVALUATION, response.convention_id)
    if grant.one_time and signed_links.already_used(session, grant):
        raise InvalidLink(_('Ce lien a déjà été utilisé. Demandez un nouveau lien au bureau des stages.'))
    convention = session.get(Convention, response.convention_id)
    if convention is None:  # deleted since: say nothing about it
        raise InvalidLink(_("Ce lien n'est pas valide. Demandez un nouveau lien au bureau des stages."))
    return grant, convention


def tutor_questionnaire(token: str, today: date | None = None) -> Questionnaire:
    """The tutor's form for the convention the link names; InvalidLink if forged, expired, replaced or used."""
    with session_scope() as session:
        _link, convention = _grant(session, token)
        return build_questionnaire(session, convention, Respondent.TUTOR, today)[0]


def submit_tutor(token: str, answers: Mapping[int, Any], today: date | None = None) -> datetime:
    """Save the tutor's answers; a one-time link is spent in the same transaction."""
    with session_scope() as session:
        grant, convention = _grant(session, token)
        current, _form = build_questionnaire(session, convention, Respondent.TUTOR, today)
        submitted = save_answers(session, current, answers, actor_id=None, who=_('tuteur, par lien e-mail'))
        signed_links.consume(session, grant)
        return submitted
