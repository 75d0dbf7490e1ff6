"""Where a webhook may be sent: http(s) URLs whose host resolves to public addresses only, unless the
deployment allows private ones (PTW_WEBHOOKS_ALLOW_PRIVATE). Checked when an endpoint is saved and again
before every request; the request then connects to the very address that was checked (no second lookup
a rebinding DNS server could answer differently)."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 forms that carry an IPv4 address in a known place: judged by the IPv4 address they carry.
NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
# Translation prefixes whose IPv4 part cannot be read reliably: refused whatever they carry.
# 64:ff9b:1::/48 is local-use NAT64 (the IPv4 part's place depends on the site's prefix length);
# 2001::/32 is Teredo (the client address is obfuscated, and the relay may be anywhere).
TRANSLATION_REFUSED = (ipaddress.ip_network("64:ff9b:1::/48"), ipaddress.ip_network("2001::/32"))


class TargetRefused(Exception):
    """The URL may not be a webhook target; the message says why, for the person registering it."""


@dataclass(frozen=True)
class PinnedTarget:
    """A webhook URL bound to one checked address: connect to `url`, name `host` in Host and TLS."""

    url: str
    host: str
    host_header: str
    address: Address


def _parts(url: str) -> tuple[SplitResult, str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetRefused("Give an http:// or https:// URL.")
    if parts.username or parts.password:
        raise TargetRefused("Put no user name or password in the URL; the signature authenticates PTW.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise TargetRefused("The URL's port is not a number from 1 to 65535.") from None
    return parts, parts.hostname, port


def _addresses(host: str, port: int) -> list[Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise TargetRefused(f"The host {host} does not resolve.") from None
    found = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    if not found:
        raise TargetRefused(f"The host {host} does not resolve.")
    return list(dict.fromkeys(found))


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64_WELL_KNOWN or address in IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: Address) -> bool:
    """Whether `address` reaches the public internet: IPv6 forms carrying an IPv4 address are judged by it."""
    if isinstance(address, ipaddress.IPv6Address):
        if any(address in network for network in TRANSLATION_REFUSED):
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public(embedded)
    return address.is_global and not address.is_multicast


def _checked(host: str, port: int) -> list[Address]:
    addresses = _addresses(host, port)
    if settings.PTW_WEBHOOKS_ALLOW_PRIVATE:
        return addresses
    refused = [str(a) for a in addresses if not is_public(a)]
    if refused:
        raise TargetRefused(
            f"{host} resolves to a private, loopback or link-local address ({', '.join(refused)}); "
            "this deployment does not send webhooks there."
        )
    return addresses


def target_check(url: str) -> None:
    """Raise TargetRefused unless `url` is an http(s) URL without credentials on an allowed address."""
    _parts_checked, host, port = _parts(url)
    if settings.PTW_WEBHOOKS_ALLOW_PRIVATE:
        return
    _checked(host, port)


def target_pinned(url: str) -> PinnedTarget:
    """Resolve `url`'s host once, check every address, and bind the URL to the first one (TargetRefused if any
    address is not allowed)."""
    parts, host, port = _parts(url)
    address = _checked(host, port)[0]
    literal = f"[{address}]" if address.version == 6 else str(address)
    pinned = urlunsplit((parts.scheme, f"{literal}:{port}", parts.path or "/", parts.query, ""))
    return PinnedTarget(url=pinned, host=host, host_header=parts.netloc, address=address)
