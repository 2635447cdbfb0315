"""Administration stories: composante settings, accounts and roles, nomenclatures, gratification rates, the help
page's text, e-mail switches and templates, and a students import with its report."""

from nicegui import ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User
from sqlmodel import select

from models import Composante, NomenclatureEntry, OutboxMessage, Student
from services.admin_reference import entries
from services.database import session_scope
from services.people import load_actor
from services.rules.loading import rates
from tests.factories import World
from tests.menu_data import actor
from tests.ui.helpers import log_in, pick


async def test_the_sections_are_for_the_administrator_only(user: User) -> None:
    await log_in(user, 'gestion')
    response = await user.http_client.get('/administration/composantes')
    assert response.status_code == 403
    await user.open('/logout')
    await log_in(user, 'admin')
    await user.open('/administration')
    sections = ('composantes', 'utilisateurs', 'nomenclatures', 'gratification', 'textes', 'courriels', 'imports')
    for section in (*sections, 'modeles-courriels'):
        await user.should_see(marker=f'admin-section-{section}')


async def test_the_admin_changes_a_composante_circuit_and_settings(user: User, world: World) -> None:
    await log_in(user, 'admin')
    await user.open('/administration/composantes')
    await user.should_see(marker='admin-composante-UFR-LSH')
    marker = 'composante-UFR-ST'
    user.find(marker=f'{marker}-circuit-verification_administrative').click()  # now required, last
    user.find(marker=f'{marker}-circuit-up-verification_administrative').click()  # before the administrative one
    pick(user, f'{marker}-alert', 30)
    user.find(marker=f'{marker}-overlap').click()
    user.find(marker=f'{marker}-save').click()
    await user.should_see('Réglages de UFR-ST enregistrés.', retries=30)
    with session_scope() as session:
        composante = session.get(Composante, world.composante_id)
        assert composante is not None
        assert composante.validation_circuit == 'pedagogique,verification_administrative,validation_administrative'
        assert (composante.alert_days_before_start, composante.overlap_allowed) == (30, True)
    user.find(marker=f'{marker}-circuit-pedagogique').click()
    user.find(marker=f'{marker}-circuit-verification_administrative').click()
    user.find(marker=f'{marker}-circuit-validation_administrative').click()
    user.find(marker=f'{marker}-save').click()
    await user.should_see('Le circuit doit comporter au moins une validation.', retries=30)


async def test_the_admin_gives_a_second_role_and_deactivates_an_account(user: User, world: World) -> None:
    await log_in(user, 'admin')
    await user.open('/administration/utilisateurs?q=roux')
    await user.should_see('1 compte(s)')
    pick(user, 'user-new-role-roux', 'gestionnaire')
    pick(user, 'user-new-composante-roux', world.other_composante_id)
    user.find(marker='user-add-role-roux').click()
    await user.should_see('Rôle ajouté.', retries=30)
    roux = load_actor(world.user_ids['roux'])
    assert roux is not None
    assert {role.value for role in roux.roles} == {'enseignant', 'gestionnaire'}
    user.find(marker='user-toggle-roux').click()
    await user.should_see('Compte désactivé.', retries=30)
    assert load_actor(world.user_ids['roux']) is None


async def test_the_admin_switches_a_nomenclature_entry_and_sets_a_rate(user: User, world: World) -> None:
    await log_in(user, 'admin')
    await user.open('/administration/nomenclatures?liste=departement&q=21')
    await user.should_see(marker='entry-21')
    user.find(marker='entry-21').click()
    await user.should_see('Entrée désactivée.', retries=30)
    with session_scope() as session:
        entry = session.exec(
            select(NomenclatureEntry).where(NomenclatureEntry.kind == 'departement', NomenclatureEntry.code == '21')
        ).first()
        assert entry is not None
        assert not entry.active
    await user.open('/administration/gratification')
    user.find(marker='rate-year').type('2032')
    user.find(marker='rate-amount').type('4,80')
    user.find(marker='rate-save').click()
    await user.should_see('Taux 2032 enregistré : 4,80 €.', retries=30)
    with session_scope() as session:
        assert rates(session)[2032] == 480
    assert any(
        entry.code == '21' and not entry.active for entry in entries(actor(world, 'admin'), 'departement', '21').items
    )


async def test_the_help_text_written_by_the_admin_shows_on_the_help_page(user: User) -> None:
    await log_in(user, 'admin')
    await user.open('/administration/textes')
    user.find(marker='help-text').type('Permanences du bureau des stages : **le lundi de 9 h à 12 h**.')
    user.find(marker='help-text-save').click()
    await user.should_see("Texte de la page d'aide enregistré.", retries=30)
    await user.open('/aide')
    (markdown,) = user.find(kind=ui.markdown).elements
    assert 'le lundi de 9 h à 12 h' in markdown.content


async def test_the_admin_edits_an_e_mail_template_and_sends_a_test(user: User) -> None:
    await log_in(user, 'admin')
    await user.open('/administration/modeles-courriels')
    user.find(marker='mail-convention_validee-subject').clear().type('Objet {{ inconnu }}')
    user.find(marker='mail-convention_validee-save').click()
    await user.should_see('Variables possibles', retries=30)
    user.find(marker='mail-convention_validee-subject').clear().type('Convention {{ number }} validée !')
    user.find(marker='mail-convention_validee-save').click()
    await user.should_see('Modèle enregistré.', retries=30)
    user.find(marker='mail-convention_validee-test-recipient').clear().type('admin@universite.example')
    user.find(marker='mail-convention_validee-test').click()
    await user.should_see('Essai en file d’envoi, pas encore parti', retries=50)  # no SMTP server in the tests
    with session_scope() as session:
        message = session.exec(select(OutboxMessage)).one()
    assert (message.recipient, message.subject) == (
        'admin@universite.example',
        '[Essai] Convention 2026-000123 validée !',
    )


async def test_the_admin_imports_students_and_reads_the_refused_lines(user: User, world: World) -> None:
    await log_in(user, 'admin')
    await user.open('/administration/imports')
    content = (
        'numero_etudiant;nom;prenom;date_naissance;email;composante\n'
        '40000001;Roy;Inès;02/02/2004;ines.roy@etu.universite.example;UFR-ST\n'
        '40000002;Sans;Composante;02/02/2004;sans@etu.universite.example;\n'
    ).encode()
    upload = user.find(kind=ui.upload, marker='import-students-upload').elements.pop()
    assert isinstance(upload, ui.upload)
    await upload.handle_uploads([SmallFileUpload('etudiants.csv', 'text/csv', content)])
    await user.should_see('2 ligne(s) lue(s) : 1 créée(s), 0 modifiée(s), 0 inchangée(s), 1 refusée(s).', retries=100)
    (table,) = user.find(kind=ui.table, marker='import-students-errors').elements
    assert [(row['line'], row['key']) for row in table.rows] == [(3, '40000002')]
    with session_scope() as session:
        assert session.exec(select(Student).where(Student.student_number == '40000001')).one().first_name == 'Inès'
