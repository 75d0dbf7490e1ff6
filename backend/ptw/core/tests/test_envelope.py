"""Errors leave in the one envelope; every response carries a request id."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def assert_envelope(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert error["request_id"] == response["X-Request-ID"]
    assert "Traceback" not in response.content.decode()
    return error


@pytest.mark.parametrize("debug", [False, True], ids=["production", "development"])
@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing/", "/api/v1/ptw/no-such-thing/1/", "/api/v2/health/", "/api/nope"]
)
def test_unknown_api_path_is_404_in_the_envelope(
    api: APIClient, settings: Any, debug: bool, method: str, path: str
) -> None:
    settings.DEBUG = debug
    assert_envelope(api.generic(method, path), 404, "not_found")


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_unknown_api_path_written_with_a_session_is_404_in_the_envelope(method: str) -> None:
    # A browser session's cookies and no CSRF token: the envelope still, not Django's HTML 403 page.
    client = APIClient(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "x" * 32
    assert_envelope(client.generic(method, "/api/v1/ptw/permits/1/workers/false/sign-on/"), 404, "not_found")


@pytest.mark.parametrize("debug", [False, True], ids=["production", "development"])
def test_wrong_method_is_405_in_the_envelope_with_allow(api: APIClient, settings: Any, debug: bool) -> None:
    settings.DEBUG = debug
    response = api.post("/api/v1/health/", {}, format="json")
    assert_envelope(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]
    response = api.put("/api/v1/auth/login/", {}, format="json")
    assert_envelope(response, 405, "method_not_allowed")
    assert response["Allow"] == "POST, OPTIONS"


@pytest.mark.parametrize("debug", [False, True], ids=["production", "development"])
def test_write_without_the_trailing_slash_is_404_naming_the_path(api: APIClient, settings: Any, debug: bool) -> None:
    # Django cannot redirect a POST without losing its body (in development it raises instead).
    settings.DEBUG = debug
    error = assert_envelope(api.post("/api/v1/auth/login", {}, format="json"), 404, "not_found")
    assert "/api/v1/auth/login/" in error["message"]


def test_read_without_the_trailing_slash_still_redirects(api: APIClient) -> None:
    response = api.get("/api/v1/health?probe=1")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/health/?probe=1"


def test_paths_outside_the_api_still_serve_the_ui(api: APIClient, settings: Any, tmp_path: Any) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>PTW</title>")
    settings.UI_DIST_DIR = tmp_path
    for path in ("/", "/permits/12", "/apiary"):
        response = api.get(path)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")


def test_malformed_json_is_400_in_the_envelope(api: APIClient) -> None:
    response = api.generic("POST", "/api/v1/health/", "{not json", content_type="application/json")
    # The method check comes first: a health endpoint takes no body at all.
    assert_envelope(response, 405, "method_not_allowed")


def test_incoming_request_id_is_echoed_and_logged(api: APIClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = api.get("/api/v1/no-such-thing/", HTTP_X_REQUEST_ID="trace-abc.123")
    assert response["X-Request-ID"] == "trace-abc.123"
    assert response.json()["error"]["request_id"] == "trace-abc.123"
    assert any(getattr(record, "request_id", None) == "trace-abc.123" for record in caplog.records)


def test_malformed_request_id_is_replaced(api: APIClient) -> None:
    response = api.get("/api/v1/health/", HTTP_X_REQUEST_ID="bad id with spaces <script>")
    assert response["X-Request-ID"] != "bad id with spaces <script>"
    assert len(response["X-Request-ID"]) == 32


def test_schema_and_docs_are_served(api: APIClient) -> None:
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/health/ready/" in schema.json()["paths"]
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"cdn.jsdelivr" not in docs.content
