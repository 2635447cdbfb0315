"""Signed links, upload checks, NIR masking in logs, directory attributes → roles, CAS answers."""

import logging
from datetime import timedelta

import pytest

from auth import log_masking, signed_links
from auth.cas import CasError, parse_validation
from auth.identity import DEFAULT_CAS_ATTRIBUTES, Identity, Method, identity_from_attributes
from auth.role_rules import granted_roles, load_rules
from auth.signed_links import InvalidLink, Purpose
from models import Role
from services.database import session_scope
from services.permissions import PermissionDenied
from services.uploads import IMAGES, UploadRejected, check_upload, safe_filename

PDF = b'%PDF-1.7\n' + b'0' * 100


# --- signed links -----------------------------------------------------------------------------------------


def test_a_link_grants_its_purpose_on_its_object_only() -> None:
    token = signed_links.make_token(Purpose.TUTOR_EVALUATION, 42)
    grant = signed_links.read_token(token, Purpose.TUTOR_EVALUATION)
    assert signed_links.require(grant, Purpose.TUTOR_EVALUATION, 42) is grant
    with pytest.raises(PermissionDenied):
        signed_links.require(grant, Purpose.TUTOR_EVALUATION, 43)  # another convention
    with pytest.raises(InvalidLink, match="Ce lien n'est pas valide"):
        signed_links.read_token(token, Purpose.HOST_OFFER)  # another purpose: another salt


@pytest.mark.parametrize(
    'tamper', [lambda t: t[:-2] + ('AA' if not t.endswith('AA') else 'BB'), lambda t: 'x' + t, lambda t: '']
)
def test_a_forged_link_is_refused(tamper) -> None:
    token = signed_links.make_token(Purpose.HOST_OFFER, 7)
    with pytest.raises(InvalidLink):
        signed_links.read_token(tamper(token), Purpose.HOST_OFFER)


def test_an_expired_link_is_refused() -> None:
    token = signed_links.make_token(Purpose.HOST_OFFER, 7, lifetime=timedelta(0))
    with pytest.raises(InvalidLink, match='Ce lien a expiré'):
        signed_links.read_token(token, Purpose.HOST_OFFER)


def test_a_one_time_link_works_once() -> None:
    grant = signed_links.read_token(
        signed_links.make_token(Purpose.TUTOR_EVALUATION, 1, one_time=True), Purpose.TUTOR_EVALUATION
    )
    with session_scope() as session:
        signed_links.consume(session, grant)
    with session_scope() as session, pytest.raises(InvalidLink, match='déjà été utilisé'):
        signed_links.consume(session, grant)


# --- uploads ----------------------------------------------------------------------------------------------


def test_a_pdf_within_the_limit_is_accepted() -> None:
    checked = check_upload('../../convention signée.pdf', PDF)
    assert (checked.filename, checked.mime_type) == ('convention signée.pdf', 'application/pdf')


@pytest.mark.parametrize(
    ('name', 'content', 'message'),
    [
        ('vide.pdf', b'', 'Le fichier est vide.'),
        ('page.html', b'<html><script>alert(1)</script>', 'Type de fichier non accepté. Formats acceptés : PDF.'),
        ('faux.pdf', b'MZ\x90\x00 executable', 'Type de fichier non accepté'),
        ('image.png', PDF, "L'extension du fichier ne correspond pas à son contenu"),
    ],
)
def test_wrong_files_are_refused_with_a_french_message(name: str, content: bytes, message: str) -> None:
    with pytest.raises(UploadRejected, match=message):
        check_upload(name, content)


def test_size_limit() -> None:
    with pytest.raises(UploadRejected, match='taille maximale de 1 Mo'):
        check_upload('gros.pdf', PDF + b'0' * 1024 * 1024, max_bytes=1024 * 1024)


def test_images_when_asked_for() -> None:
    assert check_upload('logo.PNG', b'\x89PNG\r\n\x1a\n' + b'0' * 10, allowed=IMAGES).mime_type == 'image/png'


def test_safe_filename_strips_paths_and_control_characters() -> None:
    assert safe_filename('C:\\Users\\x\\..\\rapport\x00\n;rm -rf.pdf') == 'rapport_rm -rf.pdf'
    assert safe_filename('...') == 'document'


# --- NIR never logged -------------------------------------------------------------------------------------


def test_nir_is_masked_in_every_log_record(caplog: pytest.LogCaptureFixture) -> None:
    log_masking.install()
    logger = logging.getLogger('pstage.test')
    with caplog.at_level(logging.INFO):
        logger.info('NIR saisi : %s', '1 85 05 78 006 084 91')
        logger.info('compact 285052A00608491 et SIRET 73282932000074')
        try:
            raise ValueError('invalid NIR 185057800608491')
        except ValueError:
            logger.exception('échec')
    text = caplog.text
    assert '006 084' not in text
    assert '185057800608491' not in text
    assert '285052A00608491' not in text
    assert text.count('[NIR masqué]') == 4
    assert '73282932000074' in text  # a SIRET (14 digits) is not a NIR


# --- directory attributes → identity → roles -------------------------------------------------------------


def identity(**values) -> Identity:
    return Identity(method=Method.CAS, login='x', **values)


def test_default_rules_students_and_teachers_but_not_staff() -> None:
    rules = load_rules(None)
    assert granted_roles(identity(affiliations=frozenset({'student'})), rules, {}) == {(Role.STUDENT, None)}
    assert granted_roles(identity(affiliations=frozenset({'faculty'})), rules, {}) == {(Role.TEACHER, None)}
    assert granted_roles(identity(affiliations=frozenset({'staff', 'employee'})), rules, {}) == set()


def test_configured_rule_scopes_a_manager_to_the_mapped_composante() -> None:
    rules = load_rules(
        [{'affiliation': 'staff', 'affectation': 'S23', 'role': 'gestionnaire', 'composante': 'affectation'}]
    )
    person = identity(affiliations=frozenset({'staff'}), affectations=frozenset({'S23'}))
    assert granted_roles(person, rules, {'UFR-ST': 5}, {'S23': 'UFR-ST'}) == {(Role.MANAGER, 5)}
    # unknown composante: nothing rather than every composante
    assert granted_roles(person, rules, {'UFR-LSH': 6}, {'S23': 'UFR-ST'}) == set()


def test_a_wrong_rule_stops_the_configuration() -> None:
    with pytest.raises(ValueError, match='PSTAGE_ROLE_RULES: rule 0'):
        load_rules([{'affiliation': 'staff', 'role': 'superuser'}])


def test_identity_reads_scoped_and_multi_valued_attributes() -> None:
    person = identity_from_attributes(
        Method.CAS,
        {
            'mail': 'J.Doe@Univ.example',
            'eduPersonAffiliation': ['Student@univ.example', 'member'],
            'displayName': 'Doe, John',
        },
        DEFAULT_CAS_ATTRIBUTES,
        fallback_login='JDoe',
    )
    assert person.login == 'jdoe'
    assert person.affiliations == {'student', 'member'}
    assert person.display_name == 'Doe, John'


CAS_SUCCESS = """<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess><cas:user>jdoe</cas:user><cas:attributes>
    <cas:mail>jdoe@univ.example</cas:mail>
    <cas:eduPersonAffiliation>student</cas:eduPersonAffiliation>
    <cas:eduPersonAffiliation>member</cas:eduPersonAffiliation>
  </cas:attributes></cas:authenticationSuccess></cas:serviceResponse>"""


def test_cas_answer_with_multi_valued_attributes() -> None:
    user, attributes = parse_validation(CAS_SUCCESS)
    assert user == 'jdoe'
    assert attributes == {'mail': 'jdoe@univ.example', 'eduPersonAffiliation': ['student', 'member']}


@pytest.mark.parametrize(
    'answer',
    [
        '<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET">'
        'Ticket ST-1 not recognized</cas:authenticationFailure></cas:serviceResponse>',
        'not xml at all',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><x>&b;</x>',
    ],
)
def test_cas_failures_are_errors(answer: str) -> None:
    with pytest.raises(CasError):
        parse_validation(answer)
