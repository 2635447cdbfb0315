"""A user's own preferences: the interface language.

No permission action guards this: everyone may change his own preference, and the function only ever
touches the acting user's row.
"""

from models import User
from services.actor import Actor
from services.database import session_scope
from services.i18n import _, supported


class UnknownLanguage(ValueError):
    pass


def set_interface_language(actor: Actor, language: str) -> str:
    """Remember `language` for the acting user (used at every page he opens); returns it."""
    chosen = supported(language)
    if chosen is None:
        raise UnknownLanguage(_('Langue inconnue : {language}.', language=language))
    with session_scope() as session:
        user = session.get(User, actor.user_id)
        if user is None:
            raise UnknownLanguage(_('Compte introuvable.'))
        user.language = chosen
    return chosen
