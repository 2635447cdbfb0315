"""What the recaps show for each step (step 5's second validation, step 8): (libellé, valeur) rows."""

from typing import Any

from components.display import field_grid
from models import GratificationUnit, InternshipType, WorkingTime
from pages.wizard.content_form import BASIS, LANGUAGES, PAYMENT, TEXTS, display_date
from pages.wizard.state import Wizard
from pages.wizard.step_student import CONTACT_FIELDS, identity_rows
from services.i18n import _
from services.labels import GRATIFICATION_UNIT, INTERNSHIP_TYPE, WORKING_TIME

Rows = list[tuple[str, str]]


def _yes_no(value: Any) -> str:
    return _('oui') if value else _('non')


def french_number(value: Any) -> str:
    if value in (None, ''):
        return '—'
    text = f'{float(value):.2f}'.rstrip('0').rstrip('.')
    return text.replace('.', ',')


def _label(table: dict[Any, str], enum_type: type, value: Any) -> str:
    try:
        return table[enum_type(value)]
    except (ValueError, KeyError):
        return str(value or '—')


def euros(cents: Any) -> str:
    if not isinstance(cents, int | float):
        return '—'
    return f'{cents / 100:,.2f} €'.replace(',', '\u00a0').replace('.', ',')


def gratification_text(data: dict[str, Any]) -> str:
    if not data.get('gratified'):
        return _('non gratifié')
    unit = _label(GRATIFICATION_UNIT, GratificationUnit, data.get('gratification_unit'))
    amount = euros(data.get('gratification_amount_cents'))
    if (currency := data.get('gratification_currency')) and currency != 'EUR':
        amount = amount.replace('€', str(currency))
    basis = BASIS.get(str(data.get('gratification_basis')), '')
    payment = PAYMENT.get(str(data.get('gratification_payment')), '')
    return f'{amount} {unit} ({basis.lower()}), {_("versement")} : {payment.lower()}'


def student_rows(wizard: Wizard) -> Rows:
    data = wizard.data
    rows = identity_rows(wizard)
    rows += [(_(label), str(data.get(key) or '—')) for key, label in CONTACT_FIELDS.items()]
    rows += [
        (_('Affiliation sécurité sociale'), _yes_no(data.get('social_security_affiliation', True))),
        (_("Caisse d'assurance maladie"), str(data.get('health_insurance_fund') or '—')),
        (_('N° de sécurité sociale'), wizard.draft.nir_masked or '—'),
    ]
    if offer := wizard.draft.labels.get('offer_id'):
        rows.append((_('Offre liée'), offer))
    return rows


def content_rows(wizard: Wizard) -> Rows:
    data = wizard.data
    thematiques, found_how = wizard.content_choices.thematiques, wizard.content_choices.found_how
    periods = ', '.join(
        f'{display_date(start)} – {display_date(end)}' for start, end, *_rest in data.get('interruptions') or []
    )
    rows = [
        (_('Type de stage'), _label(INTERNSHIP_TYPE, InternshipType, data.get('internship_type'))),
        (_('Thématique'), thematiques.get(str(data.get('thematique_code')), str(data.get('thematique_code') or '—'))),
        *((_(label), str(data.get(key) or '—')) for key, label in TEXTS.items()),
        (_('Dates'), f'{display_date(data.get("start_date"))} – {display_date(data.get("end_date"))}'),
        (_('Interruptions'), periods or _('aucune')),
        (_('Temps de travail'), _label(WORKING_TIME, WorkingTime, data.get('working_time'))),
        (
            _('Horaires'),
            _(
                '{hours} h par semaine sur {days} jours',
                hours=french_number(data.get('hours_per_week')),
                days=french_number(data.get('days_per_week')),
            ),
        ),
        (
            _('Durée effective'),
            _(
                '{hours} h, soit {days} jours',
                hours=french_number(data.get('effective_hours')),
                days=french_number(data.get('effective_days')),
            ),
        ),
        (
            _('Présence nuit / dimanche / jours fériés'),
            ' / '.join(_yes_no(data.get(key)) for key in ('night_work', 'sunday_work', 'public_holiday_work')),
        ),
        (_('Jours de congés'), str(data.get('leave_days') or 0)),
        (_('Gratification'), gratification_text(data)),
        (
            _('Avantages'),
            ' ; '.join(
                str(data.get(k)) for k in ('benefits_meals', 'benefits_transport', 'benefits_other') if data.get(k)
            )
            or '—',
        ),
        (_('Comment avez-vous trouvé ce stage ?'), found_how.get(str(data.get('found_how')), '—')),
        (_('Travail à fournir'), str(data.get('deliverable') or '—')),
        (_('Mode de validation'), str(data.get('validation_mode') or '—')),
        (_('Sujet confidentiel'), _yes_no(data.get('confidential'))),
    ]
    if wizard.draft.abroad:
        rows.append((_("Langue d'impression"), LANGUAGES.get(str(data.get('print_language') or 'fr'), '—')))
    return rows


def party_rows(wizard: Wizard, key: str, label: str) -> Rows:
    return [(label, wizard.draft.labels.get(key) or '—')]


def draw_rows(rows: Rows, marker: str) -> None:
    field_grid(rows).mark(marker)
