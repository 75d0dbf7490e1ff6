"""On PostgreSQL a statement a connection runs again and again is prepared once (decision 0028): its parameters are
bound by the server, so the same read of another permit is the same statement, parsed and planned once."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

from ptw.permits.tests.conftest import URL, World

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"),
]


def _prepared_reads_of(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", [f"%FROM {table}%"])
        return [row[0] for row in cursor.fetchall()]


def test_the_same_read_of_other_permits_is_prepared_once_for_the_connection(world: World) -> None:
    threshold = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]
    permits = [world.create()["id"] for _ in range(threshold + 2)]
    client = world.client("requester")

    for permit_id in permits:
        assert client.get(f"{URL}{permit_id}/").status_code == 200

    prepared = _prepared_reads_of('"permits_permit" INNER JOIN "accounts_project"')
    assert len(prepared) == 1
    # Bound by the server: the permit's id is a parameter, not written into the statement.
    assert "$" in prepared[0] and not any(f"= {permit_id}" in prepared[0] for permit_id in permits)


def test_a_lock_wait_bounded_for_a_transaction_is_set_by_a_bound_parameter(world: World) -> None:
    """`SET` takes no parameter bound by the server; the claim of an idempotency key bounds its wait with
    `set_config`, whose value is one: a create with a key succeeds and is replayed."""
    client = world.client("requester")
    body = world.permit_body()
    first = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k-prepared-1")
    again = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k-prepared-1")
    assert first.status_code == 201 and again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == first.json()["id"]
