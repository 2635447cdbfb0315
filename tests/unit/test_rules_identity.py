"""The NIR: validated with python-stdnum, encrypted at rest, shown masked."""

import pytest

from services.rules import identity

KEY = 'ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg='


def test_a_valid_nir_passes_with_spaces_or_dots() -> None:
    assert identity.nir_error('2 04 03 21 231 017 95') is None
    assert identity.nir_error('2.04.03.21.231.017.95') is None
    assert identity.nir_error('1 85 05 2A 006 084 35') is None  # born in Corsica (2A)


def test_wrong_nirs_say_what_to_fix() -> None:
    assert identity.nir_error('2 04 03 21 231 017 96') == (
        'La clé du numéro de sécurité sociale ne correspond pas (2 derniers chiffres) : '
        'vérifiez le numéro sur votre carte Vitale.'
    )
    assert identity.nir_error('2 04 03 21 231') == (
        'Le numéro de sécurité sociale compte 15 caractères, clé comprise : vous en avez saisi 10.'
    )
    assert identity.nir_error('') == 'Indiquez votre numéro de sécurité sociale (15 caractères, clé comprise).'


def test_encrypted_then_decrypted_with_the_key_only() -> None:
    token = identity.encrypt('204032123101795', KEY)
    assert '204032123101795' not in token
    assert identity.decrypt(token, KEY) == '204032123101795'
    with pytest.raises(ValueError, match='cannot be decrypted'):
        identity.decrypt(token, 'x' * 43 + '=')


def test_masked_for_display() -> None:
    assert identity.mask('185057800608436') == '1 85 05 •• ••• ••• 36'
    assert identity.formatted('185057800608436') == '1 85 05 78 006 084 36'
