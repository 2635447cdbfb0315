"""Import of students from the university's directory extract (CSV), keyed on the student number.

Columns (French or English headers; case, accents and spaces ignored): numéro étudiant*, nom*, prénom*,
date de naissance*, e-mail institutionnel*, composante* (its code), and optionally sexe (F/M, else X),
e-mail personnel, téléphone, adresse, code postal, commune, pays, formation and étape (codes), année
universitaire. A formation/étape that is not known yet is created when the line gives its libellés
(libellé formation, diplôme, libellé étape, volume horaire). Re-running a file changes nothing.
"""

from datetime import date
from typing import Any

from sqlmodel import Session, select

from models import Composante, Formation, Sex, Student
from services import search
from services.actor import Actor
from services.i18n import _
from services.identifiers import check_email, check_phone
from services.imports.common import ImportReport, LineHandler, Progress, Table, composantes_by_code, import_file, upsert
from services.rules import academic_year as years
from services.rules.fields import FieldError, parse_date, parse_int

ALIASES = {
    **dict.fromkeys(('numeroetudiant', 'numetudiant', 'noetudiant', 'codeetudiant', 'studentnumber'), 'student_number'),
    **dict.fromkeys(('nom', 'nomdefamille', 'lastname'), 'last_name'),
    **dict.fromkeys(('prenom', 'firstname'), 'first_name'),
    **dict.fromkeys(('datedenaissance', 'datenaissance', 'naissance', 'birthdate'), 'birth_date'),
    **dict.fromkeys(('sexe', 'genre', 'sex'), 'sex'),
    **dict.fromkeys(('emailinstitutionnel', 'mailinstitutionnel', 'courrielinstitutionnel', 'email', 'mail',
                     'institutionalemail'), 'institutional_email'),
    **dict.fromkeys(('emailpersonnel', 'mailpersonnel', 'courrielpersonnel', 'personalemail'), 'personal_email'),
    **dict.fromkeys(('telephone', 'tel', 'phone'), 'phone'),
    **dict.fromkeys(('adresse', 'address'), 'address'),
    **dict.fromkeys(('codepostal', 'cp', 'postalcode'), 'postal_code'),
    **dict.fromkeys(('commune', 'ville', 'city'), 'city'),
    **dict.fromkeys(('pays', 'country', 'countrycode'), 'country_code'),
    **dict.fromkeys(('composante', 'codecomposante'), 'composante'),
    **dict.fromkeys(('formation', 'codeformation', 'codediplome'), 'formation'),
    **dict.fromkeys(('etape', 'codeetape'), 'etape'),
    **dict.fromkeys(('libelleformation', 'intituleformation'), 'formation_label'),
    **dict.fromkeys(('diplome',), 'diploma'),
    **dict.fromkeys(('libelleetape', 'intituleetape'), 'etape_label'),
    **dict.fromkeys(('volumehoraire', 'volumehoraireannuel'), 'yearly_hours'),
    **dict.fromkeys(('anneeuniversitaire', 'annee', 'academicyear'), 'academic_year'),
}  # fmt: skip
REQUIRED = {
    'student_number': 'numéro étudiant',
    'last_name': 'nom',
    'first_name': 'prénom',
    'birth_date': 'date de naissance',
    'institutional_email': 'e-mail institutionnel',
    'composante': 'composante',
}
SEXES = {'f': Sex.FEMALE, 'femme': Sex.FEMALE, 'm': Sex.MALE, 'h': Sex.MALE, 'homme': Sex.MALE, '': Sex.OTHER,
         'x': Sex.OTHER, 'autre': Sex.OTHER}  # fmt: skip
LIMITS = {'student_number': 20, 'last_name': 100, 'first_name': 100, 'address': 300, 'postal_code': 20, 'city': 100}


def _text(row: dict[str, str], key: str, label: str) -> str | None:
    value = row.get(key, '').strip()
    if len(value) > LIMITS.get(key, 200):
        raise FieldError(_('{label} : {n} caractères au plus.', label=label, n=LIMITS.get(key, 200)))
    return value or None


def _formation(session: Session, row: dict[str, str], composante: Composante) -> int | None:
    code, etape = row.get('formation', '').strip(), row.get('etape', '').strip()
    if not code and not etape:
        return None
    if not code or not etape:
        raise FieldError(_('Indiquez à la fois le code de la formation et celui de l’étape.'))
    found = session.exec(select(Formation).where(Formation.code == code, Formation.etape_code == etape)).first()
    if found is not None:
        return found.id
    if not row.get('formation_label') or not row.get('etape_label'):
        raise FieldError(
            _(
                'Formation « {code} / {etape} » inconnue : corrigez les codes, ou ajoutez les colonnes libellé '
                'formation et libellé étape pour la créer.',
                code=code,
                etape=etape,
            )
        )
    formation = Formation(
        composante_id=composante.id or 0,
        code=code[:30],
        etape_code=etape[:30],
        label=row['formation_label'][:300],
        diploma=(row.get('diploma') or row['formation_label'])[:100],
        etape_label=row['etape_label'][:200],
        yearly_hours=parse_int(row.get('yearly_hours') or 0),
    )
    session.add(formation)
    session.flush()
    return formation.id


def student_values(session: Session, row: dict[str, str], composantes: dict[str, Composante]) -> dict[str, Any]:
    """The Student columns a line gives, checked; FieldError (a ValueError) says what is wrong."""
    missing = [label for key, label in REQUIRED.items() if not row.get(key, '').strip()]
    if missing:
        raise FieldError(_('Champ(s) obligatoire(s) vide(s) : {names}.', names=', '.join(missing)))
    composante = composantes.get(row['composante'].strip().upper())
    if composante is None:
        raise FieldError(_('Composante « {code} » inconnue.', code=row['composante']))
    sex = SEXES.get(row.get('sex', '').strip().lower())
    if sex is None:
        raise FieldError(_('Sexe « {value} » : écrivez F, M ou laissez vide.', value=row['sex']))
    birth = parse_date(row['birth_date'])
    if birth > date.today():
        raise FieldError(_('La date de naissance est dans le futur.'))
    country = (row.get('country_code') or 'FR').strip().upper()[:2]
    year = row.get('academic_year', '').strip() or years.academic_year_of(
        date.today(), composante.academic_year_switch_month, composante.academic_year_switch_day
    )
    if not years.is_label(year):
        raise FieldError(_('Année universitaire « {year} » : écrivez-la 2026-2027.', year=year))
    personal, phone = row.get('personal_email', '').strip(), row.get('phone', '').strip()
    return {
        'student_number': _text(row, 'student_number', _('Numéro étudiant')),
        'last_name': _text(row, 'last_name', _('Nom')),
        'first_name': _text(row, 'first_name', _('Prénom')),
        'birth_date': birth,
        'sex': sex,
        'institutional_email': check_email(row['institutional_email']),
        'personal_email': check_email(personal) if personal else None,
        'phone': check_phone(phone, country) if phone else None,
        'address': _text(row, 'address', _('Adresse')),
        'postal_code': _text(row, 'postal_code', _('Code postal')),
        'city': _text(row, 'city', _('Commune')),
        'country_code': country,
        'composante_id': composante.id,
        'formation_id': _formation(session, row, composante),
        'academic_year': year,
    }


TABLE = Table('student', ALIASES, REQUIRED, 'student_number', search.STUDENTS)


def import_students(actor: Actor, content: bytes, progress: Progress | None = None) -> ImportReport:
    """Create or update the students of a CSV file; the report lists every refused line and why."""

    def handler() -> LineHandler:
        composantes = composantes_by_code()
        return lambda session, row: upsert(session, Student, TABLE.key, student_values(session, row, composantes))

    return import_file(actor, content, TABLE, handler, progress)
