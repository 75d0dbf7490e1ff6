"""Webhook targets: IPv6 forms that carry a private IPv4 address are refused, public ones are accepted, and a
request connects to the address that was checked, not to whatever a second DNS lookup answers, while Host, TLS SNI
and the certificate check stay on the registered name."""

from __future__ import annotations

import socket
import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ptw.webhooks.models import WebhookDelivery, WebhookEndpoint
from ptw.webhooks.services import deliveries
from ptw.webhooks.services.deliveries import deliveries_due, delivery_attempt, outbox_dispatch
from ptw.webhooks.tests.conftest import HOOKS, Receiver, World, register

REFUSED = [
    "http://[64:ff9b::7f00:1]/hook",  # NAT64 of 127.0.0.1
    "http://[64:ff9b::a00:5]/hook",  # NAT64 of 10.0.0.5
    "http://[64:ff9b::c0a8:101]:8080/hook",  # NAT64 of 192.168.1.1
    "http://[64:ff9b:1::5db8:d822]/hook",  # local-use NAT64: refused whatever it carries
    "http://[2002:7f00:1::1]/hook",  # 6to4 of 127.0.0.1
    "http://[2002:a9fe:a9fe::1]/hook",  # 6to4 of 169.254.169.254 (cloud metadata)
    "http://[::127.0.0.1]/hook",  # IPv4-compatible 127.0.0.1
    "http://[::a00:1]/hook",  # IPv4-compatible 10.0.0.1
    "http://[::ffff:127.0.0.1]/hook",  # IPv4-mapped 127.0.0.1
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook",  # Teredo: refused whatever it carries
    "http://[::1]/hook",
    "http://127.0.0.1/hook",
]
ACCEPTED = [
    "http://[64:ff9b::5db8:d822]/hook",  # NAT64 of 93.184.216.34
    "http://[2002:5db8:d822::1]/hook",  # 6to4 of 93.184.216.34
    "http://[::ffff:93.184.216.34]/hook",  # IPv4-mapped 93.184.216.34
    "http://[2606:4700:4700::1111]/hook",
    "http://93.184.216.34/hook",
]


@pytest.mark.parametrize("url", REFUSED)
def test_an_ipv6_form_carrying_a_private_address_is_refused(world: World, url: str) -> None:
    body = {"project": world.acme.project.id, "url": url, "events": ["permit.submitted"]}
    response = world.client("admin").post(HOOKS, body, format="json")
    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "private, loopback or link-local" in error["fields"]["url"][0]
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("url", ACCEPTED)
def test_an_ipv6_form_carrying_a_public_address_is_accepted(world: World, url: str) -> None:
    assert register(world, url)["url"] == url


class RebindingResolver:
    """Answers `host` with each of `answers` in turn (the last one from then on); other names resolve as usual."""

    def __init__(self, host: str, answers: list[str]) -> None:
        self.host, self.answers, self.asked = host, answers, 0
        self.real = socket.getaddrinfo

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != self.host:
            return self.real(host, port, *args, **kwargs)
        answer = self.answers[min(self.asked, len(self.answers) - 1)]
        self.asked += 1
        return self.real(answer, port, *args, **kwargs)


def test_a_name_rebound_to_loopback_after_the_check_is_not_connected_to(
    world: World, receiver: Receiver, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    endpoint = register(world, receiver.url)
    port = receiver.url.split(":")[2].split("/")[0]
    WebhookEndpoint.objects.filter(pk=endpoint["id"]).update(url=f"http://hooks.rebind.test:{port}/hooks/ptw")
    settings.PTW_WEBHOOKS_ALLOW_PRIVATE = False
    resolver = RebindingResolver("hooks.rebind.test", ["93.184.216.34", "127.0.0.1"])
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    monkeypatch.setattr(deliveries, "TIMEOUT_SECONDS", 1.0)
    permit = world.create()
    world.act(permit["id"], "submit", "requester")
    outbox_dispatch()
    [delivery_id] = deliveries_due()
    attempt = delivery_attempt(delivery_id)
    assert receiver.received == []
    assert resolver.asked == 1
    assert attempt is not None and attempt.status_code is None
    assert "ConnectError" in attempt.error or "Timeout" in attempt.error, attempt.error
    assert WebhookDelivery.objects.get().status == "pending"


def test_the_request_names_the_host_it_was_registered_with(
    world: World, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = receiver.url.split(":")[2].split("/")[0]
    monkeypatch.setattr(socket, "getaddrinfo", RebindingResolver("hooks.pinned.test", ["127.0.0.1"]))
    register(world, f"http://hooks.pinned.test:{port}/hooks/ptw?tenant=acme")
    permit = world.create()
    world.act(permit["id"], "submit", "requester")
    outbox_dispatch()
    [delivery_id] = deliveries_due()
    attempt = delivery_attempt(delivery_id)
    assert attempt is not None and attempt.succeeded, attempt and attempt.error
    [request] = receiver.received
    assert request.headers["host"] == f"hooks.pinned.test:{port}"
    assert request.path == "/hooks/ptw?tenant=acme"


def self_signed(directory: Path, name: str) -> tuple[Path, Path]:
    """A certificate for `name` only (no IP address in it), and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "receiver.pem", directory / "receiver.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


def test_tls_names_and_verifies_the_registered_host_while_connecting_to_the_checked_address(
    world: World, receiver: Receiver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "hooks.tls.test"
    cert_file, key_file = self_signed(tmp_path, name)
    server_names: list[str | None] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    context.sni_callback = lambda _socket, server_name, _context: server_names.append(server_name)
    receiver.server.socket = context.wrap_socket(receiver.server.socket, server_side=True)
    port = receiver.server.server_address[1]
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_file))
    monkeypatch.setattr(socket, "getaddrinfo", RebindingResolver(name, ["127.0.0.1"]))
    register(world, f"https://{name}:{port}/hooks/ptw")
    permit = world.create()
    world.act(permit["id"], "submit", "requester")
    outbox_dispatch()
    [delivery_id] = deliveries_due()
    attempt = delivery_attempt(delivery_id)
    assert attempt is not None and attempt.succeeded, attempt and attempt.error
    assert server_names == [name]
    assert receiver.received[0].headers["host"] == f"{name}:{port}"
