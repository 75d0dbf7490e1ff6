"""On PostgreSQL the reads by a key that every request makes run prepared (decision 0028): bound by the server, so
the read of another permit is the same statement, prepared once for the connection; every other read is bound in
the client and planned for its values."""

from __future__ import annotations

import pytest
from django.db import connection
from rest_framework.test import APIClient

from ptw.accounts.services.tokens import token_create
from ptw.permits.tests.conftest import URL, World

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"),
]


def _prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_the_read_of_a_permit_is_one_prepared_statement_whatever_the_permit(world: World) -> None:
    permits = [world.create()["id"] for _ in range(4)]
    client = world.client("requester")

    for permit_id in permits:
        assert client.get(f"{URL}{permit_id}/").status_code == 200

    reads = [sql for sql in _prepared() if 'FROM "permits_permit" INNER JOIN "accounts_project"' in sql]
    assert len(reads) == 1
    # Bound by the server: the permit's id is a parameter, not written into the statement.
    assert '"permits_permit"."id" = $' in reads[0]


def test_a_token_s_read_is_prepared_and_a_search_is_not(world: World) -> None:
    world.create()
    _token, secret = token_create(user=world["requester"], name="field tablet")
    bearer = APIClient(HTTP_AUTHORIZATION=f"Bearer {secret}")

    for _ in range(6):
        assert bearer.get(f"{URL}?search=gasket").status_code == 200

    prepared = _prepared()
    assert any('FROM "accounts_apitoken"' in sql for sql in prepared)
    # A search's best plan depends on its words: it is planned for them on every request, never kept.
    assert not any("LIKE" in sql for sql in prepared)


def test_a_lock_wait_bounded_for_a_transaction_is_set_by_a_bound_parameter(world: World) -> None:
    """`SET` takes no parameter bound by the server; the claim of an idempotency key bounds its wait with
    `set_config`, which does either way: a create with a key succeeds and is replayed."""
    client = world.client("requester")
    body = world.permit_body()
    first = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k-prepared-1")
    again = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k-prepared-1")
    assert first.status_code == 201 and again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == first.json()["id"]
