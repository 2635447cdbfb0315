"""Where a browser may be sent after signing in or out: this site's paths only, and its public address."""

from starlette.requests import Request

from settings import get_settings


def safe_next(target: str | None) -> str:
    """Only a path of this site: never an open redirect to another host."""
    if target and target.startswith('/') and not target.startswith('//') and '\\' not in target:
        return target
    return '/'


def external_url(request: Request, path: str) -> str:
    """An absolute URL of this site as browsers reach it: PSTAGE_PUBLIC_URL, else the request's own address
    (scheme and client corrected by uvicorn for the proxies of PSTAGE_TRUSTED_PROXIES only)."""
    base = get_settings().public_url or str(request.base_url)
    return base.rstrip('/') + path
