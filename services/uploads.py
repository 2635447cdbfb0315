"""Uploaded files: size limit and type checked from the content itself, never from the browser's claim.

Pages call `check_upload(name, content)` before storing anything; the French message of UploadRejected
is shown as is. The stored name is `safe_filename(...)`: no path, no control character.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from services.i18n import _
from settings import get_settings

# MIME type → (extensions accepted, magic bytes at the start of the content)
KNOWN_TYPES: dict[str, tuple[tuple[str, ...], bytes]] = {
    'application/pdf': (('.pdf',), b'%PDF-'),
    'image/png': (('.png',), b'\x89PNG\r\n\x1a\n'),
    'image/jpeg': (('.jpg', '.jpeg'), b'\xff\xd8\xff'),
}
DOCUMENTS = ('application/pdf',)  # signed conventions and avenants
IMAGES = ('image/png', 'image/jpeg')  # logos, signatures


class UploadRejected(ValueError):
    """The message is French and says what is accepted."""


@dataclass(frozen=True)
class CheckedUpload:
    filename: str
    mime_type: str
    size: int


def safe_filename(name: str, *, default: str = 'document') -> str:
    """The last path component, without control characters or shell-unfriendly symbols, at most 120 characters."""
    name = unicodedata.normalize('NFC', str(name)).replace('\\', '/').rsplit('/', 1)[-1]
    name = ''.join(ch for ch in name if unicodedata.category(ch)[0] != 'C')
    name = re.sub(r'[^\w.\- ()]+', '_', name).strip(' .')
    return name[-120:] or default


def check_upload(
    filename: str, content: bytes, *, allowed: Iterable[str] = DOCUMENTS, max_bytes: int | None = None
) -> CheckedUpload:
    allowed = tuple(allowed)
    limit = max_bytes if max_bytes is not None else get_settings().upload_max_bytes
    accepted = ', '.join(sorted({ext.lstrip('.').upper() for mime in allowed for ext in KNOWN_TYPES[mime][0]}))
    if not isinstance(content, bytes | bytearray) or not content:
        raise UploadRejected(_('Le fichier est vide.'))
    if len(content) > limit:
        raise UploadRejected(
            _('Le fichier dépasse la taille maximale de {size} Mo.', size=max(1, round(limit / 1024 / 1024)))
        )
    name = safe_filename(filename)
    extension = ('.' + name.rsplit('.', 1)[-1].lower()) if '.' in name else ''
    for mime in allowed:
        extensions, magic = KNOWN_TYPES[mime]
        if bytes(content[: len(magic)]) == magic:
            if extension not in extensions:
                raise UploadRejected(
                    _("L'extension du fichier ne correspond pas à son contenu ({types}).", types=accepted)
                )
            return CheckedUpload(filename=name, mime_type=mime, size=len(content))
    raise UploadRejected(_('Type de fichier non accepté. Formats acceptés : {types}.', types=accepted))
