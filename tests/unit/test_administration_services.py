"""Administration: composante settings, accounts and roles, nomenclatures, gratification rates, help text and
e-mail templates — each saved, checked, traced, read by the rest of the application, and for admins only."""

from dataclasses import replace

import pytest
from sqlmodel import select

from models import AuditEntry, Composante, NomenclatureKind, OutboxMessage, Role, ValidationKind
from services import admin_composantes, admin_mail, admin_reference, admin_texts, admin_users
from services.code_lists import active_entries
from services.database import session_scope
from services.identifiers import InvalidIdentifier
from services.mail.events import MailEvent
from services.mail.outbox import enqueue
from services.people import load_actor
from services.permissions import PermissionDenied
from services.rules.fields import FieldError
from services.rules.loading import rates
from services.validations import circuit_of
from tests.factories import World
from tests.menu_data import actor


def test_composante_settings_are_edited_and_checked(world: World) -> None:
    admin = actor(world, 'admin')
    form = admin_composantes.composante_form(admin, world.composante_id)
    assert form.circuit == ('pedagogique', 'validation_administrative')
    changed = replace(
        form,
        circuit=('verification_administrative', 'pedagogique', 'validation_administrative'),
        switch_day=15,
        switch_month=8,
        overlap_allowed=True,
        students_create_amendments=False,
        alert_days_before_start=30,
        internship_office_email='Stages-ST@universite.example',
        internship_office_phone='0380395000',
    )
    saved = admin_composantes.update_composante(admin, world.composante_id, changed)
    assert saved.circuit == ('verification_administrative', 'pedagogique', 'validation_administrative')
    assert saved.internship_office_phone == '03 80 39 50 00'
    assert admin_composantes.composante_form(admin, world.composante_id) == saved
    with session_scope() as session:
        composante = session.get(Composante, world.composante_id)
        assert circuit_of(composante)[0] is ValidationKind.ADMINISTRATIVE_CHECK
        assert session.exec(select(AuditEntry).where(AuditEntry.action == 'composante.update')).first() is not None
    for bad, message in (
        (replace(form, circuit=()), 'au moins une validation'),
        (replace(form, circuit=('pedagogique', 'pedagogique')), 'qu’une fois'),
        (replace(form, switch_day=29, switch_month=2), 'n’existe pas chaque année'),
        (replace(form, alert_days_before_start=-1), "délai d'alerte"),
        (replace(form, name='  '), 'obligatoire'),
    ):
        with pytest.raises(FieldError, match=message):
            admin_composantes.update_composante(admin, world.composante_id, bad)
    with pytest.raises(InvalidIdentifier):
        admin_composantes.update_composante(admin, world.composante_id, replace(form, internship_office_email='x@'))
    with pytest.raises(PermissionDenied):
        admin_composantes.update_composante(actor(world, 'gestion'), world.composante_id, form)


def test_accounts_are_searched_given_several_roles_and_deactivated(world: World) -> None:
    admin = actor(world, 'admin')
    page = admin_users.search_accounts(admin, 'dupont')
    assert [account.login for account in page.items] == ['dupont']
    dupont = world.user_ids['dupont']
    admin_users.add_role(admin, dupont, Role.MANAGER, world.other_composante_id)
    with pytest.raises(FieldError, match='déjà ce rôle'):
        admin_users.add_role(admin, dupont, Role.MANAGER, world.other_composante_id)
    (account,) = admin_users.search_accounts(admin, 'jeanne').items
    assert account.roles_label == 'enseignant (UFR-ST), gestionnaire (UFR-LSH)'
    both = load_actor(dupont)
    assert both is not None
    assert both.roles == {Role.TEACHER, Role.MANAGER}
    manager_grant = next(g for g in account.grants if g.role is Role.MANAGER)
    admin_users.remove_role(admin, manager_grant.id)
    admin_users.set_active(admin, dupont, False)
    assert load_actor(dupont) is None  # a deactivated account loses its session at the next request
    admin_users.set_active(admin, dupont, True)
    assert load_actor(dupont) is not None
    with pytest.raises(FieldError, match='votre propre compte'):
        admin_users.set_active(admin, world.user_ids['admin'], False)
    (own,) = admin_users.search_accounts(admin, 'admin').items[0].grants
    with pytest.raises(FieldError, match='propre rôle'):
        admin_users.remove_role(admin, own.id)
    with pytest.raises(PermissionDenied):
        admin_users.search_accounts(actor(world, 'gestion'))


def test_a_deactivated_entry_leaves_the_lists(world: World) -> None:
    admin = actor(world, 'admin')
    found = admin_reference.entries(admin, NomenclatureKind.DEPARTEMENT, "côte d'or")
    (cote_dor,) = [entry for entry in found.items if entry.code == '21']
    admin_reference.set_entry_active(admin, cote_dor.id, False)
    with session_scope() as session:
        assert '21' not in active_entries(session, NomenclatureKind.DEPARTEMENT)
    admin_reference.set_entry_active(admin, cote_dor.id, True)
    with session_scope() as session:
        assert '21' in active_entries(session, NomenclatureKind.DEPARTEMENT)
    with pytest.raises(FieldError, match='Liste inconnue'):
        admin_reference.entries(admin, 'no-such-list')


def test_a_yearly_rate_is_set_and_the_rules_read_it(world: World) -> None:
    admin = actor(world, 'admin')
    assert admin_reference.set_rate(admin, '2031', '4,62') == 462
    admin_reference.set_rate(admin, 2026, 4.5)
    with session_scope() as session:
        known = rates(session)
    assert known[2031] == 462
    assert known[2026] == 450
    for year, amount, message in (('20x1', '4', 'chiffres'), (1990, '4', 'entre 2000'), (2030, '0', 'entre 0,01')):
        with pytest.raises(FieldError, match=message):
            admin_reference.set_rate(admin, year, amount)
    with pytest.raises(PermissionDenied):
        admin_reference.set_rate(actor(world, 'gestion'), 2031, '5')


def test_the_help_text_is_stored_per_language(world: World) -> None:
    admin = actor(world, 'admin')
    assert admin_texts.help_text() == ''
    admin_texts.set_help_text(admin, '## Permanences\n\n- lundi 9 h – 12 h\n  - bureau 104\x00')
    assert admin_texts.help_text('fr') == '## Permanences\n\n- lundi 9 h – 12 h\n  - bureau 104'
    assert admin_texts.help_text('en') == admin_texts.help_text('fr')  # no English text yet: the French one
    admin_texts.set_help_text(admin, '')
    assert admin_texts.help_text() == ''
    with pytest.raises(PermissionDenied):
        admin_texts.set_help_text(actor(world, 'gestion'), 'Non')


def test_an_edited_template_is_used_checked_and_sent_as_a_test(world: World) -> None:
    admin = actor(world, 'admin')
    event = MailEvent.CONVENTION_VALIDATED
    view = next(v for v in admin_mail.templates(admin) if v.event is event)
    assert not view.edited
    assert 'number' in view.variables
    assert '{{ number }}' in view.subject
    admin_mail.save_template(admin, event, 'Convention {{ number }} : c’est validé', 'Bravo {{ student }} !')
    with session_scope() as session:
        enqueue(session, event, ['alice@etu.universite.example'], admin_mail.example_context(event))
        message = session.exec(select(OutboxMessage)).one()
    assert message.subject == 'Convention 2026-000123 : c’est validé'
    assert message.body == 'Bravo Camille Martin !\n'
    with pytest.raises(FieldError, match='Variables possibles'):
        admin_mail.save_template(admin, event, 'Objet {{ inconnue }}', 'Texte')
    with pytest.raises(FieldError, match='ne peut pas être utilisé'):
        admin_mail.save_template(admin, event, 'Objet', 'Texte {% if %}')
    message_id = admin_mail.send_test(admin, event, 'admin@universite.example')
    with session_scope() as session:
        test = session.get(OutboxMessage, message_id)
        assert test is not None
        assert test.subject == '[Essai] Convention 2026-000123 : c’est validé'
    admin_mail.reset_template(admin, event)
    assert not next(v for v in admin_mail.templates(admin) if v.event is event).edited
    with pytest.raises(InvalidIdentifier):
        admin_mail.send_test(admin, event, 'pas-une-adresse')
    with pytest.raises(PermissionDenied):
        admin_mail.templates(actor(world, 'gestion'))
