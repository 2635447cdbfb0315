"""The shared file store keeps uploaded files under PSTAGE_FILE_STORE and never lets a key lead outside it."""

import os
from pathlib import Path

import pytest

from services import file_store
from settings import reload_settings


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / 'shared' / 'files'
    monkeypatch.setenv('PSTAGE_FILE_STORE', str(root))
    reload_settings()
    return root


def test_the_store_defaults_to_files_in_the_data_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv('PSTAGE_FILE_STORE', raising=False)
    monkeypatch.setenv('PSTAGE_DATA_DIR', str(tmp_path / 'data'))
    assert reload_settings().effective_file_store == tmp_path / 'data' / 'files'


def test_a_signed_scan_is_saved_and_read_back_by_its_key(store: Path) -> None:
    key = file_store.new_key('conventions/42', 'Convention signée (scan).PDF')
    assert key.startswith('conventions/42/')
    assert key.endswith('.pdf')
    assert key != file_store.new_key('conventions/42', 'Convention signée (scan).PDF')

    path = file_store.save(key, b'%PDF-1.7 signed')

    assert path == store / key
    assert file_store.read(key) == b'%PDF-1.7 signed'
    with file_store.open_file(key) as stream:
        assert stream.read(5) == b'%PDF-'
    assert file_store.exists(key)
    assert not [p for p in path.parent.iterdir() if p.name.startswith('.tmp-')]  # nothing half-written left


def test_saving_again_replaces_the_file_and_delete_removes_it(store: Path) -> None:
    file_store.save('avenants/7/scan.pdf', b'first')
    file_store.save('avenants/7/scan.pdf', b'second')
    assert file_store.read('avenants/7/scan.pdf') == b'second'
    assert file_store.delete('avenants/7/scan.pdf')
    assert not file_store.exists('avenants/7/scan.pdf')
    assert not file_store.delete('avenants/7/scan.pdf')
    with pytest.raises(FileNotFoundError):
        file_store.read('avenants/7/scan.pdf')


@pytest.mark.parametrize(
    'key',
    [
        '../secret.txt',
        'conventions/../../etc/passwd',
        '/etc/passwd',
        'conventions//42',
        'conventions/42/',
        '',
        '.hidden',
        'conventions\\..\\x',
        'a/..',
        'con ventions/1',
        'conventions/%2e%2e/x',
        'nul\x00byte',
        'é/accent',
        '/'.join(['d'] * 9),
    ],
)
def test_keys_that_could_escape_the_store_are_refused(store: Path, key: str) -> None:
    with pytest.raises(file_store.InvalidKey):
        file_store.save(key, b'x')
    with pytest.raises(file_store.InvalidKey):
        file_store.read(key)


def test_a_symbolic_link_inside_the_store_cannot_lead_outside(store: Path, tmp_path: Path) -> None:
    outside = tmp_path / 'outside'
    outside.mkdir()
    (outside / 'private.txt').write_text('secret')
    store.mkdir(parents=True)
    os.symlink(outside, store / 'link')
    with pytest.raises(file_store.InvalidKey):
        file_store.read('link/private.txt')
    with pytest.raises(file_store.InvalidKey):
        file_store.save('link/new.txt', b'x')
    assert not (outside / 'new.txt').exists()


def test_new_keys_drop_extensions_that_are_not_simple(store: Path) -> None:
    assert file_store.new_key('scans', 'évil.p$f').count('.') == 0
    assert file_store.new_key('scans', 'archive.tar.gz').endswith('.gz')
    with pytest.raises(file_store.InvalidKey):
        file_store.new_key('../scans', 'x.pdf')
