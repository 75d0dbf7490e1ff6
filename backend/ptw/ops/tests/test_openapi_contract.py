"""The published schema documents every operation's errors in the one envelope, and the file media types."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    loaded: dict[str, Any] = yaml.safe_load(response.content)
    return loaded


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def error_schema(schema: dict[str, Any], response: dict[str, Any]) -> str:
    resolved = schema["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return str(resolved["content"]["application/json"]["schema"]["$ref"])


def test_the_envelope_is_one_component(schema: dict[str, Any]) -> None:
    body = schema["components"]["schemas"]["ErrorBody"]
    assert set(body["required"]) == {"code", "message", "request_id"}
    assert {"fields", "missing"} <= set(body["properties"])
    assert schema["components"]["schemas"]["ErrorEnvelope"]["properties"]["error"] == {
        "$ref": "#/components/schemas/ErrorBody"
    }


def test_every_operation_documents_its_errors_in_the_envelope(schema: dict[str, Any]) -> None:
    for method, path, operation in operations(schema):
        responses = operation["responses"]
        errors = {status: r for status, r in responses.items() if int(status) >= 400}
        assert "503" in errors, (method, path)
        for response in errors.values():
            if "$ref" in response:
                assert error_schema(schema, response) == "#/components/schemas/ErrorEnvelope", (method, path)
        if {} not in operation.get("security", [{}]):
            assert {"401", "403"} <= set(errors), (method, path)
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            assert "404" in errors, (method, path)
        if method in {"post", "put", "patch"}:
            assert {"400", "413", "415"} <= set(errors), (method, path)
        if method in {"put", "patch"}:
            assert {"409", "428"} <= set(errors), (method, path)
        if method == "post" and path != "/api/v1/auth/login/":
            assert {"409", "422"} <= set(errors), (method, path)
    login = schema["paths"]["/api/v1/auth/login/"]["post"]["responses"]
    assert "Retry-After" in schema["components"]["responses"]["TooManyRequests"]["headers"]
    assert "429" in login


@pytest.mark.parametrize(
    ("path", "media_types"),
    [
        ("/api/v1/ptw/permits/export/", {"text/csv", XLSX}),
        ("/api/v1/ptw/permits/reports_summary/", {"application/json", "text/csv", XLSX}),
        ("/api/v1/ptw/permits/{permit_id}/document/", {"application/pdf"}),
        ("/api/v1/ptw/permits/{permit_id}/qr/", {"image/svg+xml", "image/png"}),
    ],
)
def test_files_are_documented_with_their_media_types(schema: dict[str, Any], path: str, media_types: set[str]) -> None:
    assert set(schema["paths"][path]["get"]["responses"]["200"]["content"]) == media_types
