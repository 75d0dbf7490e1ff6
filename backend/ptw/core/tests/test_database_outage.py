"""A database that stops answering mid-request: 503 to retry, one warning line, and the next request gets through.

The outage is real: on PostgreSQL a second connection terminates the request's server process
(`pg_terminate_backend`); on SQLite a second connection holds the write lock past a short busy timeout
("database is locked", what a stuck writer or a full disk does to a single-file database).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from ptw.accounts.models import ApiToken
from ptw.accounts.testing import Site, site_build
from ptw.core.tests.test_envelope import assert_envelope

pytestmark = pytest.mark.django_db(transaction=True)

TOKENS = "/api/v1/auth/tokens/"
ME = "/api/v1/auth/me/"
HEALTH = "/api/v1/health/"


@contextmanager
def database_outage(starts_at: Callable[[str], bool]) -> Iterator[None]:
    """The database stops answering just before this thread's first statement that `starts_at` matches."""
    other = connections.create_connection("default")
    sqlite = connection.vendor == "sqlite"

    def cut() -> None:
        if sqlite:
            connection.cursor().execute("PRAGMA busy_timeout = 200")
            other.cursor().execute("BEGIN EXCLUSIVE")
        else:
            pid = connection.connection.info.backend_pid
            other.cursor().execute("SELECT pg_terminate_backend(%s)", [pid])

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if not cut_done and starts_at(sql):
            cut_done.append(True)
            cut()
        return execute(sql, params, many, context)

    cut_done: list[bool] = []
    try:
        with connection.execute_wrapper(wrapper):
            yield
        assert cut_done, "the request never reached the statement the outage waits for"
    finally:
        if sqlite and cut_done:
            other.cursor().execute("ROLLBACK")
            connection.cursor().execute("PRAGMA busy_timeout = 20000")
        other.close()


@pytest.fixture
def acme() -> Site:
    return site_build("Acme", "North Plant", "acme.example")


def assert_outage_answered(response: Any, caplog: pytest.LogCaptureFixture) -> None:
    assert_envelope(response, 503, "service_unavailable")
    assert response["Retry-After"] == "5"
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "Database unavailable" in warnings[0].getMessage()
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize("key", [None, "retry-after-outage"], ids=["plain", "idempotency-key"])
def test_outage_in_a_view_is_503_and_the_next_request_reconnects(
    acme: Site, caplog: pytest.LogCaptureFixture, key: str | None
) -> None:
    client = APIClient()
    client.force_authenticate(acme.people["requester"])
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    assert client.post(TOKENS, {"name": "before"}, format="json").status_code == 201

    with caplog.at_level(logging.INFO), database_outage(starts_at=lambda sql: True):
        response = client.post(TOKENS, {"name": "again"}, format="json", **headers)
    assert_outage_answered(response, caplog)

    # The retry (with the same Idempotency-Key, if any) does the work: nothing of the failed attempt remains.
    retry = client.post(TOKENS, {"name": "again"}, format="json", **headers)
    assert retry.status_code == 201
    assert "Idempotent-Replayed" not in retry
    assert sorted(ApiToken.objects.values_list("name", flat=True)) == ["again", "before"]


def test_outage_in_middleware_is_503_and_the_next_request_reconnects(
    acme: Site, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # The session is written after the view has answered, by Django's session middleware.
    settings.SESSION_SAVE_EVERY_REQUEST = True
    client = APIClient(raise_request_exception=False)
    client.force_login(acme.people["requester"])
    assert client.get(ME).status_code == 200

    def session_write(sql: str) -> bool:
        # SQLite takes its write lock at BEGIN; PostgreSQL's transaction starts with the UPDATE itself.
        return sql.startswith("BEGIN") or sql.startswith('UPDATE "django_session"')

    with caplog.at_level(logging.INFO), database_outage(starts_at=session_write):
        response = client.get(ME)
    assert_outage_answered(response, caplog)

    response = client.get(ME)
    assert response.status_code == 200
    assert response.json()["email"] == "requester@acme.example"


def test_outage_reading_the_session_in_middleware_is_503(
    acme: Site, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # The health endpoint reads no session itself: the middleware's save loads it, and that read fails
    # with the raw database error (Django's handler500 path, not the session's UpdateError).
    if connection.vendor == "sqlite":
        pytest.skip("SQLite in WAL mode serves reads under a held write lock: only writes can be cut there")
    settings.SESSION_SAVE_EVERY_REQUEST = True
    client = APIClient(raise_request_exception=False)
    client.force_login(acme.people["requester"])
    assert client.get(HEALTH).status_code == 200

    with caplog.at_level(logging.INFO), database_outage(starts_at=lambda sql: '"django_session"' in sql):
        response = client.get(HEALTH)
    assert_outage_answered(response, caplog)

    assert client.get(HEALTH).status_code == 200
