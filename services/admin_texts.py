"""Page texts the administration writes: the help page's own text (« Besoin d'aide ? »), per language.

The text is Markdown, shown above the built-in help (what to have at hand, the steps); an empty text removes it.
"""

from sqlmodel import select

from models import SiteText, utcnow
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.permissions import Action, require
from services.rules.fields import FieldError, clean_text

HELP = 'aide'
LANGUAGES = ('fr', 'en')
MAX_LENGTH = 20_000


def help_text(language: str = 'fr') -> str:
    """The help page's text in `language`, else the French one, else ''. Every visitor of /aide reads it."""
    with session_scope() as session:
        rows = {row.language: row.text for row in session.exec(select(SiteText).where(SiteText.key == HELP)).all()}
    return rows.get(language) or rows.get('fr') or ''


def set_help_text(actor: Actor, text: str, language: str = 'fr') -> str:
    require(actor, Action.ADMINISTER)
    if language not in LANGUAGES:
        raise FieldError(_('Langue inconnue : {language}.', language=language))
    cleaned = clean_text(text).replace('\r\n', '\n')  # line breaks and indentation kept: it is Markdown
    if len(cleaned) > MAX_LENGTH:
        raise FieldError(_('Le texte ne doit pas dépasser {n} caractères.', n=MAX_LENGTH))
    with session_scope() as session:
        row = session.exec(select(SiteText).where(SiteText.key == HELP, SiteText.language == language)).first()
        before = row.text if row else ''
        if not cleaned:
            if row is not None:
                session.delete(row)
        else:
            row = row or SiteText(key=HELP, language=language, text=cleaned)
            row.text, row.updated_by_id, row.updated_at = cleaned, actor.user_id, utcnow()
            session.add(row)
        audit.record(
            session,
            actor_id=actor.user_id,
            action='site_text.update',
            entity_type='site_text',
            entity_id=f'{HELP}/{language}',
            summary=_("Texte de la page « Besoin d'aide ? » modifié ({language})", language=language),
            changes={'text': [before, cleaned]},
        )
    return cleaned
