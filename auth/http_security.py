"""HTTP hardening: security headers on every response, Secure cookies over HTTPS, session cookie options.

NiceGUI's pages carry inline scripts and Vue compiles templates at run time, so the CSP must allow
'unsafe-inline' and 'unsafe-eval' for scripts and inline styles (Quasar, Tailwind); everything else
is locked to this site, and framing is forbidden (clickjacking).
"""

from collections.abc import Iterable
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from settings import Settings


def _origin(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return f'{parts.scheme}://{parts.netloc}' if parts.scheme and parts.netloc else None


def content_security_policy(sso_origins: Iterable[str] = ()) -> str:
    form_targets = ' '.join(["'self'", *sorted(set(sso_origins))])
    return '; '.join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self' ws: wss:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            f'form-action {form_targets}',
            "frame-ancestors 'none'",
        ]
    )


def security_headers(settings: Settings) -> list[tuple[bytes, bytes]]:
    origins = [o for o in (_origin(settings.oidc_issuer), _origin(settings.cas_server_url)) if o]
    headers = {
        'content-security-policy': content_security_policy(origins),
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',  # signed links carry tokens in their URL: never send it elsewhere
        'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
        'cross-origin-opener-policy': 'same-origin',
    }
    return [(name.encode(), value.encode()) for name, value in headers.items()]


class SecurityHeadersMiddleware:
    """Pure ASGI (no response buffering, websockets untouched): adds the headers, marks cookies Secure on HTTPS."""

    def __init__(self, app: ASGIApp, *, settings: Settings) -> None:
        self.app = app
        self.headers = security_headers(settings)
        self.names = {name for name, _value in self.headers}
        self.force_secure = settings.secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return
        https = scope.get('scheme') == 'https'  # already corrected by uvicorn for trusted proxies only

        async def send_with_headers(message: Message) -> None:
            if message['type'] == 'http.response.start':
                secure = https or self.force_secure
                raw = [
                    (k, _secure_cookie(v) if secure and k.lower() == b'set-cookie' else v)
                    for k, v in message.get('headers', [])
                    if k.lower() not in self.names
                ]
                raw.extend(self.headers)
                if https:
                    raw.append((b'strict-transport-security', b'max-age=31536000'))
                message['headers'] = raw
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _secure_cookie(value: bytes) -> bytes:
    return value if b'secure' in value.lower() else value + b'; Secure'


def install_http_security(app: FastAPI, settings: Settings) -> None:
    """Add the session cookie's middleware ourselves (NiceGUI then reuses it) with the headers outside it,
    so the session cookie passes through SecurityHeadersMiddleware and gets Secure over HTTPS.

    Starlette's SessionMiddleware always makes the cookie HttpOnly; we add SameSite=Lax and a lifetime.
    """
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.effective_storage_secret,
        same_site='lax',
        https_only=settings.secure_cookies,
        max_age=settings.session_hours * 3600,
    )
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
