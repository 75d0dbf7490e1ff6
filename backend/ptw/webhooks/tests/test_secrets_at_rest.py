"""Webhook secrets are encrypted at rest: the database column holds no clear secret (before or after a rotation),
signatures still verify with the receiver's library, keys rotate, production refuses to run without a key, and
the migration seals existing clear secrets and opens them again when reversed."""

from __future__ import annotations

import io
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from standardwebhooks import Webhook

from ptw.ops.checks import guard_checks
from ptw.webhooks.models import WebhookEndpoint
from ptw.webhooks.services.deliveries import deliveries_due, delivery_attempt, outbox_dispatch
from ptw.webhooks.tests.conftest import HOOKS, Receiver, World, register


def stored(endpoint_id: int) -> tuple[str, str]:
    """The raw secret columns, as a database backup would hold them."""
    table = WebhookEndpoint._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT secret, previous_secret FROM {table} WHERE id = %s", [endpoint_id])  # noqa: S608
        secret, previous = cursor.fetchone()
    return secret, previous


def test_secrets_are_stored_encrypted_and_still_sign_during_a_rotation(world: World, receiver: Receiver) -> None:
    endpoint = register(world, receiver.url)
    first = endpoint["secret"]
    assert first.startswith("whsec_")
    assert first not in "".join(stored(endpoint["id"]))
    rotated = world.client("admin").post(f"{HOOKS}{endpoint['id']}/rotate-secret/")
    assert rotated.status_code == 200
    second = rotated.json()["secret"]
    raw_secret, raw_previous = stored(endpoint["id"])
    assert raw_secret and raw_previous
    for secret in (first, second):
        assert secret not in raw_secret + raw_previous
        assert secret.removeprefix("whsec_") not in raw_secret + raw_previous
    assert "secret" not in world.client("admin").get(f"{HOOKS}{endpoint['id']}/").json()

    permit = world.create()
    world.act(permit["id"], "submit", "requester")
    outbox_dispatch()
    for delivery_id in deliveries_due():
        delivery_attempt(delivery_id)
    [request] = receiver.received
    for secret in (first, second):
        assert Webhook(secret).verify(request.body, request.headers)["type"] == "permit.submitted"


def test_a_new_key_first_still_opens_secrets_sealed_with_the_old_one(
    world: World, receiver: Receiver, settings: Any
) -> None:
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.PTW_SECRETS_KEYS = [old_key]
    endpoint = register(world, receiver.url)
    sealed_with_old = stored(endpoint["id"])[0]
    settings.PTW_SECRETS_KEYS = [new_key, old_key]
    assert WebhookEndpoint.objects.get().secret == endpoint["secret"]
    out = io.StringIO()
    call_command("ptw_reseal_secrets", stdout=out)
    assert out.getvalue().startswith("1 endpoint(s)")
    resealed = stored(endpoint["id"])[0]
    assert resealed != sealed_with_old
    settings.PTW_SECRETS_KEYS = [new_key]
    assert WebhookEndpoint.objects.get().secret == endpoint["secret"]
    [check] = [c for c in guard_checks() if c.name == "secrets_key"]
    assert check.status == "ok"
    settings.PTW_SECRETS_KEYS = [old_key]  # the key the secrets were sealed with is gone
    [check] = [c for c in guard_checks() if c.name == "secrets_key"]
    assert check.status == "critical" and "does not decrypt" in check.message


@pytest.mark.django_db
def test_production_without_a_secrets_key_is_refused(settings: Any) -> None:
    settings.PRODUCTION, settings.PTW_SECRETS_KEYS = True, []
    [check] = [c for c in guard_checks() if c.name == "secrets_key"]
    assert (check.status, check.message) == ("critical", "PTW_SECRETS_KEY is not set")
    settings.PTW_SECRETS_KEYS = ["not-a-fernet-key"]
    [check] = [c for c in guard_checks() if c.name == "secrets_key"]
    assert check.status == "critical"
    settings.PTW_SECRETS_KEYS = [Fernet.generate_key().decode()]
    [check] = [c for c in guard_checks() if c.name == "secrets_key"]
    assert check.status == "ok"


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_clear_secrets_and_reverse_opens_them(world: World) -> None:
    admin = world.acme.people["admin"]
    executor = MigrationExecutor(connection)
    executor.migrate([("webhooks", "0001_initial")])
    table = WebhookEndpoint._meta.db_table
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (project_id, url, description, events, enabled, disabled_reason, secret,"  # noqa: S608
            " previous_secret, created_by_id, created_at, updated_at, version)"
            " VALUES (%s, 'https://example.com/h', '', '[]', %s, '', 'whsec_current', 'whsec_before', %s, %s, %s, 1)",
            [world.acme.project.id, True, admin.id, now, now],
        )
        cursor.execute(f"SELECT id FROM {table}")  # noqa: S608
        [(endpoint_id,)] = cursor.fetchall()
    executor.loader.build_graph()
    executor.migrate([("webhooks", "0002_secrets_encrypted_at_rest")])
    assert "whsec_" not in "".join(stored(endpoint_id))
    executor.loader.build_graph()
    executor.migrate([("webhooks", "0001_initial")])
    assert stored(endpoint_id) == ("whsec_current", "whsec_before")
    executor.loader.build_graph()
    call_command("migrate", "webhooks", verbosity=0)
    endpoint = WebhookEndpoint.objects.get(pk=endpoint_id)
    assert (endpoint.secret, endpoint.previous_secret) == ("whsec_current", "whsec_before")
