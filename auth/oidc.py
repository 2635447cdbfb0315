"""OpenID Connect with authlib: authorization code + PKCE (S256), discovery from the issuer, state and nonce
checked and the ID token validated by authlib, logout through the provider's end_session_endpoint."""

from typing import Any
from urllib.parse import urlencode

from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App
from starlette.requests import Request

from auth.identity import DEFAULT_OIDC_CLAIMS, Identity, Method, identity_from_attributes
from settings import get_settings

_NAME = 'university'
_clients: dict[tuple[str, ...], StarletteOAuth2App] = {}


class OidcError(Exception):
    """The provider's answer was refused (state, nonce, signature, missing ID token…); details are for the log."""


def client() -> StarletteOAuth2App:
    """The OAuth client for the configured provider (its discovered metadata is cached with it)."""
    settings = get_settings()
    if not settings.oidc_enabled:
        raise OidcError('OpenID Connect is not configured')
    scopes = settings.oidc_scopes if 'openid' in settings.oidc_scopes.split() else f'openid {settings.oidc_scopes}'
    key = (settings.oidc_issuer or '', settings.oidc_client_id or '', settings.oidc_client_secret or '', scopes)
    if key not in _clients:
        oauth = OAuth()
        _clients[key] = oauth.register(
            _NAME,
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret,
            server_metadata_url=key[0].rstrip('/') + '/.well-known/openid-configuration',
            client_kwargs={'scope': scopes, 'code_challenge_method': 'S256', 'timeout': 15},
        )
    return _clients[key]


async def start(request: Request, redirect_uri: str) -> Any:
    """The redirect to the provider; state, nonce and PKCE verifier wait in the signed session cookie."""
    return await client().authorize_redirect(request, redirect_uri)


async def finish(request: Request) -> tuple[Identity, str]:
    """Check the provider's answer and return the identity with the raw ID token (for the logout hint)."""
    app = client()
    token = await app.authorize_access_token(request)  # state, code + verifier, ID token signature and nonce
    id_claims = token.get('userinfo')
    if not id_claims or 'id_token' not in token:
        raise OidcError('no validated ID token in the answer')
    claims: dict[str, Any] = dict(id_claims)
    metadata = await app.load_server_metadata()
    if metadata.get('userinfo_endpoint'):
        extra = dict(await app.userinfo(token=token))
        if extra.get('sub') == claims.get('sub'):  # OIDC Core 5.3.2: never mix two people's claims
            claims = {**extra, **claims}
    mapping = {**DEFAULT_OIDC_CLAIMS, **get_settings().oidc_claims}
    identity = identity_from_attributes(Method.OIDC, claims, mapping, fallback_login=str(claims.get('sub') or ''))
    return identity, str(token['id_token'])


async def logout_url(id_token: str, post_logout_redirect_uri: str) -> str | None:
    """RP-initiated logout at the provider, or None when it offers no end_session_endpoint."""
    metadata = await client().load_server_metadata()
    endpoint = metadata.get('end_session_endpoint')
    if not endpoint:
        return None
    query = urlencode(
        {
            'id_token_hint': id_token,
            'post_logout_redirect_uri': post_logout_redirect_uri,
            'client_id': get_settings().oidc_client_id,
        }
    )
    return f'{endpoint}{"&" if "?" in endpoint else "?"}{query}'
