"""Import of teachers (enseignants référents) from a CSV file, keyed on the e-mail address.

Columns (French or English headers): nom*, prénom*, e-mail*, and optionally téléphone, discipline,
composante (its code; empty: every composante) and actif (oui/non, default oui). Re-running a file changes
nothing; a teacher missing from the file is left as is (deactivate him with « actif = non »).
"""

from typing import Any

from sqlmodel import Session, select

from models import Composante, Teacher
from services import search
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.identifiers import check_email, check_phone
from services.imports.common import ImportReport, Outcome, Progress, decode, read_table, record_import, run_import
from services.permissions import Action, require
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


def _upsert(session: Session, values: dict[str, Any]) -> tuple[Outcome, int]:
    teacher = session.exec(select(Teacher).where(Teacher.email == values['email'])).first()
    if teacher is None:
        teacher = Teacher(**values)
        session.add(teacher)
        session.flush()
        return 'created', teacher.id or 0
    changed = {key: value for key, value in values.items() if getattr(teacher, key) != value}
    for key, value in changed.items():
        setattr(teacher, key, value)
    session.add(teacher)
    return ('updated' if changed else 'unchanged'), teacher.id or 0


def import_teachers(actor: Actor, content: bytes, progress: Progress | None = None) -> ImportReport:
    """Create or update the teachers of a CSV file; the report lists every refused line and why."""
    require(actor, Action.ADMINISTER)
    columns, rows = read_table(decode(content), ALIASES)
    missing = [label for key, label in REQUIRED.items() if key not in columns]
    if missing:
        raise FieldError(_('Colonne(s) manquante(s) dans l’en-tête : {names}.', names=', '.join(missing)))
    with session_scope() as session:
        composantes = {c.code.upper(): c.id or 0 for c in session.exec(select(Composante)).all()}

    def handle(session: Session, row: dict[str, str]) -> tuple[Outcome, int]:
        return _upsert(session, teacher_values(row, composantes))

    report = run_import(rows, handle, lambda row: row.get('email', ''), search.TEACHERS, progress)
    record_import(actor, 'teacher', report)
    return report
