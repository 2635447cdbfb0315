"""Administration of accounts: search, roles (several per person, teachers and gestionnaires scoped to a
composante or to all), deactivation. Rights are the union of a person's roles (services.people).

Guard rails: an administrator cannot deactivate himself nor remove his own administrator role, and the
instance always keeps one active administrator.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, select

from models import Composante, Role, User, UserRole
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.labels import ROLE
from services.pagination import Page, clamp_page
from services.permissions import Action, require
from services.rules.fields import FieldError

PAGE_SIZE = 25
SCOPED_ROLES = frozenset({Role.TEACHER, Role.MANAGER})


@dataclass(frozen=True)
class Grant:
    id: int
    role: Role
    composante_id: int | None
    label: str  # « gestionnaire (UFR-ST) »


@dataclass(frozen=True)
class Account:
    id: int
    login: str
    display_name: str
    email: str | None
    active: bool
    grants: list[Grant]

    @property
    def roles_label(self) -> str:
        return ', '.join(grant.label for grant in self.grants)


def _grants(session: Session, user_ids: list[int]) -> dict[int, list[Grant]]:
    rows = session.exec(
        select(UserRole, Composante.code)
        .outerjoin(Composante, col(Composante.id) == UserRole.composante_id)
        .where(col(UserRole.user_id).in_(user_ids))
        .order_by(col(UserRole.role), col(Composante.code))
    ).all()
    grants: dict[int, list[Grant]] = {}
    for row, code in rows:
        label = ROLE[Role(row.role)] + (f' ({code})' if code else '')
        grants.setdefault(row.user_id, []).append(Grant(row.id or 0, Role(row.role), row.composante_id, label))
    return grants


def search_accounts(actor: Actor, text: str = '', page: int = 1) -> Page[Account]:
    """Accounts whose login, name or e-mail contain every word typed, by login."""
    require(actor, Action.ADMINISTER)
    conditions = [
        sa.or_(
            col(User.login).icontains(word, autoescape=True),
            col(User.display_name).icontains(word, autoescape=True),
            col(User.email).icontains(word, autoescape=True),
        )
        for word in text.split()
    ]
    with session_scope() as session:
        total = session.exec(select(sa.func.count()).select_from(User).where(*conditions)).one()
        number = clamp_page(page, total, PAGE_SIZE)
        users = session.exec(
            select(User).where(*conditions).order_by(col(User.login)).offset((number - 1) * PAGE_SIZE).limit(PAGE_SIZE)
        ).all()
        grants = _grants(session, [user.id or 0 for user in users])
    items = [Account(u.id or 0, u.login, u.display_name, u.email, u.active, grants.get(u.id or 0, [])) for u in users]
    return Page(items, total, number, PAGE_SIZE)


def _active_admins(session: Session, excluding: int | None = None) -> int:
    query = (
        select(sa.func.count(sa.distinct(col(User.id))))
        .join(UserRole, col(UserRole.user_id) == User.id)
        .where(col(UserRole.role) == Role.ADMIN, col(User.active).is_(True))
    )
    if excluding is not None:
        query = query.where(col(User.id) != excluding)
    return session.exec(query).one()


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise LookupError(_("Ce compte n'existe pas."))
    return user


def add_role(actor: Actor, user_id: int, role: Role | str, composante_id: int | None = None) -> None:
    require(actor, Action.ADMINISTER)
    try:
        granted = Role(role)
    except ValueError as error:
        raise FieldError(_('Rôle inconnu.')) from error
    if granted not in SCOPED_ROLES:
        composante_id = None  # a student's or an administrator's role is not limited to a composante
    with session_scope() as session:
        user = _user(session, user_id)
        if composante_id is not None and session.get(Composante, composante_id) is None:
            raise FieldError(_('Composante inconnue.'))
        existing = session.exec(
            select(UserRole).where(
                UserRole.user_id == user_id, UserRole.role == granted, UserRole.composante_id == composante_id
            )
        ).first()
        if existing is not None:
            raise FieldError(_('Ce compte a déjà ce rôle.'))
        session.add(UserRole(user_id=user_id, role=granted, composante_id=composante_id))
        _trace(session, actor, user, 'user.role_add', _('Rôle {r} ajouté', r=ROLE[granted]))


def remove_role(actor: Actor, grant_id: int) -> None:
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        grant = session.get(UserRole, grant_id)
        if grant is None:
            raise LookupError(_("Ce rôle n'existe plus."))
        user = _user(session, grant.user_id)
        if grant.role == Role.ADMIN:
            if grant.user_id == actor.user_id:
                raise FieldError(_('Vous ne pouvez pas retirer votre propre rôle d’administrateur.'))
            if user.active and _active_admins(session, excluding=grant.user_id) == 0:
                raise FieldError(_('Il doit rester au moins un administrateur actif.'))
        session.delete(grant)
        _trace(session, actor, user, 'user.role_remove', _('Rôle {r} retiré', r=ROLE[Role(grant.role)]))


def set_active(actor: Actor, user_id: int, active: bool) -> None:
    """Deactivate (the account can no longer log in, its sessions end) or reactivate an account."""
    require(actor, Action.ADMINISTER)
    with session_scope() as session:
        user = _user(session, user_id)
        if not active:
            if user_id == actor.user_id:
                raise FieldError(_('Vous ne pouvez pas désactiver votre propre compte.'))
            if _active_admins(session, excluding=user_id) == 0:
                raise FieldError(_('Il doit rester au moins un administrateur actif.'))
        user.active = bool(active)
        session.add(user)
        _trace(
            session,
            actor,
            user,
            'user.activate' if active else 'user.deactivate',
            _('Compte réactivé') if active else _('Compte désactivé'),
        )


def _trace(session: Session, actor: Actor, user: User, action: str, summary: str) -> None:
    audit.record(
        session,
        actor_id=actor.user_id,
        action=action,
        entity_type='user',
        entity_id=user.id,
        summary=f'{summary} — {user.login}',
    )
