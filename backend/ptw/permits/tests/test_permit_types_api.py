"""Permit types: the seeded set per tenant, per-project overrides by project admins, tenant-wide
writes by tenant admins only, deletion refused while in use, and no crossing between tenants."""

from __future__ import annotations

from typing import Any

import pytest

from ptw.accounts.choices import Grade, MembershipRole
from ptw.accounts.models import Membership, Project, User
from ptw.permits.models import Permit, PermitEvent, PermitType, PermitTypeOverride
from ptw.permits.seed import SEED_TYPES
from ptw.permits.tests.conftest import URL, World

TYPES = "/api/v1/ptw/permit-types/"
API_FIELDS = {
    "id",
    "name",
    "category",
    "color",
    "risk_level",
    "max_validity_hours",
    "closing_mode",
    "max_extensions",
    "requires_gas_test",
    "requires_isolation",
    "requires_fire_watch",
    "requires_toolbox_talk",
    "min_workers",
    "gas_tests_required",
    "mandatory_ppe",
    "checklist",
    "closeout_checklist",
    "form_fields",
    "is_active",
}


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str)
    assert error["message"]
    assert error["request_id"] == response["X-Request-ID"]
    assert "Traceback" not in response.content.decode()
    return error


def types_state() -> dict[str, Any]:
    """Every permit type and override as stored: a refused write leaves this as it was."""
    return {
        "types": list(PermitType.objects.order_by("id").values()),
        "overrides": list(PermitTypeOverride.objects.order_by("id").values()),
    }


@pytest.fixture
def east(world: World) -> Project:
    """A second Acme project, where the North Plant admin is a plain member."""
    project = Project.objects.create(tenant=world.acme.tenant, name="East Yard", code="east-yard")
    for persona, role in (("requester", MembershipRole.MEMBER), ("admin", MembershipRole.MEMBER)):
        Membership.objects.create(user=world[persona], project=project, role=role)
    for persona in ("verifier", "issuer"):
        Membership.objects.create(user=world[persona], project=project, role=MembershipRole.MEMBER)
    return project


@pytest.fixture
def tenant_admin(world: World) -> User:
    return User.objects.create_user(
        "tenant-admin@acme.example",
        None,
        name="Tara Tenant-Admin",
        tenant=world.acme.tenant,
        company=world.acme.companies["client"],
        grade=Grade.C,
        is_tenant_admin=True,
    )


def type_url(world: World, code: str = "general", project: Project | None = None) -> str:
    url = f"{TYPES}{world.ptype(code).id}/"
    return f"{url}?project={project.id}" if project else url


def override(world: World, code: str, values: dict[str, Any], if_match: str = '"1"', who: str = "admin") -> Any:
    return world.client(who).patch(
        type_url(world, code, world.acme.project), values, format="json", HTTP_IF_MATCH=if_match
    )


# --- reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["requester", "viewer", "admin"])
def test_list_shows_the_seven_seeded_types(world: World, who: str) -> None:
    response = world.client(who).get(TYPES)
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 7
    assert {row["code"] for row in rows} == {spec["code"] for spec in SEED_TYPES}
    assert {row["id"] for row in rows} == set(
        PermitType.objects.filter(tenant=world.acme.tenant).values_list("id", flat=True)
    )
    for row in rows:
        assert set(row) >= API_FIELDS
        assert row["project"] is None
        assert row["overridden"] == []
        assert row["is_active"] is True
        for item in row["checklist"] + row["closeout_checklist"]:
            assert set(item) == {"key", "label", "required"}
        for field in row["form_fields"]:
            assert set(field) == {"key", "label", "type", "required", "options"}


@pytest.mark.parametrize("spec", SEED_TYPES, ids=[spec["code"] for spec in SEED_TYPES])
def test_seeded_values_are_served(world: World, spec: dict[str, Any]) -> None:
    row = world.client("requester").get(type_url(world, spec["code"])).json()
    for key, value in spec.items():
        assert row[key] == value, key


def test_each_tenant_sees_only_its_own_types(world: World) -> None:
    acme = {row["id"] for row in world.client("requester").get(TYPES).json()}
    globex = {row["id"] for row in world.client("outsider").get(TYPES).json()}
    assert len(acme) == len(globex) == 7
    assert not acme & globex


def test_detail_carries_etag(world: World) -> None:
    response = world.client("requester").get(type_url(world, "hot-work"))
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    assert response.json()["code"] == "hot-work"
    assert response.json()["max_validity_hours"] == 8


def test_project_view_without_overrides_equals_base(world: World) -> None:
    client = world.client("requester")
    base = {row["id"]: row for row in client.get(TYPES).json()}
    for row in client.get(f"{TYPES}?project={world.acme.project.id}").json():
        assert row["project"] == world.acme.project.id
        assert row["version"] == 1
        assert row["overridden"] == []
        assert {k: v for k, v in row.items() if k != "project"} == {
            k: v for k, v in base[row["id"]].items() if k != "project"
        }


@pytest.mark.parametrize(
    ("who", "query"),
    [("outsider", "acme"), ("requester", "globex"), ("requester", "unknown")],
)
def test_project_out_of_scope_is_404(world: World, who: str, query: str) -> None:
    project_id = {"acme": world.acme.project.id, "globex": world.globex.project.id, "unknown": 999_999}[query]
    assert_error(world.client(who).get(f"{TYPES}?project={project_id}"), 404, "not_found")


@pytest.mark.parametrize("query", ["abc", "-1", "1.5", ""])
def test_project_parameter_must_be_an_id(world: World, query: str) -> None:
    error = assert_error(world.client("requester").get(f"{TYPES}?project={query}"), 400, "invalid")
    assert "project" in error["fields"]


# --- per-project overrides -----------------------------------------------------------------------


def test_project_override_changes_the_effective_type_for_that_project_only(world: World, east: Project) -> None:
    before_base = PermitType.objects.filter(pk=world.ptype("general").id).values().get()

    response = override(world, "general", {"max_validity_hours": 4})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["max_validity_hours"] == 4
    assert body["project"] == world.acme.project.id
    assert body["overridden"] == ["max_validity_hours"]
    assert body["version"] == 2
    assert response["ETag"] == '"2"'

    client = world.client("requester")
    north = {r["code"]: r for r in client.get(f"{TYPES}?project={world.acme.project.id}").json()}
    assert north["general"]["max_validity_hours"] == 4
    assert north["hot-work"]["max_validity_hours"] == 8
    detail = client.get(type_url(world, "general", world.acme.project))
    assert (detail.json()["max_validity_hours"], detail["ETag"]) == (4, '"2"')
    assert client.get(type_url(world, "general", east)).json()["max_validity_hours"] == 12
    assert client.get(type_url(world, "general")).json()["max_validity_hours"] == 12
    assert PermitType.objects.filter(pk=world.ptype("general").id).values().get() == before_base
    assert (
        world.client("outsider").get(f"{TYPES}{world.ptype('general', world.globex).id}/").json()["max_validity_hours"]
        == 12
    )


def test_override_makes_a_long_permit_fail_submit_on_that_project(world: World, east: Project) -> None:
    assert override(world, "general", {"max_validity_hours": 4}).status_code == 200

    permit = world.create()  # a 6.5 h window on North Plant
    events = PermitEvent.objects.filter(permit_id=permit["id"]).count()
    error = assert_error(world.act(permit["id"], "submit", "requester"), 422, "guard_failed")
    assert "max_validity_exceeded" in [m["code"] for m in error["missing"]]
    assert all(set(m) >= {"code", "message"} for m in error["missing"])
    stored = Permit.objects.get(pk=permit["id"])
    assert (stored.status, stored.version) == ("draft", 1)
    assert PermitEvent.objects.filter(permit_id=permit["id"]).count() == events

    readiness = world.client("requester").get(f"{URL}{permit['id']}/readiness/").json()
    assert "max_validity_exceeded" in [m["code"] for m in readiness["actions"]["submit"]["missing"]]

    elsewhere = world.create(project=east.id)
    assert world.act(elsewhere["id"], "submit", "requester").status_code == 200


def test_overrides_accumulate_and_need_the_override_version(world: World) -> None:
    assert override(world, "general", {"max_validity_hours": 4}).status_code == 200
    second = override(world, "general", {"requires_gas_test": True, "color": "#00ff00"}, if_match='"2"')
    assert second.status_code == 200, second.content
    body = second.json()
    assert (body["max_validity_hours"], body["requires_gas_test"], body["color"]) == (4, True, "#00ff00")
    assert body["overridden"] == ["color", "max_validity_hours", "requires_gas_test"]
    assert body["version"] == 3

    before = types_state()
    stale = override(world, "general", {"max_validity_hours": 6}, if_match='"2"')
    error = assert_error(stale, 409, "version_conflict")
    assert error["current"]["version"] == 3
    assert error["current"]["max_validity_hours"] == 4
    assert types_state() == before


def test_override_with_version_in_body(world: World) -> None:
    response = world.client("admin").patch(
        type_url(world, "general", world.acme.project), {"max_extensions": 0, "version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["max_extensions"] == 0


def test_override_without_if_match_is_428(world: World) -> None:
    before = types_state()
    response = world.client("admin").patch(
        type_url(world, "general", world.acme.project), {"max_validity_hours": 4}, format="json"
    )
    assert_error(response, 428, "precondition_required")
    assert types_state() == before


@pytest.mark.parametrize("if_match", ['"2"', '"0"', '"9"'])
def test_override_with_stale_version_is_409(world: World, if_match: str) -> None:
    before = types_state()
    error = assert_error(
        override(world, "general", {"max_validity_hours": 4}, if_match=if_match), 409, "version_conflict"
    )
    assert error["current"]["version"] == 1
    assert error["current"]["max_validity_hours"] == 12
    assert error["current"]["project"] == world.acme.project.id
    assert types_state() == before


@pytest.mark.parametrize("who", ["requester", "verifier", "issuer", "viewer"])
def test_plain_member_cannot_override(world: World, who: str) -> None:
    before = types_state()
    assert_error(override(world, "general", {"max_validity_hours": 4}, who=who), 403, "forbidden")
    assert types_state() == before


def test_admin_of_another_project_cannot_override_here(world: World, east: Project) -> None:
    before = types_state()
    response = world.client("admin").patch(
        type_url(world, "general", east), {"max_validity_hours": 4}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert_error(response, 403, "forbidden")
    assert types_state() == before


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"code": "renamed"}, "code", "read_only_field"),
        ({"created_at": "2030-01-01T00:00:00Z"}, "created_at", "read_only_field"),
        ({"id": 1}, "id", "read_only_field"),
        ({"name": "Cold work"}, "name", "invalid"),
        ({"category": "other"}, "category", "invalid"),
        ({"tenant": 2}, "tenant", "invalid"),
        ({"max_validity_hours": 0}, "max_validity_hours", "invalid"),
        ({"max_validity_hours": 24 * 14 + 1}, "max_validity_hours", "invalid"),
        ({"max_validity_hours": "four"}, "max_validity_hours", "invalid"),
        ({"closing_mode": "whenever"}, "closing_mode", "invalid"),
        ({"risk_level": "tiny"}, "risk_level", "invalid"),
        ({"color": "red"}, "color", "invalid"),
        ({"min_workers": -1}, "min_workers", "invalid"),
        ({"mandatory_ppe": "Helmet"}, "mandatory_ppe", "invalid"),
        (
            {"checklist": [{"key": "a", "label": "A"}, {"key": "a", "label": "Again"}]},
            "checklist",
            "invalid",
        ),
        ({"checklist": [{"key": "has space", "label": "A"}]}, "checklist", "invalid"),
        ({"checklist": [{"key": "a", "label": "A", "weight": 3}]}, "checklist", "invalid"),
        ({"form_fields": [{"key": "k", "label": "K", "type": "colour"}]}, "form_fields", "invalid"),
        ({"is_active": "perhaps"}, "is_active", "invalid"),
    ],
    ids=[
        "code",
        "created-at",
        "id",
        "name",
        "category",
        "unknown-field",
        "validity-zero",
        "validity-too-long",
        "validity-word",
        "closing-mode",
        "risk-level",
        "color",
        "min-workers-negative",
        "ppe-string",
        "checklist-duplicate-keys",
        "checklist-bad-key",
        "checklist-unknown-item-field",
        "unknown-field-type",
        "is-active-word",
    ],
)
def test_bad_override_is_400_and_changes_nothing(world: World, values: dict[str, Any], field: str, code: str) -> None:
    before = types_state()
    error = assert_error(override(world, "general", values), 400, code)
    assert field in error["fields"]
    assert types_state() == before


def scoped_patch(world: World, tenant_admin: User, scope: str, values: dict[str, Any]) -> Any:
    """PATCH the general type as a project override (project admin) or tenant-wide (tenant admin)."""
    if scope == "project":
        return override(world, "general", values)
    return world.client(tenant_admin).patch(type_url(world, "general"), values, format="json", HTTP_IF_MATCH='"1"')


@pytest.mark.parametrize("scope", ["project", "tenant"])
@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"checklist": [{"label": "No key", "required": True}]}, "checklist"),
        ({"form_fields": [{"key": "k", "label": "No type", "required": False, "options": []}]}, "form_fields"),
        ({"form_fields": [{"key": "k", "label": "K", "type": "select", "required": True}]}, "form_fields"),
    ],
    ids=["checklist-without-key", "field-without-type", "select-without-options"],
)
def test_patch_with_incomplete_nested_item_is_400(
    world: World, tenant_admin: User, scope: str, values: dict[str, Any], field: str
) -> None:
    before = types_state()
    error = assert_error(scoped_patch(world, tenant_admin, scope, values), 400, "invalid")
    assert field in error["fields"]
    assert types_state() == before


@pytest.mark.parametrize("scope", ["project", "tenant"])
@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"checklist": [{"key": "gate_locked", "label": "Gate locked"}]},
            {"checklist": [{"key": "gate_locked", "label": "Gate locked", "required": True}]},
        ),
        (
            {"form_fields": [{"key": "crew", "label": "Crew", "type": "text"}]},
            {"form_fields": [{"key": "crew", "label": "Crew", "type": "text", "required": False, "options": []}]},
        ),
    ],
    ids=["checklist-item-default-required", "form-field-defaults"],
)
def test_patch_applies_nested_item_defaults(
    world: World, tenant_admin: User, scope: str, values: dict[str, Any], expected: dict[str, Any]
) -> None:
    response = scoped_patch(world, tenant_admin, scope, values)
    assert response.status_code == 200, response.content
    [(key, items)] = expected.items()
    assert response.json()[key] == items
    assert world.client("requester").get(type_url(world, "general", world.acme.project)).json()[key] == items


# --- tenant-wide writes --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "requester", "viewer"])
def test_tenant_wide_patch_needs_a_tenant_admin(world: World, who: str) -> None:
    before = types_state()
    response = world.client(who).patch(
        type_url(world, "general"), {"max_validity_hours": 4}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert_error(response, 403, "forbidden")
    assert types_state() == before


def test_tenant_admin_patches_the_type_everywhere(world: World, tenant_admin: User, east: Project) -> None:
    client = world.client(tenant_admin)
    response = client.patch(
        type_url(world, "general"), {"name": "Cold work", "max_validity_hours": 10}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200, response.content
    assert (response.json()["name"], response.json()["version"], response["ETag"]) == ("Cold work", 2, '"2"')
    for project in (world.acme.project, east):
        row = world.client("requester").get(type_url(world, "general", project)).json()
        assert (row["name"], row["max_validity_hours"]) == ("Cold work", 10)

    before = types_state()
    stale = client.patch(type_url(world, "general"), {"name": "Stale"}, format="json", HTTP_IF_MATCH='"1"')
    error = assert_error(stale, 409, "version_conflict")
    assert (error["current"]["name"], error["current"]["version"]) == ("Cold work", 2)
    assert_error(
        client.patch(type_url(world, "general"), {"name": "No version"}, format="json"), 428, "precondition_required"
    )
    read_only = client.patch(type_url(world, "general"), {"code": "cold"}, format="json", HTTP_IF_MATCH='"2"')
    assert "code" in assert_error(read_only, 400, "read_only_field")["fields"]
    assert types_state() == before


def test_project_override_wins_over_a_later_tenant_wide_change(world: World, tenant_admin: User) -> None:
    assert override(world, "general", {"max_validity_hours": 4}).status_code == 200
    response = world.client(tenant_admin).patch(
        type_url(world, "general"), {"max_validity_hours": 10}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200
    assert (
        world.client("requester").get(type_url(world, "general", world.acme.project)).json()["max_validity_hours"] == 4
    )


def test_only_a_tenant_admin_creates_types(world: World, tenant_admin: User) -> None:
    payload = {"code": "diving", "name": "Diving", "category": "diving", "max_validity_hours": 6}
    before = types_state()
    assert_error(world.client("admin").post(TYPES, payload, format="json"), 403, "forbidden")
    assert types_state() == before

    response = world.client(tenant_admin).post(TYPES, payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "diving"
    assert len(world.client("requester").get(TYPES).json()) == 8
    assert len(world.client("outsider").get(TYPES).json()) == 7

    duplicate = world.client(tenant_admin).post(TYPES, payload, format="json")
    assert "code" in assert_error(duplicate, 400, "invalid")["fields"]


# --- deletion ------------------------------------------------------------------------------------


def test_delete_of_a_type_in_use_is_409_in_use(world: World, tenant_admin: User) -> None:
    permit = world.create("general")
    before = types_state()
    assert_error(world.client(tenant_admin).delete(type_url(world, "general")), 409, "in_use")
    assert types_state() == before
    assert world.client("requester").get(type_url(world, "general")).status_code == 200
    assert world.client("requester").get(f"{URL}{permit['id']}/").json()["permit_type"]["code"] == "general"


def test_delete_of_an_unused_type(world: World, tenant_admin: User) -> None:
    before = types_state()
    assert_error(world.client("admin").delete(type_url(world, "excavation")), 403, "forbidden")
    assert types_state() == before

    url = type_url(world, "excavation")
    assert world.client(tenant_admin).delete(url).status_code == 204
    assert_error(world.client("requester").get(url), 404, "not_found")
    assert len(world.client("requester").get(TYPES).json()) == 6


# --- tenancy -------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_other_tenant_cannot_reach_the_types(world: World, method: str) -> None:
    globex_admin = User.objects.create_user(
        "tenant-admin@globex.example",
        None,
        name="Gus Globex",
        tenant=world.globex.tenant,
        company=world.globex.companies["client"],
        is_tenant_admin=True,
    )
    before = types_state()
    for who in ("outsider", globex_admin):
        client = world.client(who)
        call = getattr(client, method)
        kwargs = (
            {"data": {"max_validity_hours": 1}, "format": "json", "HTTP_IF_MATCH": '"1"'} if method == "patch" else {}
        )
        assert_error(call(type_url(world, "general"), **kwargs), 404, "not_found")
        assert_error(call(type_url(world, "general", world.acme.project), **kwargs), 404, "not_found")
    assert types_state() == before


def test_unknown_type_is_404(world: World) -> None:
    assert_error(world.client("requester").get(f"{TYPES}999999/"), 404, "not_found")
