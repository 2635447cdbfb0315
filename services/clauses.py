"""Clause texts of the printed documents: the administration's edited text, else the shipped default.

Defaults live in pdf/clauses/<language>.json (one key per clause); an edited clause is a ClauseText row
for (key, language). A language that lacks a default falls back to the French one.
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlmodel import Session, select

from models import ClauseText, utcnow
from pdf.formatting import LANGUAGES
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.permissions import Action, require

DEFAULTS_DIR = Path(__file__).resolve().parent.parent / 'pdf' / 'clauses'


@dataclass(frozen=True)
class Clause:
    key: str
    language: str
    text: str
    edited: bool  # False: the shipped default is printed


@lru_cache
def default_clauses(language: str) -> dict[str, str]:
    path = DEFAULTS_DIR / f'{language}.json'
    texts: dict[str, str] = json.loads((DEFAULTS_DIR / 'fr.json').read_text(encoding='utf-8'))
    if language != 'fr' and path.exists():
        texts.update(json.loads(path.read_text(encoding='utf-8')))
    return texts


def clause_keys() -> list[str]:
    return list(default_clauses('fr'))


def clauses_for(session: Session, language: str) -> dict[str, str]:
    """Every clause in `language` as printed now (inside the caller's unit of work, e.g. a print)."""
    texts = dict(default_clauses(language))
    for row in session.exec(select(ClauseText).where(ClauseText.language == language)).all():
        if row.key in texts:
            texts[row.key] = row.text
    return texts


def list_clauses(actor: Actor, language: str) -> list[Clause]:
    require(actor, Action.ADMINISTER)
    _check(language=language)
    with session_scope() as session:
        edited = {
            row.key: row.text for row in session.exec(select(ClauseText).where(ClauseText.language == language)).all()
        }
    return [
        Clause(key=key, language=language, text=edited.get(key, text), edited=key in edited)
        for key, text in default_clauses(language).items()
    ]


def update_clause(actor: Actor, key: str, language: str, text: str) -> Clause:
    """Replace the printed text of a clause; an empty text is refused (a mandatory mention would vanish)."""
    require(actor, Action.ADMINISTER)
    _check(key=key, language=language)
    text = text.strip()
    if not text:
        raise ValueError(_('Le texte de la clause ne peut pas être vide : une mention obligatoire disparaîtrait.'))
    with session_scope() as session:
        row = session.exec(select(ClauseText).where(ClauseText.key == key, ClauseText.language == language)).first()
        before = row.text if row else default_clauses(language)[key]
        if row is None:
            row = ClauseText(key=key, language=language, text=text)
        else:
            row.text = text
            row.updated_at = utcnow()
        session.add(row)
        audit.record(
            session,
            actor_id=actor.user_id,
            action='clause.update',
            entity_type='clause',
            entity_id=f'{key}/{language}',
            summary=_('Clause « {key} » ({language}) modifiée', key=key, language=language),
            changes={'text': [before, text]},
        )
    return Clause(key=key, language=language, text=text, edited=True)


def reset_clause(actor: Actor, key: str, language: str) -> Clause:
    """Go back to the shipped default text."""
    require(actor, Action.ADMINISTER)
    _check(key=key, language=language)
    with session_scope() as session:
        row = session.exec(select(ClauseText).where(ClauseText.key == key, ClauseText.language == language)).first()
        if row is not None:
            session.delete(row)
            audit.record(
                session,
                actor_id=actor.user_id,
                action='clause.reset',
                entity_type='clause',
                entity_id=f'{key}/{language}',
                summary=_('Clause « {key} » ({language}) remise au texte par défaut', key=key, language=language),
            )
    return Clause(key=key, language=language, text=default_clauses(language)[key], edited=False)


def _check(*, language: str, key: str | None = None) -> None:
    if language not in LANGUAGES:
        raise ValueError(_('Langue inconnue : {language}.', language=language))
    if key is not None and key not in default_clauses('fr'):
        raise ValueError(_('Clause inconnue : {key}.', key=key))
