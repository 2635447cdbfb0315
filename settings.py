"""Every PSTAGE_* setting, read from the environment or a `.env` file, with working defaults."""

import re
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from cryptography.fernet import Fernet
from pydantic import Field, field_validator
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
    # The university's look: its logo (PNG/SVG file shown in the header) and main colour (white text on it must
    # reach the WCAG AA contrast of 4.5:1, checked at start-up).
    university_logo: Path | None = None
    primary_color: str = '#1f4e8c'
    help_contact: str = 'bureau des stages — stages@universite.example'
    min_password_length: int = 12
    # Cost of the argon2id password hash: OWASP's first configuration (19 MiB, 2 passes, 1 lane) by default, about
    # 40 ms of one core per login; RFC 9106's low-memory choice is 65536 / 3 / 4. Accounts follow at their next login.
    password_hash_memory_kib: int = Field(default=19_456, ge=7_168)
    password_hash_iterations: int = Field(default=2, ge=1)
    password_hash_parallelism: int = Field(default=1, ge=1)
    db_pool_size: int = 10
    file_store: Path | None = None  # uploaded files (signed scans…); default data_dir/files; shared by every instance
    jobs: bool = True  # run the periodic jobs (offer expiry…): each runs in one instance at a time (a lease)
    jobs_tick_seconds: float = 30.0
    search_refresh: bool = True  # build the search indexes in the background and follow other instances' changes

    # Outgoing e-mail (notifications). Without a host, messages stay queued in the outbox (visible to admin).
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_from: str = 'PStage <ne-pas-repondre@universite.example>'
    smtp_timeout_seconds: float = 10.0

    # Sign-in methods (several may be enabled at once; the login page shows each enabled one).
    public_url: str | None = None  # e.g. https://stages.univ.example: SSO callbacks use it instead of the Host header
    local_login: bool = True
    oidc_issuer: str | None = None  # discovery at {issuer}/.well-known/openid-configuration
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_scopes: str = 'openid email profile'
    oidc_label: str = "Se connecter avec l'ENT"
    # Identity field → claim name (JSON in the environment); missing fields keep the defaults below.
    oidc_claims: dict[str, str] = {}
    cas_server_url: str | None = None  # e.g. https://cas.univ.example/cas
    cas_label: str = "Se connecter avec l'ENT (CAS)"
    cas_attributes: dict[str, str] = {}  # Identity field → CAS attribute name
    # Affiliation → role rules, as JSON: [{"affiliation": "student", "role": "etudiant"}, …]; see auth/role_rules.py.
    role_rules: list[dict[str, Any]] | None = None
    affectation_map: dict[str, str] = {}  # directory code (supannEntiteAffectation) → composante code

    # Hardening
    trusted_proxies: str = '127.0.0.1'  # proxies whose X-Forwarded-For/-Proto are believed (uvicorn)
    secure_cookies: bool = False  # force Secure cookies; they are Secure anyway on requests that arrive over HTTPS
    session_hours: int = 12
    login_max_failures: int = 10  # per account within the window; the next attempt is refused
    login_max_failures_per_ip: int = 50
    login_failure_window_seconds: int = 60
    upload_max_bytes: int = 10 * 1024 * 1024

    # Company register lookup (« Ajouter un établissement »): the public French company-search API, e.g.
    # https://recherche-entreprises.api.gouv.fr — off when unset (no call ever leaves the instance).
    company_lookup_url: str | None = None
    company_lookup_timeout: float = 3.0  # seconds; a slower answer counts as « service indisponible »

    @field_validator('primary_color')
    @classmethod
    def _readable_primary(cls, value: str) -> str:
        if not re.fullmatch(r'#[0-9a-fA-F]{6}', value):
            raise ValueError('PSTAGE_PRIMARY_COLOR must be a colour like #1f4e8c')
        ratio = contrast_ratio(value, '#ffffff')
        if ratio < 4.5:
            raise ValueError(
                f'PSTAGE_PRIMARY_COLOR {value}: white text on it has a contrast of {ratio:.1f}:1, '
                'below the 4.5:1 of WCAG AA; choose a darker shade'
            )
        return value.lower()

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
    def effective_file_store(self) -> Path:
        return self.file_store or self.data_dir / 'files'

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @property
    def cas_enabled(self) -> bool:
        return bool(self.cas_server_url)

    @property
    def effective_encryption_key(self) -> str:
        return self.encryption_key or self.secret_file('nir-encryption.key')


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@lru_cache
def get_settings() -> Settings:
    return Settings()


def reload_settings() -> Settings:
    """Re-read the environment (tests and the CLI change it between runs)."""
    get_settings.cache_clear()
    return get_settings()
