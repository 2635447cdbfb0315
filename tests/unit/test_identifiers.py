"""Identifiers typed in the forms: accepted in their usual spellings, refused with a message saying what to fix."""

import pytest

from services.identifiers import (
    InvalidIdentifier,
    check_email,
    check_naf,
    check_phone,
    check_postal_code,
    check_siren,
    check_siret,
    departement_of,
    format_siret,
)


def test_siret_typed_with_spaces_is_stored_compact_and_shown_grouped() -> None:
    assert check_siret('732 829 320 00074') == '73282932000074'
    assert check_siret('732.829.320.00074') == '73282932000074'
    assert format_siret('73282932000074') == '732 829 320 00074'


def test_siret_with_a_bad_checksum_is_refused_in_french() -> None:
    with pytest.raises(InvalidIdentifier, match=r'Le SIRET 732 829 320 00079 est invalide \(clé de contrôle'):
        check_siret('73282932000079')


def test_siret_of_the_wrong_length_or_with_letters_says_so() -> None:
    with pytest.raises(InvalidIdentifier, match='14 chiffres ; vous en avez saisi 9'):
        check_siret('732829320')
    with pytest.raises(InvalidIdentifier, match='retirez les lettres'):
        check_siret('7328293200007A')


def test_la_poste_establishments_follow_their_own_rule() -> None:
    # La Poste's SIRET are not Luhn-valid: their digit sum is a multiple of 5 instead.
    assert check_siret('35600000049837') == '35600000049837'
    with pytest.raises(InvalidIdentifier):
        check_siret('35600000049838')


def test_siren() -> None:
    assert check_siren('732 829 320') == '732829320'
    with pytest.raises(InvalidIdentifier, match='clé de contrôle'):
        check_siren('732829321')


def test_naf_code_is_normalised_and_must_exist() -> None:
    assert check_naf('4520a') == '45.20A'
    assert check_naf(' 62.01 Z ') == '62.01Z'
    with pytest.raises(InvalidIdentifier, match="n'existe pas dans la nomenclature"):
        check_naf('99.99Z')
    with pytest.raises(InvalidIdentifier, match=r'ex\. 62\.01Z'):
        check_naf('6201')


@pytest.mark.parametrize(
    ('postal_code', 'departement'),
    [('21000', '21'), ('01000', '01'), ('20000', '2A'), ('20090', '2A'), ('20200', '2B'), ('97400', '974')],
)
def test_departement_of_a_postal_code(postal_code: str, departement: str) -> None:
    assert departement_of(postal_code) == departement


def test_postal_code_must_match_the_departement() -> None:
    assert check_postal_code('21 000', '21') == '21000'
    with pytest.raises(InvalidIdentifier, match=r"département 21 \(Côte-d'Or\), pas dans le 75"):
        check_postal_code('21000', '75')
    with pytest.raises(InvalidIdentifier, match='aucun département'):
        check_postal_code('99000')
    with pytest.raises(InvalidIdentifier, match='5 chiffres'):
        check_postal_code('2100')


def test_email() -> None:
    assert check_email(' luc@garage.example ') == 'luc@garage.example'
    with pytest.raises(InvalidIdentifier, match=r'nom@domaine\.fr'):
        check_email('luc@garage')


def test_phone_numbers_french_and_international() -> None:
    assert check_phone('0380393000') == '03 80 39 30 00'
    assert check_phone('+33 6 12 34 56 78') == '06 12 34 56 78'
    assert check_phone('+44 20 7946 0958') == '+44 20 7946 0958'
    assert check_phone('020 7946 0958', 'GB') == '+44 20 7946 0958'
    with pytest.raises(InvalidIdentifier, match='10 chiffres'):
        check_phone('03 80 39')
