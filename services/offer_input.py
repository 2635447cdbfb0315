"""The offer form on the server: what it sends, its lists, and the field-level checks (French messages).

Used by the staff's form and by the host's signed-link form; anything may arrive from a browser, so every
value is cleaned and bounded, and every problem is reported at once next to its field.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from models import Composante, Contact, NomenclatureKind, Organisation, Service
from services.actor import Actor
from services.code_lists import active_entries
from services.database import session_scope
from services.i18n import _
from services.organisation_input import FormErrors, check_lengths, clean_text, require_fields
from services.permissions import Action, Target, can, require
from services.reference_data import shipped_entries
from services.text import normalise

MAX_TEXT = 10_000
MAX_CENTS = 10_000_000  # 100 000 € a month is already absurd for a stage
EARLIEST, LATEST = date(2000, 1, 1), date(2150, 12, 31)


@dataclass
class OfferInput:
    """What the offer form sends (strings as typed, ids and dates as chosen)."""

    title: str = ''
    organisation_id: int | None = None
    service_id: int | None = None
    contact_id: int | None = None
    composante_id: int | None = None
    description: str = ''
    missions: str = ''
    profile: str = ''
    thematique_code: str = ''
    city: str = ''
    departement_code: str = ''
    country_code: str = 'FR'
    start_date: date | str | None = None
    duration_weeks: int | None = None
    remote_possible: bool = False
    gratified: bool = False
    gratification_amount: str = ''  # euros per month, « 650,00 »
    study_level: str = ''
    how_to_apply: str = ''
    publish_from: date | str | None = None
    publish_until: date | str | None = None


def _date(errors: dict[str, str], name: str, value: object) -> date | None:
    if value is None or value == '':
        return None
    if isinstance(value, date):
        parsed: date | None = value
    else:
        try:
            parsed = date.fromisoformat(clean_text(value)[:10])
        except ValueError:
            parsed = None
    if parsed is None or not EARLIEST <= parsed <= LATEST:
        errors[name] = _('Date invalide : choisissez-la dans le calendrier (jj/mm/aaaa).')
        return None
    return parsed


def _integer(value: object) -> int | None:
    if value is None or value == '' or isinstance(value, bool):
        return None
    try:
        number = float(str(value).replace(',', '.'))
    except ValueError:
        return -1
    return int(number) if number == number and abs(number) < 1e9 and number == int(number) else -1


def _cents(errors: dict[str, str], value: str) -> int | None:
    typed = re.sub(r'[\s €]', '', value).replace(',', '.')
    if not typed:
        return None
    if not re.fullmatch(r'\d{1,7}(\.\d{1,2})?', typed) or round(float(typed) * 100) > MAX_CENTS:
        errors['gratification_amount'] = _('Montant mensuel en euros, par exemple 650,00.')
        return None
    return round(float(typed) * 100)


def _owned(session: Session, model: Any, record_id: object, organisation_id: int) -> int | None:
    number = _integer(record_id)
    if number is None:
        return None
    row = session.get(model, number) if number > 0 else None
    return number if row is not None and row.organisation_id == organisation_id else -1


def validate_offer(session: Session, data: OfferInput, *, organisation_id: int | None = None) -> dict[str, Any]:
    """The offer's column values, or FormErrors with every field's problem at once."""
    errors: dict[str, str] = {}
    text = {
        name: clean_text(getattr(data, name))
        for name in ('title', 'description', 'missions', 'profile', 'thematique_code', 'city', 'departement_code',
                     'country_code', 'gratification_amount', 'study_level', 'how_to_apply')
    }  # fmt: skip
    require_fields(errors, text, {'title': _('Intitulé'), 'description': _('Description')})
    check_lengths(errors, text, {'title': 200, 'city': 100, 'description': MAX_TEXT, 'missions': MAX_TEXT,
                                 'profile': MAX_TEXT, 'how_to_apply': MAX_TEXT})  # fmt: skip
    host_id = organisation_id if organisation_id is not None else _integer(data.organisation_id)
    host = session.get(Organisation, host_id) if host_id and host_id > 0 else None
    if host is None or host.merged_into_id is not None:
        errors['organisation_id'] = _("Choisissez l'établissement d'accueil qui propose l'offre.")
    service_id = _owned(session, Service, data.service_id, host.id or 0) if host else None
    contact_id = _owned(session, Contact, data.contact_id, host.id or 0) if host else None
    if service_id == -1:
        errors['service_id'] = _('Choisissez un service de cet établissement (ou aucun).')
    if contact_id == -1:
        errors['contact_id'] = _('Choisissez un contact de cet établissement (ou aucun).')
    country = (text['country_code'] or 'FR').upper()
    if country not in shipped_entries(NomenclatureKind.COUNTRY):
        errors['country_code'] = _('Choisissez le pays dans la liste.')
    departement = text['departement_code'].upper() or None
    if country != 'FR':
        departement = None
    elif departement and departement not in shipped_entries(NomenclatureKind.DEPARTEMENT):
        errors['departement_code'] = _('Choisissez le département dans la liste.')
    for name, kind in (('thematique_code', NomenclatureKind.THEMATIQUE), ('study_level', NomenclatureKind.STUDY_LEVEL)):
        if text[name] and text[name] not in shipped_entries(kind):
            errors[name] = _('Choisissez une valeur de la liste.')
    weeks = _integer(data.duration_weeks)
    if weeks is not None and not 1 <= weeks <= 52:
        errors['duration_weeks'] = _('La durée se compte en semaines, de 1 à 52.')
    start = _date(errors, 'start_date', data.start_date)
    publish_from = _date(errors, 'publish_from', data.publish_from)
    publish_until = _date(errors, 'publish_until', data.publish_until)
    if publish_from and publish_until and publish_until < publish_from:
        errors['publish_until'] = _('La fin de publication précède son début : corrigez l’une des deux dates.')
    gratified = data.gratified is True
    cents = _cents(errors, text['gratification_amount']) if gratified else None
    if errors:
        raise FormErrors(errors)
    assert host is not None
    return {
        'title': ' '.join(text['title'].split()),
        'organisation_id': host.id,
        'service_id': service_id,
        'contact_id': contact_id,
        'description': text['description'],
        'missions': text['missions'] or None,
        'profile': text['profile'] or None,
        'thematique_code': text['thematique_code'] or None,
        'city': text['city'] or host.city,
        'departement_code': departement or (host.departement_code if country == 'FR' else None),
        'country_code': country,
        'start_date': start,
        'duration_weeks': weeks,
        'remote_possible': data.remote_possible is True,
        'gratified': gratified,
        'gratification_amount_cents': cents,
        'study_level': text['study_level'] or None,
        'how_to_apply': text['how_to_apply'] or None,
        'publish_from': publish_from,
        'publish_until': publish_until,
    }


@dataclass(frozen=True)
class OfferChoices:
    thematiques: dict[str, str]
    study_levels: dict[str, str]
    countries: dict[str, str]
    departements: dict[str, str]
    composantes: dict[int, str]  # those whose offers the actor manages (empty for a host)


def offer_choices(actor: Actor | None) -> OfferChoices:
    """The form's and the search's lists; `actor` None for a host using a signed link."""
    if actor is not None:
        require(actor, Action.OFFER_READ)
    with session_scope() as session:
        lists = {
            kind: active_entries(session, kind)
            for kind in (NomenclatureKind.THEMATIQUE, NomenclatureKind.STUDY_LEVEL, NomenclatureKind.COUNTRY,
                         NomenclatureKind.DEPARTEMENT)
        }  # fmt: skip
        composantes = session.exec(select(Composante).order_by(col(Composante.name))).all()
    countries = lists[NomenclatureKind.COUNTRY]
    france = {'FR': countries.pop('FR', 'France')}
    managed = {
        c.id or 0: c.name
        for c in composantes
        if actor is not None and can(actor, Action.OFFER_MANAGE, Target(composante_id=c.id))
    }
    return OfferChoices(
        thematiques=lists[NomenclatureKind.THEMATIQUE],
        study_levels=lists[NomenclatureKind.STUDY_LEVEL],
        countries=france | dict(sorted(countries.items(), key=lambda pair: normalise(pair[1]))),
        departements={code: f'{code} — {label}' for code, label in lists[NomenclatureKind.DEPARTEMENT].items()},
        composantes=managed,
    )
