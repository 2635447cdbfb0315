"""Services d'accueil and contacts (tuteur, signataire) of an établissement d'accueil (guide steps 3, 4 and 7)."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from models import Civility, Contact, Organisation, Service
from services import audit
from services.actor import Actor
from services.database import session_scope
from services.i18n import _
from services.identifiers import check_email, check_phone, check_postal_code
from services.organisation_input import FormErrors, check_lengths, checked_field, clean_text, require_fields
from services.permissions import Action, require


@dataclass
class ServiceInput:
    name: str = ''
    same_address: bool = True
    address: str = ''
    postal_code: str = ''
    city: str = ''
    phone: str = ''


@dataclass(frozen=True)
class ServiceView:
    id: int
    organisation_id: int
    name: str
    same_address: bool
    address: str | None
    postal_code: str | None
    city: str | None
    phone: str | None

    @property
    def address_line(self) -> str:
        if self.same_address:
            return _("Même adresse que l'établissement")
        return ', '.join(part for part in (self.address, f'{self.postal_code or ""} {self.city or ""}'.strip()) if part)


@dataclass
class ContactInput:
    civility: str = ''
    last_name: str = ''
    first_name: str = ''
    function: str = ''
    phone: str = ''
    email: str = ''
    service_id: int | None = None


@dataclass(frozen=True)
class ContactView:
    id: int
    organisation_id: int
    service_id: int | None
    civility: str | None
    last_name: str
    first_name: str
    function: str
    phone: str
    email: str

    @property
    def full_name(self) -> str:
        return ' '.join(part for part in (self.civility, self.first_name, self.last_name.upper()) if part)


def service_view(service: Service) -> ServiceView:
    assert service.id is not None
    return ServiceView(
        id=service.id,
        organisation_id=service.organisation_id,
        name=service.name,
        same_address=service.same_address,
        address=service.address,
        postal_code=service.postal_code,
        city=service.city,
        phone=service.phone,
    )


def contact_view(contact: Contact) -> ContactView:
    assert contact.id is not None
    return ContactView(
        id=contact.id,
        organisation_id=contact.organisation_id,
        service_id=contact.service_id,
        civility=contact.civility.value if contact.civility else None,
        last_name=contact.last_name,
        first_name=contact.first_name,
        function=contact.function,
        phone=contact.phone,
        email=contact.email,
    )


def _host(session: Session, organisation_id: int) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise FormErrors({'organisation': _("Cet établissement d'accueil n'existe plus : choisissez-en un autre.")})
    return organisation


def create_service(actor: Actor, organisation_id: int, data: ServiceInput) -> ServiceView:
    require(actor, Action.ORGANISATION_CREATE)
    errors: dict[str, str] = {}
    text = {name: clean_text(getattr(data, name)) for name in ('name', 'address', 'postal_code', 'city', 'phone')}
    same_address = data.same_address is not False
    require_fields(errors, text, {'name': _('Nom du service')})
    if not same_address:
        require_fields(errors, text, {'address': _('Adresse'), 'postal_code': _('Code postal'), 'city': _('Commune')})
    check_lengths(errors, text, {'name': 200, 'address': 300, 'postal_code': 20, 'city': 100})
    with session_scope() as session:
        host = _host(session, organisation_id)
        postal_code = text['postal_code'] or None
        if not same_address and host.country_code == 'FR':
            postal_code = checked_field(errors, 'postal_code', text['postal_code'], check_postal_code)
        phone = checked_field(errors, 'phone', text['phone'], lambda value: check_phone(value, host.country_code))
        if errors:
            raise FormErrors(errors)
        service = Service(
            organisation_id=organisation_id,
            name=' '.join(text['name'].split()),
            same_address=same_address,
            address=None if same_address else text['address'],
            postal_code=None if same_address else postal_code,
            city=None if same_address else text['city'],
            country_code=host.country_code,
            phone=phone,
        )
        session.add(service)
        session.flush()
        audit.record(
            session,
            actor_id=actor.user_id,
            action='service.create',
            entity_type='service',
            entity_id=service.id,
            summary=_('Service « {name} » créé pour « {host} »', name=service.name, host=host.name),
        )
        return service_view(service)


def create_contact(actor: Actor, organisation_id: int, data: ContactInput) -> ContactView:
    require(actor, Action.ORGANISATION_CREATE)
    errors: dict[str, str] = {}
    names = ('civility', 'last_name', 'first_name', 'function', 'phone', 'email')
    text = {name: clean_text(getattr(data, name)) for name in names}
    require_fields(
        errors,
        text,
        {
            'last_name': _('Nom'),
            'first_name': _('Prénom'),
            'function': _('Fonction'),
            'phone': _('Téléphone'),
            'email': _('E-mail'),
        },
    )
    check_lengths(errors, text, {'last_name': 100, 'first_name': 100, 'function': 150, 'email': 200})
    civility: Civility | None = None
    if text['civility']:
        try:
            civility = Civility(text['civility'])
        except ValueError:
            errors['civility'] = _('Choisissez la civilité dans la liste.')
    service_id = data.service_id if isinstance(data.service_id, int) and not isinstance(data.service_id, bool) else None
    with session_scope() as session:
        host = _host(session, organisation_id)
        if service_id is not None:
            service = session.get(Service, service_id) if 0 < service_id < 2**63 else None
            if service is None or service.organisation_id != organisation_id:
                errors['service_id'] = _("Ce service n'appartient pas à l'établissement choisi.")
        phone = checked_field(errors, 'phone', text['phone'], lambda value: check_phone(value, host.country_code))
        email = checked_field(errors, 'email', text['email'], check_email)
        if errors:
            raise FormErrors(errors)
        assert phone is not None
        assert email is not None
        contact = Contact(
            organisation_id=organisation_id,
            service_id=service_id,
            civility=civility,
            last_name=' '.join(text['last_name'].split()),
            first_name=' '.join(text['first_name'].split()),
            function=text['function'],
            phone=phone,
            email=email,
        )
        session.add(contact)
        session.flush()
        audit.record(
            session,
            actor_id=actor.user_id,
            action='contact.create',
            entity_type='contact',
            entity_id=contact.id,
            summary=_('Contact « {name} » créé pour « {host} »', name=contact_view(contact).full_name, host=host.name),
        )
        return contact_view(contact)


def list_services(actor: Actor, organisation_id: int) -> list[ServiceView]:
    require(actor, Action.ORGANISATION_READ)
    with session_scope() as session:
        rows = session.exec(
            select(Service).where(Service.organisation_id == organisation_id).order_by(col(Service.name))
        ).all()
        return [service_view(service) for service in rows]


def list_contacts(actor: Actor, organisation_id: int, service_id: int | None = None) -> list[ContactView]:
    """The host's contacts; with `service_id`, those of that service first, then the others."""
    require(actor, Action.ORGANISATION_READ)
    with session_scope() as session:
        rows = session.exec(
            select(Contact)
            .where(Contact.organisation_id == organisation_id)
            .order_by(col(Contact.last_name), col(Contact.first_name))
        ).all()
        contacts = [contact_view(contact) for contact in rows]
    if service_id is not None:
        contacts.sort(key=lambda contact: contact.service_id != service_id)
    return contacts
