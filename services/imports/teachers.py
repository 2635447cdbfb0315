"""Import of teachers (enseignants référents) from a CSV file, keyed on the e-mail address.

Columns (French or English headers): nom*, prénom*, e-mail*, and optionally téléphone, discipline,
composante (its code; empty: every composante) and actif (oui/non, default oui). Re-running a file changes
nothing; a teacher missing from the file is left as is (deactivate him with « actif = non »).
"""

from typing import Any

from models import Teacher
from services import search
from services.actor import Actor
from services.i18n import _
from services.identifiers import check_email, check_phone
from services.imports.common import ImportReport, LineHandler, Progress, Table, composantes_by_code, import_file, upsert
from services.rules.fields import FieldError

ALIASES = {
    **dict.fromkeys(('nom', 'nomdefamille', 'lastname'), 'last_name'),
    **dict.fromkeys(('prenom', 'firstname'), 'first_name'),
    **dict.fromkeys(('email', 'mail', 'courriel', 'emailinstitutionnel'), 'email'),
    **dict.fromkeys(('telephone', 'tel', 'phone'), 'phone'),
    **dict.fromkeys(('discipline', 'specialite'), 'discipline'),
    **dict.fromkeys(('composante', 'codecomposante'), 'composante'),
    **dict.fromkeys(('actif', 'active'), 'active'),
}
REQUIRED = {'last_name': 'nom', 'first_name': 'prénom', 'email': 'e-mail'}
ACTIVE = {'': True, 'oui': True, 'o': True, '1': True, 'vrai': True, 'yes': True, 'true': True,
          'non': False, 'n': False, '0': False, 'faux': False, 'no': False, 'false': False}  # fmt: skip


def teacher_values(row: dict[str, str], composantes: dict[str, int]) -> dict[str, Any]:
    missing = [label for key, label in REQUIRED.items() if not row.get(key, '').strip()]
    if missing:
        raise FieldError(_('Champ(s) obligatoire(s) vide(s) : {names}.', names=', '.join(missing)))
    for key, label in (('last_name', _('Nom')), ('first_name', _('Prénom'))):
        if len(row[key]) > 100:
            raise FieldError(_('{label} : {n} caractères au plus.', label=label, n=100))
    code = row.get('composante', '').strip().upper()
    if code and code not in composantes:
        raise FieldError(_('Composante « {code} » inconnue.', code=row['composante']))
    active = ACTIVE.get(row.get('active', '').strip().lower())
    if active is None:
        raise FieldError(_('Actif « {value} » : écrivez oui ou non.', value=row['active']))
    phone = row.get('phone', '').strip()
    return {
        'last_name': row['last_name'].strip(),
        'first_name': row['first_name'].strip(),
        'email': check_email(row['email']).lower(),
        'phone': check_phone(phone) if phone else None,
        'discipline': row.get('discipline', '').strip()[:200] or None,
        'composante_id': composantes.get(code) if code else None,
        'active': active,
    }


TABLE = Table('teacher', ALIASES, REQUIRED, 'email', search.TEACHERS)


def import_teachers(actor: Actor, content: bytes, progress: Progress | None = None) -> ImportReport:
    """Create or update the teachers of a CSV file; the report lists every refused line and why."""

    def handler() -> LineHandler:
        composantes = {code: composante.id or 0 for code, composante in composantes_by_code().items()}
        return lambda session, row: upsert(session, Teacher, TABLE.key, teacher_values(row, composantes))

    return import_file(actor, content, TABLE, handler, progress)
