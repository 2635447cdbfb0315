"""Établissements for the search, merge and offer stories, written straight to the database."""

from models import Organisation, OrganisationType
from services.database import session_scope


def add_host(name: str, siret: str | None, **fields: object) -> int:
    values: dict[str, object] = {
        'name': name,
        'siret': siret,
        'naf_code': '62.01Z',
        'legal_category': '5499',
        'kind': OrganisationType.PRIVATE_COMPANY,
        'address': '1 rue de la Liberté',
        'postal_code': '21000',
        'city': 'Dijon',
        'departement_code': '21',
    } | fields
    with session_scope() as session:
        organisation = Organisation(**values)  # type: ignore[arg-type]
        session.add(organisation)
        session.flush()
        assert organisation.id is not None
        return organisation.id
