"""Every PSTAGE_* setting, read from the environment or a `.env` file, with working defaults."""

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from cryptography.fernet import Fernet
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix='PSTAGE_', env_file='.env', extra='ignore')

    database_url: str = 'sqlite:///data/pstage.db'
    host: str = '127.0.0.1'
    port: int = 8080
    data_dir: Path = Path('data')
    storage_secret: str | None = None
    encryption_key: str | None = None  # Fernet key for the NIR; generated into data/ if unset
    demo: bool = False
    language: Literal['fr', 'en'] = 'fr'
    university_name: str = 'Université de démonstration'
    help_contact: str = 'bureau des stages — stages@universite.example'
    min_password_length: int = 12
    db_pool_size: int = 10

    def secret_file(self, name: str) -> str:
        """A secret kept in `data_dir/name`, created once, so restarts keep sessions and encrypted data readable."""
        path = self.data_dir / name
        if path.exists():
            return path.read_text().strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        value = Fernet.generate_key().decode() if name.endswith('.key') else secrets.token_urlsafe(48)
        path.write_text(value)
        path.chmod(0o600)
        return value

    @property
    def effective_storage_secret(self) -> str:
        return self.storage_secret or self.secret_file('storage-secret')

    @property
    def effective_encryption_key(self) -> str:
        return self.encryption_key or self.secret_file('nir-encryption.key')


@lru_cache
def get_settings() -> Settings:
    return Settings()


def reload_settings() -> Settings:
    """Re-read the environment (tests and the CLI change it between runs)."""
    get_settings.cache_clear()
    return get_settings()
