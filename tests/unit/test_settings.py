"""Settings come from the environment, and generated secrets survive a restart."""

from pathlib import Path

import pytest

from settings import Settings


def test_defaults_serve_sqlite_on_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ('PSTAGE_DATABASE_URL', 'PSTAGE_HOST', 'PSTAGE_PORT', 'PSTAGE_DEMO'):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.database_url == 'sqlite:///data/pstage.db'
    assert (settings.host, settings.port, settings.demo) == ('127.0.0.1', 8080, False)


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PSTAGE_PORT', '8090')
    monkeypatch.setenv('PSTAGE_DEMO', 'true')
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.port == 8090
    assert settings.demo is True


def test_dotenv_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv('PSTAGE_UNIVERSITY_NAME', raising=False)
    env_file = tmp_path / '.env'
    env_file.write_text('PSTAGE_UNIVERSITY_NAME=Université de Bourgogne\n', encoding='utf-8')
    assert Settings(_env_file=env_file).university_name == 'Université de Bourgogne'  # type: ignore[call-arg]


def test_generated_secrets_are_stable_across_restarts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv('PSTAGE_STORAGE_SECRET', raising=False)
    monkeypatch.delenv('PSTAGE_ENCRYPTION_KEY', raising=False)
    first = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    second = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    assert first.effective_storage_secret == second.effective_storage_secret
    assert first.effective_encryption_key == second.effective_encryption_key
    assert len(first.effective_storage_secret) >= 32
    assert (tmp_path / 'storage-secret').stat().st_mode & 0o077 == 0


def test_a_configured_secret_wins_over_the_generated_one(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, storage_secret='from-the-environment')  # type: ignore[call-arg]
    assert settings.effective_storage_secret == 'from-the-environment'
    assert not (tmp_path / 'storage-secret').exists()
