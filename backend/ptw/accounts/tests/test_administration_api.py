"""Administration of a project: inviting people, a member's grade and company, the policy table with its preview,
PTW settings and shifts, and the audit trail — per persona, versioned, and taking effect on open tasks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from ptw.accounts.choices import Grade, MembershipRole, Side
from ptw.accounts.models import AdminChange, Company, Membership, Project, User
from ptw.permits.choices import TaskState
from ptw.permits.models import Permit, PermitEvent, PermitTask
from ptw.permits.tests.conftest import World

PROJECTS = "/api/v1/projects/"
TASKS = "/api/v1/ptw/tasks/"


class AdminWorld(World):
    """Acme with a second project (its own admin) and a tenant admin; Globex as the other tenant."""

    def __init__(self) -> None:
        super().__init__()
        acme = self.acme
        self.second = Project.objects.create(tenant=acme.tenant, name="East Yard", code="east-yard")
        self.extra: dict[str, User] = {
            "tenant_admin": User.objects.create_user(
                "tenant.admin@acme.example",
                None,
                name="Tess Tenant",
                tenant=acme.tenant,
                company=acme.companies[Side.CLIENT],
                grade=Grade.A,
                is_tenant_admin=True,
            ),
            "second_admin": User.objects.create_user(
                "second.admin@acme.example",
                None,
                name="Sam Second",
                tenant=acme.tenant,
                company=acme.companies[Side.CLIENT],
                grade=Grade.B,
            ),
            "other_tenant_admin": self.globex.people["admin"],
        }
        Membership.objects.create(
            user=self.extra["second_admin"], project=self.second, role=MembershipRole.PROJECT_ADMIN
        )

    def __getitem__(self, persona: str) -> User:
        if persona in getattr(self, "extra", {}):
            return self.extra[persona]
        return super().__getitem__(persona)

    def fresh(self, who: str) -> APIClient:
        """A client for the persona as stored now (their memberships are read again)."""
        client = APIClient()
        client.force_authenticate(User.objects.get(pk=self[who].pk))
        return client

    def url(self, tail: str = "") -> str:
        return f"{PROJECTS}{self.acme.project.id}/{tail}"

    def membership(self, persona: str) -> Membership:
        return Membership.objects.get(user=self[persona], project=self.acme.project)


@pytest.fixture
def world(db: None) -> AdminWorld:
    return AdminWorld()


def error_of(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    return error


def state() -> tuple[Any, ...]:
    """Everything an administration request may change."""
    return (
        list(Project.objects.order_by("id").values_list("id", "policy", "ptw_settings", "shifts", "version")),
        list(Membership.objects.order_by("id").values_list("id", "role", "is_active", "version")),
        list(User.objects.order_by("id").values_list("id", "email", "grade", "company_id", "is_active")),
        Company.objects.count(),
        AdminChange.objects.count(),
        list(PermitTask.objects.order_by("id").values_list("id", "state")),
    )


# --- who may do what: one table per persona ------------------------------------------------------------------

ADMINS = ("admin", "tenant_admin")
NOT_ADMINS = (("verifier", 403), ("viewer", 403), ("second_admin", 404), ("other_tenant_admin", 404))
PERSONAS = [*((who, 200) for who in ADMINS), *NOT_ADMINS]


def _invite(world: AdminWorld, client: APIClient) -> Any:
    body = {
        "name": "Nadia New",
        "email": "nadia@acme.example",
        "grade": "B",
        "role": "member",
        "company_id": world.acme.companies[Side.EPC].id,
    }
    return client.post(world.url("members/invite/"), body, format="json")


def _grade(world: AdminWorld, client: APIClient) -> Any:
    body = {"id": world.membership("verifier").id, "grade": "C"}
    return client.patch(world.url("members/"), body, format="json", HTTP_IF_MATCH='"1"')


def _policy(world: AdminWorld, client: APIClient) -> Any:
    body = {"policy": {"verify": [{"side": "epc", "grades": ["A"]}]}}
    return client.patch(world.url(), body, format="json", HTTP_IF_MATCH='"1"')


def _settings(world: AdminWorld, client: APIClient) -> Any:
    body = {"ptw_settings": {"verification_sla_hours": 8}, "shifts": {"day": {"start": "07:00", "end": "19:00"}}}
    return client.patch(world.url(), body, format="json", HTTP_IF_MATCH='"1"')


WRITES: dict[str, tuple[Callable[[AdminWorld, APIClient], Any], int]] = {
    "invite": (_invite, 201),
    "grade": (_grade, 200),
    "policy": (_policy, 200),
    "settings": (_settings, 200),
}
READS: dict[str, Callable[[AdminWorld, APIClient], Any]] = {
    "history": lambda world, client: client.get(world.url("history/")),
    "companies": lambda world, client: client.get(world.url("companies/")),
    "preview": lambda world, client: client.post(
        world.url("policy-preview/"), {"policy": {"verify": [{"side": "epc", "grades": ["A"]}]}}, format="json"
    ),
}


@pytest.mark.parametrize(("who", "status"), PERSONAS)
@pytest.mark.parametrize("write", list(WRITES))
def test_admin_writes_per_persona(world: AdminWorld, who: str, status: int, write: str) -> None:
    call, success = WRITES[write]
    before = state()
    response = call(world, world.fresh(who))
    if status == 200:
        assert response.status_code == success, response.json()
        assert AdminChange.objects.filter(project=world.acme.project, actor=world[who]).count() == 1
    else:
        error_of(response, status, {403: "forbidden", 404: "not_found"}[status])
        assert state() == before


@pytest.mark.parametrize(("who", "status"), PERSONAS)
@pytest.mark.parametrize("read", list(READS))
def test_admin_reads_per_persona(world: AdminWorld, who: str, status: int, read: str) -> None:
    response = READS[read](world, world.fresh(who))
    if status == 200:
        assert response.status_code == 200, response.json()
    else:
        error_of(response, status, {403: "forbidden", 404: "not_found"}[status])


# --- inviting people ------------------------------------------------------------------------------------------


def test_invited_person_signs_in_with_the_one_time_password_and_holds_their_pool(world: AdminWorld) -> None:
    body = {
        "name": "Nadia New",
        "email": "Nadia@Acme.example",
        "grade": "A",
        "role": "member",
        "new_company": {"name": "Delta Scaffolding", "side": "epc"},
    }
    response = world.fresh("admin").post(world.url("members/invite/"), body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["member"]["user"]["email"] == "nadia@acme.example"
    assert data["member"]["user"]["company"]["name"] == "Delta Scaffolding"
    assert data["member"]["user"]["company"]["side"] == "epc"
    assert data["member"]["role"] == "member"
    password = data["initial_password"]
    assert len(password) >= 12
    user = User.objects.get(email="nadia@acme.example")
    assert user.tenant_id == world.acme.tenant.id
    assert not user.password.endswith(password)
    login = APIClient().post(
        "/api/v1/auth/login/", {"email": "nadia@acme.example", "password": password}, format="json"
    )
    assert login.status_code == 200, login.json()
    caps = {m["project"]["id"]: m["capabilities"] for m in login.json()["memberships"]}
    assert caps == {world.acme.project.id: ["verify"]}
    change = AdminChange.objects.get(project=world.acme.project, action="invite")
    assert change.subject == "member"
    assert change.actor_id == world["admin"].id
    assert change.changes["email"] == [None, "nadia@acme.example"]
    assert change.changes["company"] == [None, "Delta Scaffolding"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "vera@ACME.example".replace("vera", "verifier")}, "email"),
        ({"email": "requester@globex.example"}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"company_id": None}, "company_id"),
        ({"new_company": {"name": "Other", "side": "epc"}}, "company_id"),
        ({"company_id": "globex"}, "company_id"),
        ({"grade": "D"}, "grade"),
        ({"role": "owner"}, "role"),
        ({"name": "x" * 201}, "name"),
        ({"name": 12}, "name"),
        ({"is_tenant_admin": True}, "is_tenant_admin"),
    ],
)
def test_bad_invitations_are_400_and_change_nothing(world: AdminWorld, change: dict[str, Any], field: str) -> None:
    body: dict[str, Any] = {
        "name": "Nadia New",
        "email": "nadia@acme.example",
        "grade": "B",
        "role": "member",
        "company_id": world.acme.companies[Side.EPC].id,
        **change,
    }
    if change.get("company_id") == "globex":
        body["company_id"] = world.globex.companies[Side.EPC].id
    if body.get("company_id") is None:
        body.pop("company_id")
    before = state()
    response = world.fresh("admin").post(world.url("members/invite/"), body, format="json")
    error = error_of(response, 400, "invalid")
    assert field in error["fields"], error
    assert state() == before


def test_a_new_company_may_not_take_an_existing_name(world: AdminWorld) -> None:
    body = {
        "name": "Nadia New",
        "email": "nadia@acme.example",
        "grade": "B",
        "new_company": {"name": world.acme.companies[Side.EPC].name.upper(), "side": "client"},
    }
    before = state()
    error = error_of(world.fresh("admin").post(world.url("members/invite/"), body, format="json"), 400, "invalid")
    assert "new_company" in error["fields"]
    assert state() == before


# --- a member's grade, company and state ----------------------------------------------------------------------


def test_grade_change_moves_a_person_out_of_the_verifier_pool(world: AdminWorld) -> None:
    target = world.membership("verifier")
    response = _grade(world, world.fresh("admin"))
    assert response.status_code == 200, response.json()
    assert response.json()["user"]["grade"] == "C"
    assert response.json()["version"] == 2
    assert response["ETag"] == '"2"'
    holders = world.fresh("admin").post(world.url("policy-preview/"), {"policy": {}}, format="json").json()
    assert world["verifier"].id not in {p["id"] for p in holders["verify"]}
    change = AdminChange.objects.get(subject="member", subject_id=target.id)
    assert (change.action, change.changes) == ("update", {"grade": ["B", "C"]})


def test_company_change_takes_the_company_side(world: AdminWorld) -> None:
    body = {"id": world.membership("requester").id, "company_id": world.acme.companies[Side.CLIENT].id}
    response = world.fresh("admin").patch(world.url("members/"), body, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert response.json()["user"]["company"]["side"] == "client"


@pytest.mark.parametrize(
    "body",
    [
        {"grade": "Z"},
        {"company_id": 999999},
        {"company_id": "x"},
        {"name": "Renamed"},
    ],
)
def test_bad_member_changes_are_400_and_change_nothing(world: AdminWorld, body: dict[str, Any]) -> None:
    if body.get("company_id") == 999999:
        body = {"company_id": world.globex.companies[Side.EPC].id}
    before = state()
    response = world.fresh("admin").patch(
        world.url("members/"), {"id": world.membership("verifier").id, **body}, format="json", HTTP_IF_MATCH='"1"'
    )
    error_of(response, 400, "invalid")
    assert state() == before


def test_stale_member_change_is_409_with_the_member_as_it_is(world: AdminWorld) -> None:
    target = world.membership("verifier")
    assert _grade(world, world.fresh("admin")).status_code == 200
    before = state()
    response = world.fresh("tenant_admin").patch(
        world.url("members/"), {"id": target.id, "grade": "A"}, format="json", HTTP_IF_MATCH='"1"'
    )
    current = error_of(response, 409, "version_conflict")["current"]
    assert (current["version"], current["user"]["grade"]) == (2, "C")
    assert state() == before


def open_tasks(permit_id: int) -> set[tuple[str, int, bool]]:
    rows = PermitTask.objects.filter(permit_id=permit_id, state=TaskState.OPEN)
    return set(rows.values_list("kind", "assignee_id", "pool"))


def test_deactivating_the_named_verifier_returns_the_task_to_the_pool(world: AdminWorld) -> None:
    permit = world.create(verifier_id=world["verifier"].id)
    world.walk(permit["id"], [("submit", "requester")])
    assert open_tasks(permit["id"]) == {("verify", world["verifier"].id, False)}
    target = world.membership("verifier")
    response = world.fresh("admin").patch(
        world.url("members/"), {"id": target.id, "is_active": False}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200, response.json()
    assert open_tasks(permit["id"]) == {("verify", world["verifier2"].id, True)}
    stored = Permit.objects.get(pk=permit["id"])
    assert stored.named_verifier_id is None
    assert stored.version == permit["version"] + 2  # submit, then the return to the pool
    event = PermitEvent.objects.filter(permit_id=permit["id"]).order_by("-seq").first()
    assert event is not None
    assert (event.action, event.actor_id) == ("returned_to_pool", world["admin"].id)
    assert event.changes == {"named_verifier": [world["verifier"].name, None]}
    # Their history stays: the withdrawn task and their earlier acts remain theirs.
    assert PermitTask.objects.filter(assignee=world["verifier"], state=TaskState.WITHDRAWN).count() == 1
    assert AdminChange.objects.get(subject_id=target.id).action == "deactivate"
    tasks = world.fresh("verifier2").get(TASKS).json()["results"]
    assert [t["permit"]["id"] for t in tasks] == [permit["id"]]
    assert world.act(permit["id"], "verify", "verifier2").status_code == 200


def test_policy_change_moves_open_pool_tasks(world: AdminWorld) -> None:
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester")])
    vera, victor = world["verifier"].id, world["verifier2"].id
    assert open_tasks(permit["id"]) == {("verify", vera, True), ("verify", victor, True)}
    assert _policy(world, world.fresh("admin")).status_code == 200  # verify: EPC grade A only
    assert open_tasks(permit["id"]) == {("verify", victor, True)}
    assert world.fresh("verifier").get(TASKS).json()["results"] == []
    body = {"policy": {"verify": [{"side": "epc", "grades": ["B"]}]}}
    response = world.fresh("admin").patch(world.url(), body, format="json", HTTP_IF_MATCH='"2"')
    assert response.status_code == 200, response.json()
    assert open_tasks(permit["id"]) == {("verify", vera, True)}
    assert world.act(permit["id"], "verify", "verifier2").status_code == 403
    assert world.act(permit["id"], "verify", "verifier").status_code == 200


# --- the policy table ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "empty"),
    [
        ({"verify": [{"side": "contractor", "grades": ["A"]}]}, ["verify"]),
        ({"verify": [], "approve": []}, ["verify", "approve"]),
        ({"request": [{"side": "epc", "grades": []}]}, ["request"]),
        ({"approve": [{"side": "client", "grades": ["C"]}], "verify": [{"side": "epc", "grades": ["C"]}]}, ["verify"]),
    ],
)
def test_a_policy_leaving_a_capability_with_nobody_is_refused(
    world: AdminWorld, policy: dict[str, Any], empty: list[str]
) -> None:
    before = state()
    response = world.fresh("admin").patch(world.url(), {"policy": policy}, format="json", HTTP_IF_MATCH='"1"')
    error = error_of(response, 400, "pool_empty")
    for cap in empty:
        assert cap in error["message"]
    assert state() == before


def test_preview_lists_who_would_hold_each_capability(world: AdminWorld, django_assert_num_queries: Any) -> None:
    body = {"policy": {"verify": [{"side": "epc", "grades": ["A"]}], "approve": [{"side": "client", "grades": ["C"]}]}}
    client = world.fresh("admin")
    with django_assert_num_queries(3):  # the caller's memberships, the project, the members
        response = client.post(world.url("policy-preview/"), body, format="json")
    assert response.status_code == 200, response.json()
    names = {cap: [p["name"] for p in people] for cap, people in response.json().items()}
    assert names["verify"] == ["Victor EPC"]
    assert names["approve"] == ["Ada Admin"]  # the viewer never holds a capability
    assert names["request"] == ["Ravi Contractor", "Vera EPC"]
    assert response.json()["verify"][0] == {
        "id": world["verifier2"].id,
        "name": "Victor EPC",
        "company": world.acme.companies[Side.EPC].name,
        "side": "epc",
        "grade": "A",
    }
    assert Project.objects.get(pk=world.acme.project.id).version == 1


@pytest.mark.parametrize(
    "body",
    [{}, {"policy": {"inspect": []}}, {"policy": {"verify": [{"side": "mars", "grades": ["A"]}]}}, {"policy": []}],
)
def test_bad_previews_are_400(world: AdminWorld, body: dict[str, Any]) -> None:
    error_of(world.fresh("admin").post(world.url("policy-preview/"), body, format="json"), 400, "invalid")


# --- PTW settings and shifts -------------------------------------------------------------------------------------


def test_settings_and_shifts_are_saved_and_audited_apart_from_the_policy(world: AdminWorld) -> None:
    response = _settings(world, world.fresh("admin"))
    assert response.status_code == 200, response.json()
    assert response.json()["ptw_settings"]["verification_sla_hours"] == 8
    assert response.json()["shifts"]["day"] == {"start": "07:00", "end": "19:00"}
    assert response.json()["shifts"]["night"] == {"start": "20:00", "end": "06:00"}
    change = AdminChange.objects.get(project=world.acme.project)
    assert change.subject == "settings"
    assert change.changes == {
        "ptw_settings.verification_sla_hours": [4, 8],
        "shifts.day": [{"start": "08:00", "end": "18:00"}, {"start": "07:00", "end": "19:00"}],
    }


@pytest.mark.parametrize(
    "shifts",
    [
        {"day": {"start": "25:00", "end": "18:00"}},
        {"day": {"start": "08:00"}},
        {"day": {"start": "08:00", "end": "08:00"}},
        {"evening": {"start": "18:00", "end": "22:00"}},
        {"day": {"start": 8, "end": "18:00"}},
    ],
)
def test_bad_shifts_are_400_and_change_nothing(world: AdminWorld, shifts: dict[str, Any]) -> None:
    before = state()
    response = world.fresh("admin").patch(world.url(), {"shifts": shifts}, format="json", HTTP_IF_MATCH='"1"')
    error_of(response, 400, "invalid")
    assert state() == before


def test_stale_settings_change_is_409_with_the_project_as_it_is(world: AdminWorld) -> None:
    assert _policy(world, world.fresh("admin")).status_code == 200
    before = state()
    response = _settings(world, world.fresh("tenant_admin"))
    current = error_of(response, 409, "version_conflict")["current"]
    assert current["version"] == 2
    assert current["policy"]["verify"] == [{"side": "epc", "grades": ["A"]}]
    assert state() == before


# --- the audit trail ---------------------------------------------------------------------------------------------


def test_history_shows_who_changed_what_per_screen(world: AdminWorld, django_assert_num_queries: Any) -> None:
    assert _policy(world, world.fresh("admin")).status_code == 200
    assert _grade(world, world.fresh("tenant_admin")).status_code == 200
    body = {"ptw_settings": {"grace_hours": 5}}
    assert world.fresh("admin").patch(world.url(), body, format="json", HTTP_IF_MATCH='"2"').status_code == 200
    client = world.fresh("admin")
    with django_assert_num_queries(4):  # memberships, project, count, the page with its actors
        response = client.get(world.url("history/"))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["subject"], r["actor"]["name"]) for r in rows] == [
        ("settings", "Ada Admin"),
        ("member", "Tess Tenant"),
        ("policy", "Ada Admin"),
    ]
    assert rows[2]["changes"] == {
        "verify": [[{"side": "epc", "grades": ["A", "B"]}], [{"side": "epc", "grades": ["A"]}]]
    }
    only = client.get(world.url("history/"), {"subject": "member"}).json()["results"]
    assert [r["changes"] for r in only] == [{"grade": ["B", "C"]}]
    error_of(client.get(world.url("history/"), {"subject": "everything"}), 400, "invalid")


def test_history_of_another_tenants_project_is_404(world: AdminWorld) -> None:
    url = f"{PROJECTS}{world.globex.project.id}/history/"
    error_of(world.fresh("tenant_admin").get(url), 404, "not_found")
