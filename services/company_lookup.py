"""Optional lookup of official company data (the public French company-search API) to prefill the form.

Off unless PSTAGE_COMPANY_LOOKUP_URL is set (e.g. https://recherche-entreprises.api.gouv.fr). A SIRET, a
SIREN or a name is sent to `{url}/search?q=…`; the answer's documented JSON shape is read:
`results[]` with `nom_raison_sociale`/`nom_complet`, `nature_juridique`, `activite_principale`,
`tranche_effectif_salarie`, `siege` and `matching_etablissements[]` (each with `siret`, `numero_voie`,
`type_voie`, `libelle_voie`, `complement_adresse`, `code_postal`, `libelle_commune`, `activite_principale`,
`tranche_effectif_salarie`, `etat_administratif` « A »/« F », `date_fermeture`, `liste_enseignes`).
Any failure — no network, timeout (3 s), an error status, an unexpected answer — is LookupUnavailable:
the form then works as usual and says the lookup is unavailable.
"""

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from models import NomenclatureKind, OrganisationType
from services.actor import Actor
from services.i18n import _
from services.identifiers import compact_siret
from services.organisation_input import OrganisationInput
from services.permissions import Action, require
from services.reference_data import shipped_entries
from settings import get_settings

log = logging.getLogger(__name__)

MAX_RESULTS = 5
# INSEE street-type codes as the register writes them, spelled out as people write addresses.
STREET_TYPES = {
    'AV': 'avenue', 'BD': 'boulevard', 'CHE': 'chemin', 'CRS': 'cours', 'IMP': 'impasse', 'PL': 'place',
    'QUA': 'quai', 'RTE': 'route', 'ALL': 'allée', 'SQ': 'square', 'PAS': 'passage', 'FG': 'faubourg',
    'RUE': 'rue', 'ZA': 'ZA', 'ZI': 'ZI', 'LD': 'lieu-dit', 'RPT': 'rond-point', 'VOIE': 'voie',
}  # fmt: skip


class LookupUnavailable(Exception):
    """The message is French: the register could not be asked; the form still works."""

    def __init__(self) -> None:
        super().__init__(
            _('Recherche dans le répertoire des entreprises indisponible : saisissez les informations vous-même.')
        )


@dataclass(frozen=True)
class CompanyFacts:
    siret: str
    name: str
    trade_name: str | None
    address: str
    postal_code: str
    city: str
    naf_code: str | None
    headcount_range: str | None
    legal_category: str | None
    open: bool
    closed_on: date | None

    def form_values(self) -> OrganisationInput:
        return OrganisationInput(
            name=self.name,
            siret=self.siret,
            naf_code=self.naf_code or '',
            headcount_range=self.headcount_range or '',
            legal_category=self.legal_category or '',
            kind=kind_for_legal_category(self.legal_category).value,
            address=self.address,
            postal_code=self.postal_code,
            city=self.city,
            country_code='FR',
        )


def kind_for_legal_category(code: str | None) -> OrganisationType:
    """The establishment type a catégorie juridique implies (INSEE levels 1 to 4)."""
    code = code or ''
    if code in ('7364', '7365'):
        return OrganisationType.HOSPITAL
    if code in ('7331', '7383', '7384', '7385'):
        return OrganisationType.EDUCATION
    if code.startswith(('71', '72')):
        return OrganisationType.ADMINISTRATION
    if code.startswith('7'):
        return OrganisationType.PUBLIC_INSTITUTION
    if code.startswith('4'):
        return OrganisationType.PUBLIC_COMPANY
    if code.startswith('9'):
        return OrganisationType.ASSOCIATION
    if code.startswith('8'):
        return OrganisationType.OTHER
    return OrganisationType.PRIVATE_COMPANY


def lookup_enabled() -> bool:
    return bool(get_settings().company_lookup_url)


def _known(kind: str, code: object) -> str | None:
    return code if isinstance(code, str) and code in shipped_entries(kind) else None


def _street(place: dict[str, Any]) -> str:
    kind = str(place.get('type_voie') or '')
    parts = [
        place.get('numero_voie'),
        place.get('indice_repetition'),
        STREET_TYPES.get(kind, kind),
        place.get('libelle_voie'),
    ]
    street = ' '.join(str(part) for part in parts if part)
    complement = place.get('complement_adresse')
    return ', '.join(part for part in (str(complement) if complement else '', street) if part) or str(
        place.get('adresse') or ''
    )


def _facts(result: dict[str, Any], wanted_siret: str | None) -> CompanyFacts | None:
    places = [*(result.get('matching_etablissements') or []), result.get('siege') or {}]
    place = next((p for p in places if wanted_siret and p.get('siret') == wanted_siret), None) or places[0] or {}
    siret = str(place.get('siret') or '')
    if len(siret) != 14:
        return None
    closing = place.get('date_fermeture')
    enseignes = place.get('liste_enseignes') or []
    return CompanyFacts(
        siret=siret,
        name=str(result.get('nom_raison_sociale') or result.get('nom_complet') or '').strip(),
        trade_name=str(enseignes[0]) if enseignes else None,
        address=_street(place),
        postal_code=str(place.get('code_postal') or ''),
        city=str(place.get('libelle_commune') or ''),
        naf_code=_known(NomenclatureKind.NAF, place.get('activite_principale') or result.get('activite_principale')),
        headcount_range=_known(
            NomenclatureKind.HEADCOUNT_RANGE,
            place.get('tranche_effectif_salarie') or result.get('tranche_effectif_salarie'),
        ),
        legal_category=_known(NomenclatureKind.LEGAL_CATEGORY, result.get('nature_juridique')),
        open=place.get('etat_administratif', 'A') == 'A',
        closed_on=date.fromisoformat(closing) if isinstance(closing, str) and len(closing) == 10 else None,
    )


def lookup_company(actor: Actor, text: str) -> list[CompanyFacts]:
    """Official data for a SIRET, SIREN or name (best first); LookupUnavailable on any failure or when off."""
    require(actor, Action.ORGANISATION_CREATE)
    settings = get_settings()
    typed = ' '.join(str(text).split())[:200]
    if not settings.company_lookup_url or len(typed) < 3:
        raise LookupUnavailable()
    digits = compact_siret(typed)
    wanted_siret = digits if len(digits) == 14 and digits.isdigit() else None
    url = settings.company_lookup_url.rstrip('/') + '/search'
    try:
        response = httpx.get(
            url, params={'q': digits if digits.isdigit() else typed, 'page': 1, 'per_page': MAX_RESULTS},
            timeout=settings.company_lookup_timeout, follow_redirects=False,
        )  # fmt: skip
        response.raise_for_status()
        results = response.json().get('results')
        found = [_facts(result, wanted_siret) for result in results if isinstance(result, dict)]
    except (httpx.HTTPError, ValueError, TypeError, AttributeError, IndexError) as error:
        log.warning('company lookup unavailable: %s', type(error).__name__)
        raise LookupUnavailable() from error
    facts = [fact for fact in found if fact is not None]
    if wanted_siret:  # the establishment asked for first
        facts.sort(key=lambda fact: fact.siret != wanted_siret)
    return facts
