"""Identifiers and contact data: check what was typed, normalise it, and say in French what to fix.

Each `check_*` returns the normalised value (what we store) or raises `InvalidIdentifier` whose
message is shown next to the field. SIRET/SIREN go through python-stdnum, never by hand (the NIR is
checked in services/rules/identity.py).
"""

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum.exceptions import InvalidLength, ValidationError
from stdnum.fr import siren, siret

from models import NomenclatureKind
from services.i18n import _
from services.reference_data import shipped_entries


class InvalidIdentifier(ValueError):
    """A value that cannot be stored as typed; the message (French) says what to fix."""


# --- SIRET / SIREN ---------------------------------------------------------------------------


def compact_siret(value: str) -> str:
    """Digits only: spaces and dots dropped (also fits a partial SIRET typed in a search box)."""
    return siret.compact(value).replace('-', '')


def format_siret(value: str | None) -> str:
    """'73282932000074' -> '732 829 320 00074' (returned unchanged when it is not 14 digits)."""
    if not value:
        return ''
    compact = compact_siret(value)
    return siret.format(compact) if len(compact) == 14 and compact.isdigit() else value


def check_siret(value: str) -> str:
    compact = compact_siret(value)
    if not compact.isdigit():
        raise InvalidIdentifier(
            _('Le SIRET ne contient que des chiffres (14, espaces acceptés) : retirez les lettres.')
        )
    try:
        return str(siret.validate(compact))
    except InvalidLength:
        raise InvalidIdentifier(
            _('Le SIRET compte 14 chiffres ; vous en avez saisi {count}.', count=len(compact))
        ) from None
    except ValidationError:
        raise InvalidIdentifier(
            _(
                'Le SIRET {siret} est invalide (clé de contrôle incorrecte) : vérifiez chaque chiffre '
                "sur un document de l'établissement (Kbis, fiche societe.com).",
                siret=format_siret(compact),
            )
        ) from None


def check_siren(value: str) -> str:
    compact = siren.compact(value)
    if not compact.isdigit():
        raise InvalidIdentifier(_('Le SIREN ne contient que des chiffres (9, espaces acceptés) : retirez les lettres.'))
    try:
        return str(siren.validate(compact))
    except InvalidLength:
        raise InvalidIdentifier(
            _('Le SIREN compte 9 chiffres ; vous en avez saisi {count}.', count=len(compact))
        ) from None
    except ValidationError:
        raise InvalidIdentifier(
            _('Le SIREN {siren} est invalide (clé de contrôle incorrecte) : vérifiez chaque chiffre.', siren=compact)
        ) from None


def format_siren(value: str) -> str:
    return str(siren.format(siren.compact(value)))


# --- NAF / APE -------------------------------------------------------------------------------

_NAF_PATTERN = re.compile(r'^(\d{2})(\d{2})([A-Z])$')


def check_naf(value: str, known: set[str] | None = None) -> str:
    """'4520a', '45 20A', '45.20A' -> '45.20A', which must be in the NAF list (rév. 2)."""
    typed = re.sub(r'[\s.]', '', value.upper())
    match = _NAF_PATTERN.match(typed)
    if match is None:
        raise InvalidIdentifier(
            _('Le code NAF/APE a la forme 2 chiffres, point, 2 chiffres, une lettre (ex. 62.01Z) : corrigez-le.')
        )
    code = f'{match.group(1)}.{match.group(2)}{match.group(3)}'
    if code not in (known if known is not None else shipped_entries(NomenclatureKind.NAF)):
        raise InvalidIdentifier(
            _(
                "Le code NAF/APE {code} n'existe pas dans la nomenclature : choisissez-le dans la liste "
                "ou recopiez celui de l'avis de situation SIRENE.",
                code=code,
            )
        )
    return code


# --- Postal code and département -------------------------------------------------------------


def departement_of(postal_code: str) -> str | None:
    """The département of a French postal code: 2 digits, 2A/2B for Corsica, 3 digits overseas (97x, 98x)."""
    code = postal_code.replace(' ', '')
    if not re.fullmatch(r'\d{5}', code):
        return None
    if code.startswith('20'):
        return '2A' if code < '20200' else '2B'  # 200xx-201xx: Corse-du-Sud; 202xx-206xx: Haute-Corse
    if code.startswith(('97', '98')):
        return code[:3]
    return code[:2]


def check_postal_code(value: str, departement: str | None = None) -> str:
    """A French postal code (5 digits) of a known département, consistent with `departement` when given."""
    code = value.replace(' ', '')
    if not re.fullmatch(r'\d{5}', code):
        raise InvalidIdentifier(_('Le code postal français compte 5 chiffres (ex. 21000) : corrigez-le.'))
    departements = shipped_entries(NomenclatureKind.DEPARTEMENT)
    found = departement_of(code)
    if found not in departements:
        raise InvalidIdentifier(
            _('Le code postal {code} ne correspond à aucun département français : vérifiez-le.', code=code)
        )
    if departement and departement.upper() != found:
        raise InvalidIdentifier(
            _(
                'Le code postal {code} est dans le département {found} ({name}), pas dans le {departement} : '
                "corrigez l'un des deux.",
                code=code,
                found=found,
                name=departements[found],
                departement=departement.upper(),
            )
        )
    return code


# --- E-mail, téléphone, site web -------------------------------------------------------------


def check_email(value: str) -> str:
    try:
        return str(validate_email(value.strip(), check_deliverability=False).normalized)
    except EmailNotValidError:
        raise InvalidIdentifier(
            _('L’adresse e-mail « {value} » est invalide : elle a la forme nom@domaine.fr.', value=value.strip())
        ) from None


def check_phone(value: str, country_code: str = 'FR') -> str:
    """French numbers as '03 80 39 50 00'; others (typed with +CC, or local to `country_code`) as '+44 20 7946 0958'."""
    region = (country_code or 'FR').upper()
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise InvalidIdentifier(
            _(
                'Le numéro de téléphone « {value} » est invalide : saisissez 10 chiffres (ex. 03 80 39 50 00) '
                'ou, hors de France, le format international (ex. +44 20 7946 0958).',
                value=value.strip(),
            )
        )
    if phonenumbers.region_code_for_number(number) == 'FR' and region == 'FR':
        return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


_WEBSITE = re.compile(r'^(https?://)?([\w-]+\.)+[a-z]{2,}(/\S*)?$', re.IGNORECASE)


def check_website(value: str) -> str:
    typed = value.strip()
    if not _WEBSITE.match(typed):
        raise InvalidIdentifier(_('Le site web a la forme www.exemple.fr ou https://www.exemple.fr : corrigez-le.'))
    return typed if typed.lower().startswith(('http://', 'https://')) else f'https://{typed}'
