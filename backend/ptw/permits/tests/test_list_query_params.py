"""Every list, report and export refuses a malformed query value with 400 naming the parameter."""

from __future__ import annotations

from typing import Any

import pytest

from ptw.permits.tests.conftest import URL, World

PAGINATED = (
    "/api/v1/ptw/permits/",
    "/api/v1/ptw/tasks/",
    "/api/v1/ptw/isolations/?project={project}&",
    "/api/v1/ptw/permits/{permit}/events/",
    "/api/v1/ptw/permits/{permit}/gas-tests/",
    "/api/v1/ptw/permits/{permit}/workers/",
    "/api/v1/ptw/webhooks/{endpoint}/deliveries/",
    "/api/v1/ptw/permits/reports_exceptions/?kind=expiring_soon&",
)
# "²" and "٣" pass `str.isdigit`; thousands of digits are more than `int` reads.
MALFORMED_NUMBERS = ("x", "0", "1.5", "²", "9" * 5000)
PROJECT_SCOPED = (
    "/api/v1/ptw/isolations/",
    "/api/v1/ptw/isolation-points/",
    "/api/v1/ptw/permit-types/",
    "/api/v1/ptw/webhooks/",
)


@pytest.fixture
def ids(world: World, settings: Any) -> dict[str, int]:
    settings.PTW_WEBHOOKS_ALLOW_PRIVATE = True
    permit = world.create()
    body = {"project": world.acme.project.id, "url": "http://127.0.0.1:9/hook", "events": ["permit.submitted"]}
    endpoint = world.client("admin").post("/api/v1/ptw/webhooks/", body, format="json")
    assert endpoint.status_code == 201, endpoint.json()
    return {"project": world.acme.project.id, "permit": permit["id"], "endpoint": endpoint.json()["id"]}


def refused(response: Any, parameter: str) -> None:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert parameter in error["fields"], error


def url_with(path: str, ids: dict[str, int], query: str) -> str:
    path = path.format(**ids)
    return f"{path}{query}" if path.endswith("&") else f"{path}?{query}"


@pytest.mark.parametrize("path", PAGINATED)
@pytest.mark.parametrize("parameter", ["page", "page_size"])
@pytest.mark.parametrize("value", MALFORMED_NUMBERS)
def test_malformed_page_is_400(world: World, ids: dict[str, int], path: str, parameter: str, value: str) -> None:
    refused(world.client("admin").get(url_with(path, ids, f"{parameter}={value}")), parameter)


@pytest.mark.parametrize("path", PAGINATED)
def test_page_past_the_last_is_404_and_a_good_page_200(world: World, ids: dict[str, int], path: str) -> None:
    client = world.client("admin")
    assert client.get(url_with(path, ids, "page=1&page_size=100")).status_code == 200
    response = client.get(url_with(path, ids, "page=999"))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("path", PROJECT_SCOPED)
@pytest.mark.parametrize("value", ["x", "0", "²", "٣", "9" * 5000])
def test_malformed_project_is_400(world: World, ids: dict[str, int], path: str, value: str) -> None:
    refused(world.client("admin").get(f"{path}?project={value}"), "project")


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("mine=x", "mine"),
        ("status=nonsense", "status"),
        ("ordering=nonsense", "ordering"),
        ("created_from=x", "created_from"),
        ("starts_to=2026-13-01", "starts_to"),
        ("risk_level=x", "risk_level"),
        ("priority=x", "priority"),
        ("requester=x", "requester"),
    ],
)
@pytest.mark.parametrize("path", [URL, f"{URL}export/?format=csv&"])
def test_malformed_permit_filter_is_400(world: World, path: str, query: str, parameter: str) -> None:
    refused(world.client("requester").get(f"{path}{query}" if path.endswith("&") else f"{path}?{query}"), parameter)


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        (f"{URL}export/?format=x", "format"),
        (f"{URL}reports_summary/?format=x", "format"),
        (f"{URL}reports_summary/?date_from=x", "date_from"),
        (f"{URL}reports_summary/?date_to=2026-02-30", "date_to"),
        (f"{URL}reports_exceptions/?kind=x", "kind"),
        (f"{URL}reports_exceptions/?kind=expiring_soon&date_from=x", "date_from"),
        (f"{URL}{{permit}}/qr/?format=x", "format"),
        ("/api/v1/projects/{project}/candidates/?capability=x", "capability"),
    ],
)
def test_malformed_report_or_file_parameter_is_400(
    world: World, ids: dict[str, int], path: str, parameter: str
) -> None:
    refused(world.client("admin").get(path.format(**ids)), parameter)
