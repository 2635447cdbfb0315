"""Staff keep the établissements clean: confirm, edit, close and merge duplicates (history in the audit trail)."""

from datetime import date, timedelta

import pytest
from sqlmodel import col, select

from models import AuditEntry, Contact, Convention, ConventionDraft, Offer, Organisation, Service
from services.database import session_scope
from services.organisation_admin import (
    MergeRefused,
    close_organisation,
    confirm_organisation,
    edit_values,
    merge_organisations,
    update_organisation,
)
from services.organisation_queries import get_organisation
from services.organisations import DuplicateOrganisation, FormErrors, OrganisationInput, create_organisation
from services.permissions import PermissionDenied
from tests.factories import World
from tests.menu_data import actor, add_convention, add_offer
from tests.organisation_data import add_host


def test_a_students_creation_waits_for_staff_confirmation(world: World) -> None:
    created = create_organisation(
        actor(world, 'alice'),
        OrganisationInput(
            name='Atelier Vélo Abroad', naf_code='45.40Z', legal_category='9220', address='Calle Mayor 3',
            postal_code='28013', city='Madrid', country_code='ES',
        ),
    )  # fmt: skip
    assert created.needs_review
    assert created.siret is None
    with pytest.raises(PermissionDenied):
        confirm_organisation(actor(world, 'alice'), created.id)
    confirm_organisation(actor(world, 'gestion'), created.id)
    assert not get_organisation(actor(world, 'alice'), created.id).summary.needs_review


def test_staff_edit_with_the_same_checks_and_duplicate_guard(world: World) -> None:
    other = add_host('Boulangerie Les Trois Épis', '55208131766522')
    staff = actor(world, 'gestion')
    values = edit_values(staff, other)
    assert values.siret == '55208131766522'
    assert values.kind == 'entreprise_privee'
    values.phone = '03 80 39 30 00'
    values.city = 'Dijon Centre'
    assert update_organisation(staff, other, values).phone == '03 80 39 30 00'
    values.siret = '732 829 320 00074'  # the garage's
    with pytest.raises(DuplicateOrganisation) as taken:
        update_organisation(staff, other, values)
    assert taken.value.existing_id == world.organisation_id
    values.siret, values.naf_code = '55208131766522', '99.99Z'
    with pytest.raises(FormErrors) as refused:
        update_organisation(staff, other, values)
    assert 'naf_code' in refused.value.errors


def test_closing_keeps_the_record_and_frees_the_siret(world: World) -> None:
    staff = actor(world, 'gestion')
    with pytest.raises(FormErrors):
        close_organisation(staff, world.organisation_id, date.today() + timedelta(days=3))
    close_organisation(staff, world.organisation_id, date(2026, 1, 31))
    record = get_organisation(staff, world.organisation_id)
    assert record.closed_on == date(2026, 1, 31)
    assert record.summary.closed
    add_host('Garage Dupont (repreneur)', '73282932000074')  # the SIRET is free again
    with pytest.raises(DuplicateOrganisation):
        close_organisation(staff, world.organisation_id, None)  # reopening would make two


def test_merging_moves_everything_in_one_transaction(world: World) -> None:
    twin = add_host('GARAGE DUPONT & FILS', '73282932000066', phone='03 80 11 22 33')
    with session_scope() as session:
        service = Service(organisation_id=twin, name='Carrosserie')
        session.add(service)
        session.flush()
        session.add(Contact(organisation_id=twin, service_id=service.id, last_name='Roy', first_name='Eva',
                            function='Carrossière', phone='03 80 00 00 09', email='eva@garage.example'))  # fmt: skip
        session.add(ConventionDraft(student_id=world.student_ids['bob'], owner_id=world.user_ids['bob'],
                                    data={'organisation_id': twin}))  # fmt: skip
    convention = add_convention(world, '2026-000900', 'bob', organisation_id=twin)
    offer = add_offer(world, 'OF-2026-00900', 'Carrossier')
    with session_scope() as session:
        session.get_one(Offer, offer).organisation_id = twin
    staff = actor(world, 'gestion')
    with pytest.raises(MergeRefused):
        merge_organisations(staff, twin, twin)
    with pytest.raises(PermissionDenied):
        merge_organisations(actor(world, 'alice'), world.organisation_id, twin)

    report = merge_organisations(staff, world.organisation_id, twin)

    assert (report.services, report.contacts, report.offers, report.conventions, report.drafts) == (1, 1, 1, 1, 1)
    with session_scope() as session:
        assert session.get_one(Convention, convention).organisation_id == world.organisation_id
        assert session.get_one(Offer, offer).organisation_id == world.organisation_id
        removed = session.get_one(Organisation, twin)
        kept = session.get_one(Organisation, world.organisation_id)
        draft = session.exec(select(ConventionDraft)).one()
        history = session.exec(
            select(AuditEntry.entity_id, AuditEntry.action).where(
                col(AuditEntry.action).startswith('organisation.merge')
            )
        ).all()
    assert removed.merged_into_id == world.organisation_id
    assert kept.phone == '03 80 11 22 33'  # borrowed: the kept record had none
    assert draft.data['organisation_id'] == world.organisation_id
    assert set(history) == {(str(world.organisation_id), 'organisation.merge'), (str(twin), 'organisation.merged')}
    record = get_organisation(staff, world.organisation_id)
    assert {s.name for s in record.services} == {'Atelier mécanique', 'Carrosserie'}
    assert convention in {c.id for c in record.conventions or []}
    assert get_organisation(staff, twin).merged_into == (world.organisation_id, 'Garage Dupont et Fils')
    with pytest.raises(MergeRefused):
        merge_organisations(staff, twin, world.organisation_id)
