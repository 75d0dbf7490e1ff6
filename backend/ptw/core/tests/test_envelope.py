"""Errors leave in the one envelope; every response carries a request id."""

from __future__ import annotations

import logging

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


def test_unknown_api_path_is_404_in_the_envelope(api: APIClient) -> None:
    assert_envelope(api.get("/api/v1/no-such-thing/"), 404, "not_found")


def test_wrong_method_is_405_in_the_envelope(api: APIClient) -> None:
    assert_envelope(api.post("/api/v1/health/", {}, format="json"), 405, "method_not_allowed")


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
