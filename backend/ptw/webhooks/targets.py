"""Where a webhook may be sent: http(s) URLs whose host resolves to public addresses only, unless the
deployment allows private ones (PTW_WEBHOOKS_ALLOW_PRIVATE). Checked when an endpoint is saved and again
before every request, since a name may resolve elsewhere later."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class TargetRefused(Exception):
    """The URL may not be a webhook target; the message says why, for the person registering it."""


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise TargetRefused(f"The host {host} does not resolve.") from None
    return [ipaddress.ip_address(info[4][0]) for info in infos]


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return _is_public(address.ipv4_mapped)
    return address.is_global and not address.is_multicast


def target_check(url: str) -> None:
    """Raise TargetRefused unless `url` is an http(s) URL without credentials on an allowed address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetRefused("Give an http:// or https:// URL.")
    if parts.username or parts.password:
        raise TargetRefused("Put no user name or password in the URL; the signature authenticates PTW.")
    if settings.PTW_WEBHOOKS_ALLOW_PRIVATE:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise TargetRefused("The URL's port is not a number from 1 to 65535.") from None
    refused = [str(a) for a in _addresses(parts.hostname, port) if not _is_public(a)]
    if refused:
        raise TargetRefused(
            f"{parts.hostname} resolves to a private, loopback or link-local address ({', '.join(refused)}); "
            "this deployment does not send webhooks there."
        )
