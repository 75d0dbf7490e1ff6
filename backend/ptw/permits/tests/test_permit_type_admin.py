"""Administration of permit types: retire and restore, the audit of every change, resetting an override,
the in-use count, validation of the editor's fields, and an override taking effect on the next permit."""

from __future__ import annotations

from typing import Any

import pytest

from ptw.accounts.choices import Grade, MembershipRole
from ptw.accounts.models import Membership, Project, User
from ptw.permits.models import ConfigChange, PermitType, PermitTypeOverride
from ptw.permits.tests.conftest import PATHS, URL, World

TYPES = "/api/v1/ptw/permit-types/"
NEW_ITEM = {"key": "spark_screens", "label": "Spark screens up around the work", "required": True}


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert "Traceback" not in response.content.decode()
    return dict(error)


def state() -> dict[str, Any]:
    """Every type, override and audit row as stored: a refused write leaves this as it was."""
    return {
        "types": list(PermitType.objects.order_by("id").values()),
        "overrides": list(PermitTypeOverride.objects.order_by("id").values()),
        "audit": ConfigChange.objects.filter(subject="permit_type").count(),
    }


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


@pytest.fixture
def east(world: World) -> Project:
    """A second Acme project: the requester is a member there."""
    project = Project.objects.create(tenant=world.acme.tenant, name="East Yard", code="east-yard")
    Membership.objects.create(user=world["requester"], project=project, role=MembershipRole.MEMBER)
    return project


def who_client(world: World, tenant_admin: User, who: str) -> Any:
    return world.client(tenant_admin if who == "tenant_admin" else who)


def url(world: World, code: str, suffix: str = "", project: Project | None = None) -> str:
    path = f"{TYPES}{world.ptype(code).id}/{suffix}"
    return f"{path}?project={project.id}" if project else path


def override(world: World, code: str, values: dict[str, Any], version: int = 1, who: str = "admin") -> Any:
    return world.client(who).patch(
        url(world, code, project=world.acme.project), values, format="json", HTTP_IF_MATCH=f'"{version}"'
    )


# --- retire and restore ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("tenant_admin", 200), ("admin", 403), ("issuer", 403), ("requester", 403), ("viewer", 403), ("outsider", 404)],
)
def test_retire_per_persona(world: World, tenant_admin: User, who: str, status: int) -> None:
    before = state()
    response = who_client(world, tenant_admin, who).post(url(world, "excavation", "retire/"), HTTP_IF_MATCH='"1"')
    if status != 200:
        assert_error(response, status, {403: "forbidden", 404: "not_found"}[status])
        assert state() == before
        return
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["is_active"], body["retired"], body["version"]) == (False, True, 2)
    assert body["retired_at"] is not None
    assert response["ETag"] == '"2"'
    row = ConfigChange.objects.get(subject="permit_type", action="retire")
    assert (row.project_id, row.subject_id, row.actor_id) == (world.acme.project.id, body["id"], tenant_admin.id)
    assert row.changes == {"is_active": [True, False]}


def test_a_retired_type_is_refused_for_new_permits_and_kept_by_existing_ones(world: World, tenant_admin: User) -> None:
    permit = world.create("general")
    admin = world.client(tenant_admin)
    assert admin.post(url(world, "general", "retire/"), HTTP_IF_MATCH='"1"').status_code == 200

    listed = {
        row["code"]: row for row in world.client("requester").get(f"{TYPES}?project={world.acme.project.id}").json()
    }
    assert listed["general"]["retired"] is True
    assert listed["general"]["is_active"] is False
    assert listed["hot-work"]["retired"] is False

    refused = world.client("requester").post(URL, world.permit_body("general"), format="json")
    assert "permit_type" in assert_error(refused, 400, "invalid")["fields"]
    world.walk(permit["id"], PATHS["submitted"])  # the permit that has it goes on

    assert_error(admin.post(url(world, "general", "retire/"), HTTP_IF_MATCH='"2"'), 409, "invalid_transition")
    restored = admin.post(url(world, "general", "restore/"), {"version": 2}, format="json")
    assert restored.status_code == 200, restored.content
    assert (restored.json()["retired"], restored.json()["retired_at"], restored.json()["version"]) == (False, None, 3)
    assert world.client("requester").post(URL, world.permit_body("general"), format="json").status_code == 201


def test_a_project_admin_hides_a_type_on_their_project_only(world: World, east: Project) -> None:
    assert override(world, "general", {"is_active": False}).status_code == 200
    refused = world.client("requester").post(URL, world.permit_body("general"), format="json")
    assert "not offered on this project" in assert_error(refused, 400, "invalid")["fields"]["permit_type"][0]
    on_east = world.client("requester").get(url(world, "general", project=east)).json()
    assert on_east["is_active"] is True


def test_a_project_cannot_bring_back_a_retired_type(world: World, tenant_admin: User) -> None:
    assert override(world, "general", {"is_active": True}).status_code == 200
    assert world.client(tenant_admin).post(url(world, "general", "retire/"), HTTP_IF_MATCH='"1"').status_code == 200
    assert world.client("requester").get(url(world, "general", project=world.acme.project)).json()["is_active"] is False
    refused = world.client("requester").post(URL, world.permit_body("general"), format="json")
    assert "retired" in assert_error(refused, 400, "invalid")["fields"]["permit_type"][0]


def test_retire_with_a_stale_version_is_409_with_the_current_type(world: World, tenant_admin: User) -> None:
    before = state()
    error = assert_error(
        world.client(tenant_admin).post(url(world, "general", "retire/"), HTTP_IF_MATCH='"7"'), 409, "version_conflict"
    )
    assert error["current"]["version"] == 1
    assert error["current"]["code"] == "general"
    assert state() == before
    assert_error(world.client(tenant_admin).post(url(world, "general", "retire/")), 428, "precondition_required")
    assert state() == before


# --- delete ---------------------------------------------------------------------------------------


def test_delete_of_a_type_in_use_says_retire_and_changes_nothing(world: World, tenant_admin: User) -> None:
    world.create("general")
    before = state()
    error = assert_error(world.client(tenant_admin).delete(url(world, "general")), 409, "in_use")
    assert "1 permit uses this type" in error["message"]
    assert "retire" in error["message"]
    assert state() == before


def test_delete_of_an_unused_type_is_audited_on_every_project(world: World, tenant_admin: User, east: Project) -> None:
    type_id = world.ptype("excavation").id
    assert world.client(tenant_admin).delete(url(world, "excavation")).status_code == 204
    rows = ConfigChange.objects.filter(subject="permit_type", action="delete", subject_id=type_id)
    assert sorted(rows.values_list("project_id", flat=True)) == sorted([world.acme.project.id, east.id])
    assert rows.first().changes["code"] == ["excavation", None]  # type: ignore[union-attr]


def test_a_type_removed_while_a_change_to_it_waits_is_a_404(
    world: World, tenant_admin: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another request deletes the type after this one found it and before it takes the row's lock: the edit,
    the retirement and the removal answer 404 and write nothing (they answered 500)."""
    found, at = world.ptype("excavation"), url(world, "excavation")
    monkeypatch.setattr("ptw.permits.api.type_views._type_get", lambda *args, **kwargs: found)
    PermitType.objects.filter(pk=found.pk).delete()
    before, admin = state(), world.client(tenant_admin)
    assert_error(admin.patch(at, {"name": "Digging"}, format="json", HTTP_IF_MATCH='"1"'), 404, "not_found")
    assert_error(admin.post(f"{at}retire/", HTTP_IF_MATCH='"1"'), 404, "not_found")
    assert_error(admin.delete(at), 404, "not_found")
    assert state() == before


# --- audit ----------------------------------------------------------------------------------------


def test_an_override_is_audited_on_its_project_only(world: World, east: Project) -> None:
    before = world.ptype("hot-work").checklist
    response = override(world, "hot-work", {"checklist": [*before, NEW_ITEM]})
    assert response.status_code == 200, response.content
    assert response.json()["overridden"] == ["checklist"]
    row = ConfigChange.objects.get(subject="permit_type")
    assert (row.project_id, row.action, row.actor_id) == (world.acme.project.id, "override", world["admin"].id)
    assert row.changes == {"checklist": [before, [*before, NEW_ITEM]]}
    assert world.client("requester").get(url(world, "hot-work", project=east)).json()["checklist"] == before


def test_a_tenant_wide_edit_is_audited_on_every_project_of_the_tenant(
    world: World, tenant_admin: User, east: Project
) -> None:
    response = world.client(tenant_admin).patch(
        url(world, "general"), {"max_validity_hours": 10, "name": "General work"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200, response.content
    rows = ConfigChange.objects.filter(subject="permit_type", action="update")
    assert sorted(rows.values_list("project_id", flat=True)) == sorted([world.acme.project.id, east.id])
    assert rows.first().changes == {"max_validity_hours": [12, 10], "name": ["General / cold work", "General work"]}  # type: ignore[union-attr]
    assert not ConfigChange.objects.filter(project=world.globex.project, subject="permit_type").exists()


def test_setting_is_active_tenant_wide_moves_retired_at(world: World, tenant_admin: User) -> None:
    client = world.client(tenant_admin)
    off = client.patch(url(world, "general"), {"is_active": False}, format="json", HTTP_IF_MATCH='"1"').json()
    assert off["retired"] is True and off["retired_at"] is not None
    on = client.patch(url(world, "general"), {"is_active": True}, format="json", HTTP_IF_MATCH='"2"').json()
    assert on["retired"] is False and on["retired_at"] is None


# --- reset an override ----------------------------------------------------------------------------


def test_reset_drops_an_override_back_to_the_tenant_value(world: World) -> None:
    assert override(world, "general", {"max_validity_hours": 4, "min_workers": 2}).status_code == 200
    response = override(world, "general", {"reset": ["max_validity_hours"]}, version=2)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["max_validity_hours"], body["min_workers"], body["overridden"]) == (12, 2, ["min_workers"])
    row = ConfigChange.objects.filter(subject="permit_type").last()
    assert row is not None
    assert row.changes == {"max_validity_hours": [4, 12], "reset": ["max_validity_hours"]}


@pytest.mark.parametrize(
    ("scope", "values"),
    [
        ("tenant", {"reset": ["min_workers"]}),
        ("project", {"reset": ["min_workers"], "min_workers": 3}),
        ("project", {"reset": ["name"]}),
        ("project", {"reset": "min_workers"}),
    ],
    ids=["tenant-scope", "set-and-reset", "not-overridable", "not-a-list"],
)
def test_bad_reset_is_400(world: World, tenant_admin: User, scope: str, values: dict[str, Any]) -> None:
    before = state()
    if scope == "tenant":
        response = world.client(tenant_admin).patch(url(world, "general"), values, format="json", HTTP_IF_MATCH='"1"')
    else:
        response = override(world, "general", values)
    assert "reset" in assert_error(response, 400, "invalid")["fields"]
    assert state() == before


# --- validation -----------------------------------------------------------------------------------

BAD_VALUES = [
    ({"checklist": [{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]}, "checklist"),
    ({"closeout_checklist": [{"key": "x", "label": "X"}, {"key": "x", "label": "Y"}]}, "closeout_checklist"),
    ({"form_fields": [{"key": "Bad Key", "label": "K", "type": "text"}]}, "form_fields"),
    ({"form_fields": [{"key": "k", "label": "K", "type": "select", "options": []}]}, "form_fields"),
    ({"form_fields": [{"key": "k", "label": "K", "type": "text", "options": ["a"]}]}, "form_fields"),
    ({"form_fields": [{"key": "k", "label": "K", "type": "select", "options": ["a", "a"]}]}, "form_fields"),
    ({"form_fields": [{"key": "k", "label": "K", "type": "select", "options": [" "]}]}, "form_fields"),
    (
        {"form_fields": [{"key": "k", "label": "K", "type": "text"}, {"key": "k", "label": "L", "type": "number"}]},
        "form_fields",
    ),
    ({"gas_limits": {"O2": {"min": "23", "max": "19"}}}, "gas_limits"),
    ({"gas_limits": {"NH3": {"max": "-1", "unit": "ppm"}}}, "gas_limits"),
    ({"gas_tests_required": ["XYZ"]}, "gas_tests_required"),
    ({"mandatory_ppe": ["Helmet", "Helmet"]}, "mandatory_ppe"),
    ({"mandatory_ppe": ["  "]}, "mandatory_ppe"),
    ({"fire_watch_minutes": 0}, "fire_watch_minutes"),
    ({"max_extensions": 11}, "max_extensions"),
    ({"required_attachments": ["selfie"]}, "required_attachments"),
]
BAD_IDS = [
    "checklist-duplicate",
    "closeout-duplicate",
    "field-key-not-slug",
    "select-without-options",
    "options-on-text",
    "options-twice",
    "blank-option",
    "field-keys-twice",
    "gas-min-above-max",
    "gas-negative",
    "unknown-gas",
    "ppe-twice",
    "ppe-blank",
    "fire-watch-zero",
    "extensions-too-many",
    "attachment-kind",
]


@pytest.mark.parametrize("scope", ["project", "tenant"])
@pytest.mark.parametrize(("values", "field"), BAD_VALUES, ids=BAD_IDS)
def test_bad_values_are_400_naming_the_field_and_change_nothing(
    world: World, tenant_admin: User, scope: str, values: dict[str, Any], field: str
) -> None:
    before = state()
    if scope == "tenant":
        response = world.client(tenant_admin).patch(url(world, "general"), values, format="json", HTTP_IF_MATCH='"1"')
    else:
        response = override(world, "general", values)
    assert field in assert_error(response, 400, "invalid")["fields"]
    assert state() == before


@pytest.mark.parametrize("category", ["Hot Work", "hot-work", "1st", ""])
def test_a_category_is_a_simops_name(world: World, tenant_admin: User, category: str) -> None:
    body = {"code": "diving", "name": "Diving", "category": category}
    before = state()
    assert (
        "category"
        in assert_error(world.client(tenant_admin).post(TYPES, body, format="json"), 400, "invalid")["fields"]
    )
    assert state() == before


def test_create_is_audited_and_a_created_retired_type_carries_its_date(
    world: World, tenant_admin: User, east: Project
) -> None:
    body = {"code": "diving", "name": "Diving", "category": "diving", "is_active": False}
    response = world.client(tenant_admin).post(TYPES, body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["retired_at"] is not None
    assert response.json()["in_use"] == 0
    assert ConfigChange.objects.filter(subject="permit_type", action="create").count() == 2


# --- in use ---------------------------------------------------------------------------------------


def test_in_use_counts_the_permits_of_the_project_or_of_the_callers_projects(
    world: World, tenant_admin: User, east: Project
) -> None:
    world.create("general")
    world.create("general")
    world.create("hot-work")
    client = world.client("requester")
    on_project = {row["code"]: row["in_use"] for row in client.get(f"{TYPES}?project={world.acme.project.id}").json()}
    assert (on_project["general"], on_project["hot-work"], on_project["excavation"]) == (2, 1, 0)
    on_east = {row["code"]: row["in_use"] for row in client.get(f"{TYPES}?project={east.id}").json()}
    assert set(on_east.values()) == {0}
    assert client.get(url(world, "general")).json()["in_use"] == 2
    assert world.client("outsider").get(f"{TYPES}{world.ptype('general', world.globex).id}/").json()["in_use"] == 0


def test_the_list_reads_a_fixed_number_of_queries(world: World, django_assert_num_queries: Any) -> None:
    world.create("general")
    client = world.client("admin")
    override(world, "general", {"min_workers": 2})
    override(world, "hot-work", {"min_workers": 3})
    list_url = f"{TYPES}?project={world.acme.project.id}"
    # the caller's memberships with the project, the types with their counts, the overrides
    with django_assert_num_queries(3):
        assert len(client.get(list_url).json()) == 7


# --- the change takes effect --------------------------------------------------------------------


def test_a_required_item_added_by_override_blocks_approval_of_the_next_permit(world: World) -> None:
    checklist = world.ptype("general").checklist
    assert override(world, "general", {"checklist": [*checklist, NEW_ITEM]}).status_code == 200

    form = world.client("requester").get(url(world, "general", project=world.acme.project)).json()
    assert NEW_ITEM in form["checklist"]
    permit = world.create("general")  # ticks the tenant-wide items only
    world.walk(permit["id"], PATHS["under_review"])
    readiness = world.client("issuer").get(f"{URL}{permit['id']}/readiness/").json()
    missing = readiness["actions"]["approve"]["missing"]
    assert any(m["code"] == "checklist_incomplete" and NEW_ITEM["label"] in m["message"] for m in missing)
    refused = world.act(permit["id"], "approve", "issuer")
    assert refused.status_code == 422, refused.content
