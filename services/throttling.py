"""Login throttling against password guessing, per account and per client address.

Failures are rows of the database (table login_failure), so several instances of the application
behind one load balancer count the same failures. After `login_max_failures` wrong passwords for one
account within the window, any further attempt — even with the right password — is refused until the
oldest of those failures leaves the window; the same holds per address with its own, higher limit.
These functions run before anyone is authenticated, so they take no actor.
"""

import math
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from models import LoginFailure, utcnow
from services.database import session_scope
from services.i18n import _
from settings import get_settings

# Failures older than this are deleted when a new one is written: the table stays small.
_KEEP = timedelta(days=1)


class TooManyAttempts(Exception):
    """The message is French and says when to try again."""

    def __init__(self, retry_at: datetime, *, now: datetime) -> None:
        self.retry_at = retry_at
        seconds = max(1, math.ceil((retry_at - now).total_seconds()))
        super().__init__(
            _(
                'Trop de tentatives de connexion infructueuses. Par sécurité, réessayez dans {seconds} secondes.',
                seconds=seconds,
            )
            if seconds < 120
            else _(
                'Trop de tentatives de connexion infructueuses. Par sécurité, réessayez dans {minutes} minutes.',
                minutes=math.ceil(seconds / 60),
            )
        )


def _retry_at(session: Session, column: Any, value: str, limit: int, now: datetime) -> datetime | None:
    window = timedelta(seconds=get_settings().login_failure_window_seconds)
    recent = session.exec(
        select(LoginFailure.at).where(column == value, LoginFailure.at > now - window).order_by(LoginFailure.at.desc())  # type: ignore[attr-defined]
    ).all()
    if len(recent) < limit:
        return None
    # Blocked until the limit-th most recent failure leaves the window.
    return recent[limit - 1] + window


def check_allowed(login: str, ip: str | None) -> None:
    """Raise TooManyAttempts when this account or this address has failed too often lately."""
    settings = get_settings()
    now = utcnow()
    with session_scope() as session:
        waits = [_retry_at(session, LoginFailure.login, _key(login), settings.login_max_failures, now)]
        if ip:
            waits.append(_retry_at(session, LoginFailure.ip, ip, settings.login_max_failures_per_ip, now))
    blocked = [wait for wait in waits if wait is not None and wait > now]
    if blocked:
        raise TooManyAttempts(max(blocked), now=now)


def record_failure(login: str, ip: str | None) -> None:
    now = utcnow()
    with session_scope() as session:
        session.add(LoginFailure(at=now, login=_key(login), ip=(ip or None) and ip[:64]))
        session.execute(sa.delete(LoginFailure).where(LoginFailure.at < now - _KEEP))  # type: ignore[arg-type]


def _key(login: str) -> str:
    return login.strip().lower()[:120]
