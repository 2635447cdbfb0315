"""A minimal CAS 3 client: login redirect, /p3/serviceValidate with its attributes, logout."""

import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlencode

import httpx

from auth.identity import DEFAULT_CAS_ATTRIBUTES, Identity, Method, identity_from_attributes
from settings import get_settings

_NS = '{http://www.yale.edu/tp/cas}'


class CasError(Exception):
    """The ticket was refused or the CAS answer unreadable; details are for the log."""


def _server() -> str:
    url = get_settings().cas_server_url
    if not url:
        raise CasError('CAS is not configured')
    return url.rstrip('/')


def login_url(service: str) -> str:
    return f'{_server()}/login?{urlencode({"service": service})}'


def logout_url(service: str) -> str:
    return f'{_server()}/logout?{urlencode({"service": service})}'


async def validate(ticket: str, service: str) -> Identity:
    """Ask the CAS server whether `ticket` was issued for `service`; returns who it names."""
    if not ticket or len(ticket) > 256 or not ticket.isprintable():
        raise CasError('malformed ticket')
    async with httpx.AsyncClient(timeout=15) as http:
        response = await http.get(f'{_server()}/p3/serviceValidate', params={'service': service, 'ticket': ticket})
    if response.status_code != 200:
        raise CasError(f'serviceValidate answered HTTP {response.status_code}')
    user, attributes = parse_validation(response.text)
    mapping = {**DEFAULT_CAS_ATTRIBUTES, **get_settings().cas_attributes}
    return identity_from_attributes(Method.CAS, attributes, mapping, fallback_login=user)


def parse_validation(text: str) -> tuple[str, dict[str, Any]]:
    """(user, attributes) from a CAS 3 serviceResponse; multi-valued attributes become lists."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise CasError(f'unreadable answer: {error}') from error
    failure = root.find(f'{_NS}authenticationFailure')
    if failure is not None:
        raise CasError(f'{failure.get("code", "INVALID")}: {(failure.text or "").strip()}')
    success = root.find(f'{_NS}authenticationSuccess')
    user = success.findtext(f'{_NS}user') if success is not None else None
    if success is None or not user or not user.strip():
        raise CasError('no authenticationSuccess in the answer')
    attributes: dict[str, Any] = {}
    holder = success.find(f'{_NS}attributes')
    for element in holder if holder is not None else []:
        name = element.tag.removeprefix(_NS)
        value = (element.text or '').strip()
        if name in attributes:
            previous = attributes[name]
            attributes[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            attributes[name] = value
    return user.strip(), attributes
