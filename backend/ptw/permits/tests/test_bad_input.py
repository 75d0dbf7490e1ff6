"""Bad input to the permits API: 400 in the one envelope naming the field, and nothing changes.

Also the optimistic-concurrency rules of PATCH (428, 409 with the current representation,
409 not_editable) and the `edit` event a good PATCH writes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from ptw.core.models import OutboxMessage
from ptw.permits.models import Permit, PermitCounter, PermitEvent, PermitTask
from ptw.permits.tests.conftest import URL, World

BIG = "x" * 100_000
Body = Callable[[World], dict[str, Any]]


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content[:2000]
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str)
    assert error["message"]
    assert error["request_id"] == response["X-Request-ID"]
    text = response.content.decode()
    assert "Traceback" not in text
    assert BIG not in text
    return error


def assert_field_error(response: Any, field: str, code: str = "invalid", status: int = 400) -> dict[str, Any]:
    error = assert_error(response, status, code)
    assert field in error.get("fields", {}), error
    assert all(isinstance(msg, str) and msg for msg in error["fields"][field])
    return error


def state(permit_id: int | None = None) -> dict[str, Any]:
    """Everything a refused request must leave as it was."""
    snap: dict[str, Any] = {
        "permits": Permit.objects.count(),
        "events": PermitEvent.objects.count(),
        "outbox": OutboxMessage.objects.count(),
        "tasks": PermitTask.objects.count(),
        "counters": list(PermitCounter.objects.order_by("id").values_list("project_id", "year", "last")),
    }
    if permit_id is not None:
        snap["permit"] = Permit.objects.filter(pk=permit_id).values().get()
    return snap


def window(start_in: timedelta, length: timedelta) -> dict[str, str]:
    start = timezone.now() + start_in
    return {"planned_start": start.isoformat(), "planned_end": (start + length).isoformat()}


def body(code: str = "general", **overrides: Any) -> Body:
    return lambda w: w.permit_body(code, **overrides)


def body_with(extra: Callable[[World], dict[str, Any]], code: str = "general") -> Body:
    return lambda w: w.permit_body(code, **extra(w))


def without(field: str) -> Body:
    return lambda w: {k: v for k, v in w.permit_body().items() if k != field}


# --- POST /permits/ ------------------------------------------------------------------------------

WRONG_TYPES = [
    pytest.param(body(title=["Replace gasket"]), "title", id="title-list"),
    pytest.param(body(title={"text": "Replace gasket"}), "title", id="title-object"),
    pytest.param(body(title=None), "title", id="title-null"),
    pytest.param(body(title=""), "title", id="title-blank"),
    pytest.param(body(title="   "), "title", id="title-whitespace"),
    pytest.param(body(description=["a", "b"]), "description", id="description-list"),
    pytest.param(body(location=None), "location", id="location-null"),
    pytest.param(body(planned_start="tomorrow"), "planned_start", id="start-word"),
    pytest.param(body(planned_end="next week"), "planned_end", id="end-word"),
    pytest.param(body(planned_start=1_900_000_000), "planned_start", id="start-epoch-number"),
    pytest.param(body(planned_start="2030-02-30T10:00:00Z"), "planned_start", id="start-impossible-date"),
    pytest.param(body(probability="high"), "probability", id="probability-word"),
    pytest.param(body(probability=0), "probability", id="probability-0"),
    pytest.param(body(probability=6), "probability", id="probability-6"),
    pytest.param(body(probability=2.5), "probability", id="probability-fraction"),
    pytest.param(body(probability=True), "probability", id="probability-bool"),
    pytest.param(body(severity=[3]), "severity", id="severity-list"),
    pytest.param(body(severity=0), "severity", id="severity-0"),
    pytest.param(body(severity=6), "severity", id="severity-6"),
    pytest.param(body(severity="x"), "severity", id="severity-word"),
    pytest.param(body(severity=2.5), "severity", id="severity-fraction"),
    pytest.param(body(priority="asap"), "priority", id="priority-unknown"),
    pytest.param(body(work_nature="evening"), "work_nature", id="work-nature-unknown"),
    pytest.param(body(ppe="Safety helmet"), "ppe", id="ppe-string"),
    pytest.param(body(ppe=[{"item": "helmet"}]), "ppe", id="ppe-objects"),
    pytest.param(body(ppe=["x"] * 51), "ppe", id="ppe-too-many"),
    pytest.param(body(ppe=["x" * 201]), "ppe", id="ppe-item-too-long"),
    pytest.param(body(checklist={"area_inspected": "maybe"}), "checklist", id="checklist-value-word"),
    pytest.param(body(checklist={"area_inspected": "done"}), "checklist", id="checklist-value-done"),
    pytest.param(body(checklist={"area_inspected": None}), "checklist", id="checklist-value-null"),
    pytest.param(body(checklist=["area_inspected"]), "checklist", id="checklist-list"),
    pytest.param(body(parameters=["equipment_tag"]), "parameters", id="parameters-list"),
    pytest.param(body(latitude=91), "latitude", id="latitude-out-of-range"),
    pytest.param(body(longitude="east"), "longitude", id="longitude-word"),
    pytest.param(body(verifier_id="vera"), "verifier_id", id="verifier-id-word"),
    pytest.param(body(project="north"), "project", id="project-word"),
    pytest.param(body(project=0), "project", id="project-zero"),
    pytest.param(body(permit_type=[1]), "permit_type", id="permit-type-list"),
]

# The free-text location may be left out: a location node may say where instead (submitting needs one of them).
MISSING = [
    pytest.param(without(name), name, id=f"missing-{name}")
    for name in ("project", "permit_type", "title", "description", "planned_start", "planned_end")
]

TOO_LONG = [
    pytest.param(body(**{name: BIG}), name, id=f"100kB-{name}")
    for name in (
        "title",
        "description",
        "hazards",
        "control_measures",
        "location",
        "special_instructions",
        "work_order",
    )
] + [pytest.param(body(parameters={"equipment_tag": BIG}), "parameters", id="100kB-template-text")]

BAD_WINDOW = [
    pytest.param(body(**window(timedelta(hours=1), timedelta(0))), "planned_end", id="end-equals-start"),
    pytest.param(body(**window(timedelta(hours=1), -timedelta(minutes=1))), "planned_end", id="end-before-start"),
    pytest.param(body(**window(timedelta(hours=1), -timedelta(days=3))), "planned_end", id="end-days-before-start"),
]

BAD_REFERENCES = [
    pytest.param(body(project=999_999), "project", id="unknown-project"),
    pytest.param(body_with(lambda w: {"project": w.globex.project.id}), "project", id="foreign-project"),
    pytest.param(body(permit_type=999_999), "permit_type", id="unknown-permit-type"),
    pytest.param(
        body_with(lambda w: {"permit_type": w.ptype("general", w.globex).id}), "permit_type", id="foreign-permit-type"
    ),
    pytest.param(body(checklist={"area_inspected": True, "free_beer": True}), "checklist", id="unknown-checklist-key"),
    pytest.param(
        body_with(lambda w: {"checklist": {"combustibles_removed": True}}), "checklist", id="other-types-checklist-key"
    ),
    pytest.param(body(parameters={"colour": "red"}), "parameters", id="unknown-template-parameter"),
    pytest.param(
        body("hot-work", parameters={"hot_work_kind": "Soldering", "fire_watcher": "Sam"}),
        "parameters",
        id="select-value-not-in-options",
    ),
    pytest.param(
        body("hot-work", parameters={"hot_work_kind": "welding", "fire_watcher": "Sam"}),
        "parameters",
        id="select-value-wrong-case",
    ),
    pytest.param(body("work-at-height", parameters={"height_m": "ten"}), "parameters", id="number-param-word"),
    pytest.param(body("work-at-height", parameters={"height_m": True}), "parameters", id="number-param-bool"),
    pytest.param(
        body("lifting", parameters={"load_t": 2, "critical_lift": "yes"}), "parameters", id="boolean-param-word"
    ),
    pytest.param(body("excavation", parameters={"depth_m": [1]}), "parameters", id="number-param-list"),
    pytest.param(body(parameters={"equipment_tag": 42}), "parameters", id="text-param-number"),
]

BAD_VERIFIER = [
    pytest.param(body_with(lambda w: {"verifier_id": w["issuer"].id}), "verifier_id", id="verifier-is-issuer"),
    pytest.param(body_with(lambda w: {"verifier_id": w["viewer"].id}), "verifier_id", id="verifier-is-viewer"),
    pytest.param(body_with(lambda w: {"verifier_id": w["admin"].id}), "verifier_id", id="verifier-is-admin"),
    pytest.param(
        body_with(lambda w: {"verifier_id": w.globex.people["verifier"].id}), "verifier_id", id="verifier-other-tenant"
    ),
    pytest.param(body(verifier_id=999_999), "verifier_id", id="verifier-unknown"),
]

UNKNOWN_FIELDS = [
    pytest.param(body(colour="red"), "colour", id="unknown-colour"),
    pytest.param(body(tenant=1), "tenant", id="unknown-tenant"),
    pytest.param(body(workers=[1, 2]), "workers", id="unknown-workers"),
    pytest.param(body(Title="Caps"), "Title", id="unknown-case-variant"),
]


@pytest.mark.parametrize(
    ("make", "field"), WRONG_TYPES + MISSING + TOO_LONG + BAD_WINDOW + BAD_REFERENCES + BAD_VERIFIER + UNKNOWN_FIELDS
)
def test_create_bad_input_is_400_and_creates_nothing(world: World, make: Body, field: str) -> None:
    world.create()
    before = state()
    response = world.client("requester").post(URL, make(world), format="json")
    assert_field_error(response, field)
    assert state() == before


READ_ONLY_ON_CREATE = [
    ("status", "approved"),
    ("permit_number", "PTW-2030-000001"),
    ("version", 7),
    ("requester", 1),
    ("verifier", 1),
    ("issuer", 1),
    ("created_at", "2030-01-01T00:00:00Z"),
    ("updated_at", "2030-01-01T00:00:00Z"),
    ("risk_score", 25),
    ("risk_level", "low"),
    ("actual_start", "2030-01-01T00:00:00Z"),
    ("approved_at", "2030-01-01T00:00:00Z"),
    ("id", 1),
    ("allowed_actions", ["approve"]),
]


@pytest.mark.parametrize(("field", "value"), READ_ONLY_ON_CREATE, ids=[f for f, _ in READ_ONLY_ON_CREATE])
def test_create_read_only_field_is_400_read_only_field(world: World, field: str, value: Any) -> None:
    before = state()
    response = world.client("requester").post(URL, world.permit_body(**{field: value}), format="json")
    error = assert_field_error(response, field, code="read_only_field")
    assert set(error["fields"]) == {field}
    assert state() == before


def test_create_names_every_read_only_field(world: World) -> None:
    before = state()
    payload = world.permit_body(status="active", issuer=world["issuer"].id, requester=world["admin"].id)
    error = assert_error(world.client("requester").post(URL, payload, format="json"), 400, "read_only_field")
    assert set(error["fields"]) == {"status", "issuer", "requester"}
    assert state() == before


@pytest.mark.parametrize("field", ["title", "description", "location"])
def test_create_number_for_text_field_is_400(world: World, field: str) -> None:
    before = state()
    response = world.client("requester").post(URL, world.permit_body(**{field: 12345}), format="json")
    assert_field_error(response, field)
    assert state() == before


def test_create_verifier_naming_self_is_400(world: World) -> None:
    before = state()
    payload = world.permit_body(verifier_id=world["verifier"].id)
    assert_field_error(world.client("verifier").post(URL, payload, format="json"), "verifier_id")
    assert state() == before


def test_foreign_and_unknown_project_look_the_same(world: World) -> None:
    client = world.client("requester")
    unknown = client.post(URL, world.permit_body(project=999_999), format="json").json()["error"]
    foreign = client.post(URL, world.permit_body(project=world.globex.project.id), format="json").json()["error"]
    assert unknown["fields"] == foreign["fields"]
    assert str(world.globex.project.id) not in str(foreign["fields"])


@pytest.mark.parametrize(
    ("raw", "content_type"),
    [
        ('{"title": "unterminated', "application/json"),
        ("title=Replace+gasket", "application/json"),
        ("{'title': 'single quotes'}", "application/json"),
        ('{"title": "x",}', "application/json"),
    ],
    ids=["unterminated", "form-encoded-as-json", "single-quotes", "trailing-comma"],
)
def test_create_non_json_body_is_400_invalid_json(world: World, raw: str, content_type: str) -> None:
    before = state()
    response = world.client("requester").generic("POST", URL, raw, content_type=content_type)
    error = assert_error(response, 400, "invalid_json")
    assert "fields" not in error
    assert state() == before


def test_create_with_another_media_type_is_415(world: World) -> None:
    before = state()
    response = world.client("requester").generic(
        "POST", URL, "title=x", content_type="application/x-www-form-urlencoded"
    )
    assert_error(response, 415, "unsupported_media_type")
    assert state() == before


@pytest.mark.parametrize("raw", ["[1, 2]", '"a string"', "42", "null", "true"])
def test_create_json_that_is_not_an_object_is_400(world: World, raw: str) -> None:
    before = state()
    response = world.client("requester").generic("POST", URL, raw, content_type="application/json")
    assert_error(response, 400, "invalid")
    assert state() == before


# --- PATCH /permits/{id}/ ------------------------------------------------------------------------


@pytest.fixture
def draft(world: World) -> dict[str, Any]:
    return world.create()


def patch(world: World, permit_id: int, data: Any, who: str = "requester", **headers: str) -> Any:
    return world.client(who).patch(f"{URL}{permit_id}/", data, format="json", **headers)


PATCH_BAD = [
    pytest.param(lambda w, p: {"title": ["x"]}, "title", id="title-list"),
    pytest.param(lambda w, p: {"title": ""}, "title", id="title-blank"),
    pytest.param(lambda w, p: {"title": BIG}, "title", id="100kB-title"),
    pytest.param(lambda w, p: {"description": BIG}, "description", id="100kB-description"),
    pytest.param(lambda w, p: {"hazards": BIG}, "hazards", id="100kB-hazards"),
    pytest.param(lambda w, p: {"planned_start": "tomorrow"}, "planned_start", id="start-word"),
    pytest.param(lambda w, p: {"probability": "high"}, "probability", id="probability-word"),
    pytest.param(lambda w, p: {"probability": 0}, "probability", id="probability-0"),
    pytest.param(lambda w, p: {"severity": 6}, "severity", id="severity-6"),
    pytest.param(lambda w, p: {"severity": 2.5}, "severity", id="severity-fraction"),
    pytest.param(lambda w, p: {"ppe": "Safety helmet"}, "ppe", id="ppe-string"),
    pytest.param(lambda w, p: {"checklist": {"area_inspected": "maybe"}}, "checklist", id="checklist-word"),
    pytest.param(lambda w, p: {"checklist": {"free_beer": True}}, "checklist", id="unknown-checklist-key"),
    pytest.param(lambda w, p: {"parameters": {"colour": "red"}}, "parameters", id="unknown-parameter"),
    pytest.param(lambda w, p: {"planned_end": p["planned_start"]}, "planned_end", id="end-equals-stored-start"),
    pytest.param(
        lambda w, p: {"planned_end": (datetime.fromisoformat(p["planned_start"]) - timedelta(hours=1)).isoformat()},
        "planned_end",
        id="end-before-stored-start",
    ),
    pytest.param(
        lambda w, p: {"planned_start": (datetime.fromisoformat(p["planned_end"]) + timedelta(hours=1)).isoformat()},
        "planned_end",
        id="start-after-stored-end",
    ),
    pytest.param(lambda w, p: window(timedelta(hours=2), -timedelta(hours=1)), "planned_end", id="both-reversed"),
    pytest.param(lambda w, p: {"verifier_id": w["issuer"].id}, "verifier_id", id="verifier-not-in-pool"),
    pytest.param(
        lambda w, p: {"verifier_id": w.globex.people["verifier"].id}, "verifier_id", id="verifier-other-tenant"
    ),
    pytest.param(lambda w, p: {"colour": "red"}, "colour", id="unknown-field"),
]


@pytest.mark.parametrize(("make", "field"), PATCH_BAD)
def test_patch_bad_input_is_400_and_changes_nothing(
    world: World, draft: dict[str, Any], make: Callable[[World, dict[str, Any]], dict[str, Any]], field: str
) -> None:
    before = state(draft["id"])
    response = patch(world, draft["id"], make(world, draft), HTTP_IF_MATCH='"1"')
    assert_field_error(response, field)
    assert state(draft["id"]) == before


PATCH_READ_ONLY = [
    ("status", "approved"),
    ("permit_number", "PTW-2030-000009"),
    ("requester", 1),
    ("verifier", 1),
    ("issuer", 1),
    ("created_at", "2030-01-01T00:00:00Z"),
    ("project", 1),
    ("permit_type", 1),
    ("risk_level", "low"),
]


@pytest.mark.parametrize(("field", "value"), PATCH_READ_ONLY, ids=[f for f, _ in PATCH_READ_ONLY])
def test_patch_read_only_field_is_400_read_only_field(
    world: World, draft: dict[str, Any], field: str, value: Any
) -> None:
    before = state(draft["id"])
    response = patch(world, draft["id"], {field: value, "title": "Sneaky"}, HTTP_IF_MATCH='"1"')
    error = assert_field_error(response, field, code="read_only_field")
    assert set(error["fields"]) == {field}
    assert state(draft["id"]) == before


def test_patch_malformed_json_is_400(world: World, draft: dict[str, Any]) -> None:
    before = state(draft["id"])
    response = world.client("requester").generic(
        "PATCH", f"{URL}{draft['id']}/", '{"title": ', content_type="application/json", HTTP_IF_MATCH='"1"'
    )
    assert_error(response, 400, "invalid_json")
    assert state(draft["id"]) == before


def test_patch_without_if_match_is_428(world: World, draft: dict[str, Any]) -> None:
    before = state(draft["id"])
    error = assert_error(patch(world, draft["id"], {"title": "New title"}), 428, "precondition_required")
    assert "fields" not in error
    assert state(draft["id"]) == before


@pytest.mark.parametrize(
    ("if_match", "status", "code"),
    [
        ("abc", 400, "invalid"),
        ('"one"', 400, "invalid"),
        ('"1.0"', 400, "invalid"),
        ('""', 428, "precondition_required"),
    ],
)
def test_patch_with_garbage_if_match_is_refused(
    world: World, draft: dict[str, Any], if_match: str, status: int, code: str
) -> None:
    before = state(draft["id"])
    error = assert_error(patch(world, draft["id"], {"title": "New title"}, HTTP_IF_MATCH=if_match), status, code)
    if status == 400:
        assert "If-Match" in error["fields"]
    assert state(draft["id"]) == before


@pytest.mark.parametrize("if_match", ['"2"', '"0"', 'W/"5"', "9"])
def test_patch_stale_if_match_is_409_with_current(world: World, draft: dict[str, Any], if_match: str) -> None:
    before = state(draft["id"])
    response = patch(world, draft["id"], {"title": "New title"}, HTTP_IF_MATCH=if_match)
    error = assert_error(response, 409, "version_conflict")
    current = world.client("requester").get(f"{URL}{draft['id']}/").json()
    assert error["current"] == current
    assert error["current"]["version"] == 1
    assert error["current"]["title"] == draft["title"]
    assert state(draft["id"]) == before


def test_patch_stale_version_in_body_is_409(world: World, draft: dict[str, Any]) -> None:
    before = state(draft["id"])
    error = assert_error(patch(world, draft["id"], {"title": "New title", "version": 3}), 409, "version_conflict")
    assert error["current"]["version"] == 1
    assert state(draft["id"]) == before


@pytest.mark.parametrize("status", ["submitted", "under_review", "approved", "active", "cancelled", "completed"])
def test_patch_of_a_permit_past_draft_is_409_not_editable(
    world: World, permit_in: Callable[[str], dict[str, Any]], status: str
) -> None:
    permit = permit_in(status)
    before = state(permit["id"])
    response = patch(world, permit["id"], {"title": "Late change"}, HTTP_IF_MATCH=f'"{permit["version"]}"')
    assert_error(response, 409, "not_editable")
    assert state(permit["id"]) == before


@pytest.mark.parametrize(("who", "status", "code"), [("verifier", 403, "forbidden"), ("outsider", 404, "not_found")])
def test_patch_by_someone_else_is_refused(
    world: World, draft: dict[str, Any], who: str, status: int, code: str
) -> None:
    before = state(draft["id"])
    assert_error(patch(world, draft["id"], {"title": "Not mine"}, who=who, HTTP_IF_MATCH='"1"'), status, code)
    assert state(draft["id"]) == before


def test_patch_bumps_version_and_records_changes(world: World, draft: dict[str, Any]) -> None:
    events_before = PermitEvent.objects.filter(permit_id=draft["id"]).count()
    response = patch(world, draft["id"], {"title": "Replace gasket, take two", "probability": 2}, HTTP_IF_MATCH='"1"')

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2
    assert response["ETag"] == '"2"'
    assert body["title"] == "Replace gasket, take two"
    assert (body["probability"], body["risk_score"], body["risk_level"]) == (2, 8, "medium")
    assert body["status"] == "draft"
    assert PermitEvent.objects.filter(permit_id=draft["id"]).count() == events_before + 1

    events = world.client("requester").get(f"{URL}{draft['id']}/events/").json()
    rows = events["results"] if isinstance(events, dict) else events
    edit = rows[-1]
    assert edit["action"] == "edit"
    assert edit["actor"]["id"] == world["requester"].id
    assert (edit["from_status"], edit["to_status"]) == ("draft", "draft")
    assert edit["changes"] == {
        "title": [draft["title"], "Replace gasket, take two"],
        "probability": [3, 2],
    }
    assert edit["prev_hash"] == rows[-2]["hash"]

    stale = patch(world, draft["id"], {"title": "Third"}, HTTP_IF_MATCH='"1"')
    assert_error(stale, 409, "version_conflict")
    assert Permit.objects.get(pk=draft["id"]).title == "Replace gasket, take two"


def test_patch_with_version_in_body_and_weak_etag(world: World, draft: dict[str, Any]) -> None:
    first = patch(world, draft["id"], {"location": "Unit 200", "version": 1})
    assert first.status_code == 200, first.content
    second = patch(world, draft["id"], {"location": "Unit 300"}, HTTP_IF_MATCH='W/"2"')
    assert second.status_code == 200, second.content
    assert second.json()["version"] == 3


def test_patch_of_a_rejected_permit_is_allowed(world: World, permit_in: Callable[[str], dict[str, Any]]) -> None:
    permit = permit_in("rejected")
    response = patch(world, permit["id"], {"hazards": "Updated hazards"}, HTTP_IF_MATCH=f'"{permit["version"]}"')
    assert response.status_code == 200, response.content
    assert response.json()["version"] == permit["version"] + 1
    assert response.json()["status"] == "rejected"


# --- POST /permits/{id}/<action>/ ----------------------------------------------------------------

ACTION_BAD = [
    pytest.param("draft", "submit", "requester", {"colour": "red"}, "colour", id="submit-unknown-field"),
    pytest.param("draft", "submit", "requester", {"status": "approved"}, "status", id="submit-status-field"),
    pytest.param("draft", "submit", "requester", {"comment": BIG}, "comment", id="submit-100kB-comment"),
    pytest.param("draft", "submit", "requester", {"comment": ["a"]}, "comment", id="submit-comment-list"),
    pytest.param(
        "draft", "submit", "requester", {"verifier_id": "issuer"}, "verifier_id", id="submit-verifier-id-word"
    ),
    pytest.param("submitted", "reject", "verifier", {}, "reason", id="reject-without-reason"),
    pytest.param("submitted", "reject", "verifier", {"reason": "   "}, "reason", id="reject-blank-reason"),
    pytest.param("submitted", "reject", "verifier", {"reason": BIG}, "reason", id="reject-100kB-reason"),
    pytest.param("approved", "cancel", "issuer", {"comment": "no reason"}, "reason", id="cancel-without-reason"),
    pytest.param("active", "suspend", "issuer", {}, "reason", id="suspend-without-reason"),
    pytest.param(
        "draft", "submit", "requester", {"signature": {"method": "stamp", "data": "R"}}, "signature", id="sign-method"
    ),
    pytest.param(
        "draft",
        "submit",
        "requester",
        {"signature": {"method": "typed", "data": "Somebody Else"}},
        "signature",
        id="sign-wrong-name",
    ),
    pytest.param("draft", "submit", "requester", {"signature": "Ravi Contractor"}, "signature", id="sign-string"),
    pytest.param(
        "draft",
        "submit",
        "requester",
        {"signature": {"method": "typed", "data": "Ravi Contractor", "at": "now"}},
        "signature",
        id="sign-unknown-key",
    ),
    pytest.param(
        "submitted",
        "verify",
        "verifier",
        {"signature": {"method": "drawn", "data": "data:image/png;base64," + "A" * 200_000}},
        "signature",
        id="sign-drawn-too-big",
    ),
]


@pytest.mark.parametrize(("status", "action", "who", "payload", "field"), ACTION_BAD)
def test_action_bad_input_is_400_and_changes_nothing(
    world: World,
    permit_in: Callable[[str], dict[str, Any]],
    status: str,
    action: str,
    who: str,
    payload: dict[str, Any],
    field: str,
) -> None:
    permit = permit_in(status)
    before = state(permit["id"])
    assert_field_error(world.act(permit["id"], action, who, **payload), field)
    assert state(permit["id"]) == before


@pytest.mark.parametrize(
    "verifier",
    [
        lambda w: w["issuer"].id,
        lambda w: w["viewer"].id,
        lambda w: w["requester"].id,
        lambda w: w.globex.people["verifier"].id,
        lambda w: 999_999,
    ],
    ids=["issuer", "viewer", "self", "other-tenant", "unknown"],
)
def test_submit_naming_a_verifier_outside_the_pool_is_400(
    world: World, draft: dict[str, Any], verifier: Callable[[World], int]
) -> None:
    before = state(draft["id"])
    assert_field_error(world.act(draft["id"], "submit", "requester", verifier_id=verifier(world)), "verifier_id")
    assert state(draft["id"]) == before


def test_action_with_malformed_json_is_400(world: World, draft: dict[str, Any]) -> None:
    before = state(draft["id"])
    response = world.client("requester").generic(
        "POST", f"{URL}{draft['id']}/submit/", "{comment: nope}", content_type="application/json"
    )
    assert_error(response, 400, "invalid_json")
    assert state(draft["id"]) == before


@pytest.mark.parametrize("method", ["post", "patch"])
def test_nul_character_in_a_template_parameter_is_400(world: World, draft: dict[str, Any], method: str) -> None:
    before = state(draft["id"])
    client = world.client("requester")
    parameters = {"parameters": {"equipment_tag": "P-101\x00A"}}
    if method == "post":
        response = client.post(URL, world.permit_body(**parameters), format="json")
    else:
        response = client.patch(f"{URL}{draft['id']}/", parameters, format="json", HTTP_IF_MATCH='"1"')
    assert_field_error(response, "parameters")
    assert state(draft["id"]) == before


@pytest.mark.parametrize("action", ["approve_all", "expire", "delete", "edit"])
def test_unknown_or_system_action_is_404(world: World, draft: dict[str, Any], action: str) -> None:
    before = state(draft["id"])
    assert_error(world.act(draft["id"], action, "requester"), 404, "not_found")
    assert state(draft["id"]) == before


# --- GET /permits/ query parameters --------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("page_size=abc", "page_size"),
        ("page_size=-1", "page_size"),
        ("page_size=1.5", "page_size"),
        ("page_size=", "page_size"),
        ("status=bogus", "status"),
        ("status=draft&status=nope", "status"),
        ("created_from=yesterday", "created_from"),
        ("starts_to=2030-13-01", "starts_to"),
        ("priority=asap", "priority"),
        ("risk_level=catastrophic", "risk_level"),
        ("mine=everything", "mine"),
        ("project=north", "project"),
        ("ordering=password", "ordering"),
    ],
)
def test_list_bad_query_is_400_naming_the_parameter(
    world: World, draft: dict[str, Any], query: str, field: str
) -> None:
    assert_field_error(world.client("requester").get(f"{URL}?{query}"), field)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("project", str(10**20)),
        ("requester", str(10**20)),
        ("verifier", str(10**20)),
        ("issuer", str(10**20)),
        ("permit_type", str(10**20)),
        ("project", "1.5"),
    ],
    ids=["project-huge", "requester-huge", "verifier-huge", "issuer-huge", "permit-type-huge", "project-fraction"],
)
def test_list_id_filter_out_of_range_is_400(world: World, draft: dict[str, Any], name: str, value: str) -> None:
    assert_field_error(world.client("requester").get(f"{URL}?{name}={value}"), name)


@pytest.mark.parametrize("size", ["1", "100"])
def test_list_page_size_bounds_are_accepted(world: World, draft: dict[str, Any], size: str) -> None:
    response = world.client("requester").get(f"{URL}?page_size={size}")
    assert response.status_code == 200
    assert response.json()["count"] == 1
