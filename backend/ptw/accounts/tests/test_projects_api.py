"""Projects in scope and their memberships: listing, tenancy, admin writes, versions."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from ptw.accounts.choices import Grade
from ptw.accounts.models import Membership, User
from ptw.permits.models import Permit, PermitEvent
from ptw.permits.tests.conftest import URL as PERMITS
from ptw.permits.tests.conftest import World

PROJECTS = "/api/v1/projects/"
PROJECT_FIELDS = {"id", "name", "code", "time_zone", "shifts", "ptw_settings", "policy", "version", "role"}


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


@pytest.fixture
def world(db: None) -> World:
    return World()


def fresh(user: User) -> APIClient:
    """A client for a user as loaded now (nothing cached from earlier requests)."""
    client = APIClient()
    client.force_authenticate(User.objects.get(pk=user.pk))
    return client


def members_url(world: World) -> str:
    return f"{PROJECTS}{world.acme.project.id}/members/"


def membership(world: World, persona: str) -> Membership:
    return Membership.objects.get(user=world[persona], project=world.acme.project)


def memberships_state() -> list[tuple[Any, ...]]:
    return list(
        Membership.objects.order_by("id").values_list("id", "user_id", "project_id", "role", "is_active", "version")
    )


@pytest.fixture
def newcomer(world: World) -> User:
    """An Acme user who is on no project yet."""
    return User.objects.create_user(
        "newcomer@acme.example",
        None,
        name="Nina Newcomer",
        tenant=world.acme.tenant,
        company=world.acme.companies["epc"],
        grade=Grade.B,
    )


# --- projects -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "project"), [("requester", "North Plant"), ("outsider", "South Refinery")])
def test_project_list_shows_only_own_projects(world: World, persona: str, project: str) -> None:
    response = world.client(persona).get(PROJECTS)
    assert response.status_code == 200
    rows = response.json()
    assert [row["name"] for row in rows] == [project]
    assert set(rows[0]) >= PROJECT_FIELDS
    assert rows[0]["role"] == "member"
    assert rows[0]["capabilities"] == ["request"]


def test_user_without_memberships_sees_no_project(world: World, newcomer: User) -> None:
    response = world.client(newcomer).get(PROJECTS)
    assert response.status_code == 200
    assert response.json() == []
    assert_error(world.client(newcomer).get(f"{PROJECTS}{world.acme.project.id}/"), 404, "not_found")


def test_project_detail_has_etag_and_settings(world: World) -> None:
    project = world.acme.project
    response = world.client("viewer").get(f"{PROJECTS}{project.id}/")
    assert response.status_code == 200
    body = response.json()
    assert response["ETag"] == f'"{body["version"]}"'
    assert body["id"] == project.id
    assert body["name"] == "North Plant"
    assert body["time_zone"] == "UTC"
    assert body["role"] == "viewer"
    assert body["capabilities"] == []
    assert body["ptw_settings"]["grace_hours"] == 2
    assert set(body["policy"]) == {"request", "verify", "approve"}


@pytest.mark.parametrize("who", ["requester", "admin", "viewer"])
def test_other_tenants_project_is_404(world: World, who: str) -> None:
    other = world.globex.project.id
    assert_error(world.client(who).get(f"{PROJECTS}{other}/"), 404, "not_found")
    assert_error(world.client(who).get(f"{PROJECTS}{other}/members/"), 404, "not_found")


def test_unknown_project_is_404(world: World) -> None:
    assert_error(world.client("admin").get(f"{PROJECTS}999999/"), 404, "not_found")


def test_inactive_membership_loses_the_project(world: World) -> None:
    Membership.objects.filter(pk=membership(world, "requester").pk).update(is_active=False)
    client = fresh(world["requester"])
    assert client.get(PROJECTS).json() == []
    assert_error(client.get(f"{PROJECTS}{world.acme.project.id}/"), 404, "not_found")


# --- members: read ------------------------------------------------------------------------------


def test_members_list_for_members(world: World) -> None:
    response = world.client("viewer").get(members_url(world))
    assert response.status_code == 200
    rows = response.json()
    assert {row["user"]["email"] for row in rows} == {f"{p}@acme.example" for p in world.acme.people}
    admin = next(row for row in rows if row["user"]["id"] == world["admin"].id)
    assert admin["role"] == "project_admin"
    assert admin["is_active"] is True
    assert admin["version"] == 1
    assert admin["user"]["company"]["side"] == "client"
    assert admin["user"]["grade"] == "C"


def test_members_list_is_404_for_outsider(world: World) -> None:
    assert_error(world.client("outsider").get(members_url(world)), 404, "not_found")


# --- members: add -------------------------------------------------------------------------------


def test_admin_adds_a_member_of_the_same_tenant(world: World, newcomer: User) -> None:
    response = world.client("admin").post(members_url(world), {"user_id": newcomer.id, "role": "member"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["user"]["id"] == newcomer.id
    assert body["role"] == "member"
    assert body["version"] == 1
    assert Membership.objects.filter(user=newcomer, project=world.acme.project, role="member").exists()

    me = world.client(newcomer).get("/api/v1/auth/me/").json()
    assert [m["project"]["id"] for m in me["memberships"]] == [world.acme.project.id]
    assert me["memberships"][0]["capabilities"] == ["request", "verify"]


def test_added_member_defaults_to_member_role(world: World, newcomer: User) -> None:
    response = world.client("admin").post(members_url(world), {"user_id": newcomer.id}, format="json")
    assert response.status_code == 201
    assert response.json()["role"] == "member"


@pytest.mark.parametrize("who", ["requester", "verifier", "issuer", "viewer"])
def test_non_admin_cannot_add_members(world: World, newcomer: User, who: str) -> None:
    before = memberships_state()
    response = world.client(who).post(members_url(world), {"user_id": newcomer.id}, format="json")
    assert_error(response, 403, "forbidden")
    assert memberships_state() == before


def test_outsider_cannot_add_members(world: World, newcomer: User) -> None:
    before = memberships_state()
    response = world.client("outsider").post(members_url(world), {"user_id": newcomer.id}, format="json")
    assert_error(response, 404, "not_found")
    assert memberships_state() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (lambda w: {"user_id": w.globex.people["verifier"].id}, "user_id"),
        (lambda w: {"user_id": w["verifier"].id}, "user_id"),
        (lambda w: {"user_id": 999999}, "user_id"),
        (lambda w: {"user_id": "abc"}, "user_id"),
        (lambda w: {"user_id": 0}, "user_id"),
        (lambda w: {}, "user_id"),
        (lambda w: {"user_id": w["viewer"].id, "role": "owner"}, "role"),
        (lambda w: {"user_id": w["viewer"].id, "version": 1}, "version"),
        (lambda w: {"user_id": w["viewer"].id, "project": w.globex.project.id}, "project"),
    ],
    ids=[
        "other-tenant",
        "duplicate",
        "unknown-user",
        "user-not-int",
        "user-zero",
        "missing-user",
        "bad-role",
        "unknown-field-version",
        "unknown-field-project",
    ],
)
def test_add_member_bad_input_is_400_and_changes_nothing(world: World, body: Any, field: str) -> None:
    before = memberships_state()
    response = world.client("admin").post(members_url(world), body(world), format="json")
    error = assert_error(response, 400, "invalid")
    assert field in error["fields"]
    assert memberships_state() == before


def test_other_tenant_user_is_not_added_even_as_viewer(world: World) -> None:
    foreign = world.globex.people["viewer"]
    response = world.client("admin").post(members_url(world), {"user_id": foreign.id, "role": "viewer"}, format="json")
    assert_error(response, 400, "invalid")
    assert not Membership.objects.filter(user=foreign, project=world.acme.project).exists()
    assert_error(world.client(foreign).get(f"{PROJECTS}{world.acme.project.id}/"), 404, "not_found")


# --- members: update ----------------------------------------------------------------------------


def test_admin_changes_a_role_with_if_match(world: World) -> None:
    target = membership(world, "requester")
    response = world.client("admin").patch(
        members_url(world), {"id": target.id, "role": "viewer"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["role"] == "viewer"
    assert body["version"] == 2
    assert response["ETag"] == '"2"'
    target.refresh_from_db()
    assert (target.role, target.version) == ("viewer", 2)


def test_admin_changes_a_role_with_version_in_body(world: World) -> None:
    target = membership(world, "issuer2")
    response = world.client("admin").patch(
        members_url(world), {"id": target.id, "role": "project_admin", "version": 1}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert fresh(world["issuer2"]).get(f"{PROJECTS}{world.acme.project.id}/").json()["capabilities"] == [
        "approve",
        "admin",
    ]


def test_update_without_version_is_428(world: World) -> None:
    target = membership(world, "requester")
    before = memberships_state()
    response = world.client("admin").patch(members_url(world), {"id": target.id, "role": "viewer"}, format="json")
    assert_error(response, 428, "precondition_required")
    assert memberships_state() == before


@pytest.mark.parametrize("if_match", ['"2"', '"0"', "7"])
def test_stale_update_is_409_with_current(world: World, if_match: str) -> None:
    target = membership(world, "requester")
    before = memberships_state()
    response = world.client("admin").patch(
        members_url(world), {"id": target.id, "role": "viewer"}, format="json", HTTP_IF_MATCH=if_match
    )
    error = assert_error(response, 409, "version_conflict")
    current = error["current"]
    assert {k: current[k] for k in ("id", "role", "is_active", "version")} == {
        "id": target.id,
        "role": "member",
        "is_active": True,
        "version": 1,
    }
    assert current["user"]["id"] == target.user_id
    assert memberships_state() == before


def test_update_with_garbage_if_match_is_400(world: World) -> None:
    target = membership(world, "requester")
    before = memberships_state()
    response = world.client("admin").patch(
        members_url(world), {"id": target.id, "role": "viewer"}, format="json", HTTP_IF_MATCH="abc"
    )
    error = assert_error(response, 400, "invalid")
    assert "If-Match" in error["fields"]
    assert memberships_state() == before


@pytest.mark.parametrize("who", ["requester", "verifier", "viewer"])
def test_non_admin_cannot_change_roles(world: World, who: str) -> None:
    target = membership(world, who)
    before = memberships_state()
    response = world.client(who).patch(
        members_url(world), {"id": target.id, "role": "project_admin"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert_error(response, 403, "forbidden")
    assert memberships_state() == before


def test_outsider_cannot_change_roles(world: World) -> None:
    target = membership(world, "requester")
    before = memberships_state()
    response = world.client("outsider").patch(
        members_url(world), {"id": target.id, "role": "viewer"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert_error(response, 404, "not_found")
    assert memberships_state() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"role": "viewer"}, "id"),
        ({"id": "x", "role": "viewer"}, "id"),
        ({"role": "owner"}, "role"),
        ({"is_active": "sometimes"}, "is_active"),
        ({"role": "viewer", "user_id": 1}, "user_id"),
    ],
    ids=["missing-id", "id-not-int", "bad-role", "bad-is-active", "unknown-field"],
)
def test_update_bad_input_is_400_and_changes_nothing(world: World, body: dict[str, Any], field: str) -> None:
    body = {"id": membership(world, "requester").id, **body} if field != "id" else body
    before = memberships_state()
    response = world.client("admin").patch(members_url(world), body, format="json", HTTP_IF_MATCH='"1"')
    error = assert_error(response, 400, "invalid")
    assert field in error["fields"]
    assert memberships_state() == before


@pytest.mark.parametrize("other", ["globex", "unknown"])
def test_update_of_a_membership_outside_the_project_is_not_found(world: World, other: str) -> None:
    foreign = Membership.objects.get(user=world.globex.people["requester"]).id if other == "globex" else 999999
    before = memberships_state()
    response = world.client("admin").patch(
        members_url(world), {"id": foreign, "role": "viewer"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code in (400, 404), response.status_code
    assert response.json()["error"]["code"] in ("invalid", "not_found")
    assert memberships_state() == before


# --- a role change takes effect on permit actions -----------------------------------------------


def test_verifier_turned_viewer_cannot_verify(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester")])
    detail = f"{PERMITS}{permit['id']}/"
    assert "verify" in fresh(world["verifier"]).get(detail).json()["allowed_actions"]

    target = membership(world, "verifier")
    response = world.client("admin").patch(
        members_url(world), {"id": target.id, "role": "viewer"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200

    client = fresh(world["verifier"])
    assert client.get(detail).json()["allowed_actions"] == []
    events_before = PermitEvent.objects.filter(permit_id=permit["id"]).count()
    signed = {"comment": "ok", **world.signature("verifier", "verify")}
    error = assert_error(client.post(f"{detail}verify/", signed, format="json"), 403, "forbidden")
    assert error["missing"][0]["code"] == "not_permitted"
    stored = Permit.objects.get(pk=permit["id"])
    assert (stored.status, stored.version, stored.verifier_id) == ("submitted", 2, None)
    assert PermitEvent.objects.filter(permit_id=permit["id"]).count() == events_before

    me = client.get("/api/v1/auth/me/").json()
    assert me["memberships"][0]["role"] == "viewer"
    assert me["memberships"][0]["capabilities"] == []


def test_requester_turned_viewer_cannot_create_permits(world: World) -> None:
    target = membership(world, "requester")
    response = world.client("admin").patch(
        members_url(world), {"id": target.id, "role": "viewer"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200
    count = Permit.objects.count()
    response = fresh(world["requester"]).post(PERMITS, world.permit_body(), format="json")
    assert_error(response, 403, "forbidden")
    assert Permit.objects.count() == count


def test_deactivated_member_loses_access_to_permits(world: World) -> None:
    permit = world.create()
    target = membership(world, "requester")
    response = world.client("admin").patch(
        members_url(world), {"id": target.id, "is_active": False}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert_error(fresh(world["requester"]).get(f"{PERMITS}{permit['id']}/"), 404, "not_found")


@pytest.mark.parametrize("change", [{"role": "member"}, {"role": "viewer"}, {"is_active": False}])
def test_the_last_project_admin_cannot_leave_the_project_without_one(world: World, change: dict[str, Any]) -> None:
    own = membership(world, "admin")
    before = memberships_state()
    response = world.client("admin").patch(
        members_url(world), {"id": own.id, **change}, format="json", HTTP_IF_MATCH=f'"{own.version}"'
    )
    assert_error(response, 409, "last_project_admin")
    assert memberships_state() == before


def test_an_admin_steps_down_once_another_admin_exists(world: World) -> None:
    issuer = membership(world, "issuer")
    client = world.client("admin")
    made = client.patch(
        members_url(world), {"id": issuer.id, "role": "project_admin"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert made.status_code == 200, made.json()
    own = membership(world, "admin")
    response = client.patch(
        members_url(world), {"id": own.id, "role": "member"}, format="json", HTTP_IF_MATCH=f'"{own.version}"'
    )
    assert response.status_code == 200, response.json()
    assert response.json()["role"] == "member"
