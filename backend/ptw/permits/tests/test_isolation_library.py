"""The isolation library: who may write it (per persona), retire/restore with If-Match, the list's filters, the
audit, and the all-or-nothing CSV import with its preview."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from ptw.accounts.models import User
from ptw.permits.isolation_csv import COLUMNS, MAX_ROWS
from ptw.permits.models import ConfigChange, IsolationPoint, LocationNode, PermitIsolation
from ptw.permits.tests.conftest import URL, World

POINTS = "/api/v1/ptw/isolation-points/"
HEADER = "code,name,energy_type,point_type,asset_tag,method,verification_method,locks_required,equipment"
BODY = {"code": "CB-12", "name": "Breaker 12, MCC-3", "energy_type": "electrical", "point_type": "breaker"}


def tenant_admin(world: World) -> User:
    """A tenant admin of Acme who is no member of its project."""
    requester = world["requester"]
    return User.objects.create_user(
        "owner@acme.example",
        None,
        name="Tess Tenant",
        tenant=requester.tenant,
        company=requester.company,
        grade="A",
        is_tenant_admin=True,
    )


def point(world: World, code: str = "MV-101", **fields: Any) -> IsolationPoint:
    return IsolationPoint.objects.create(
        project=world.acme.project, code=code, name=f"Valve {code}", energy_type="process", **fields
    )


def csv_file(lines: list[str], header: str = HEADER, encoding: str = "utf-8") -> SimpleUploadedFile:
    text = "\r\n".join([header, *lines]) + "\r\n"
    return SimpleUploadedFile("points.csv", text.encode(encoding), content_type="text/csv")


def rows(count: int, start: int = 1) -> list[str]:
    return [
        f"MV-{n:04d},Valve {n},process,valve,TAG-{n},Close and chain,Check PI,1," for n in range(start, start + count)
    ]


def upload(world: World, who: str | User, file: SimpleUploadedFile, dry_run: bool) -> Any:
    body = {"file": file, "dry_run": "true" if dry_run else "false"}
    return world.client(who).post(f"{POINTS}import/?project={world.acme.project.id}", body, format="multipart")


def retire(world: World, who: str | User, point_id: int, version: int | None, action: str = "retire") -> Any:
    headers = {} if version is None else {"HTTP_IF_MATCH": f'"{version}"'}
    return world.client(who).post(f"{POINTS}{point_id}/{action}/", {}, format="json", **headers)


# persona → the status of each write: add, edit, retire, import (preview and commit), template
WRITES: dict[str, int] = {
    "admin": 200,
    "tenant_admin": 200,
    "requester": 403,
    "verifier": 403,
    "issuer": 403,
    "viewer": 403,
    "outsider": 404,
}


@pytest.mark.parametrize(("persona", "expected"), WRITES.items())
def test_only_admins_write_the_library(world: World, persona: str, expected: int) -> None:
    who: str | User = tenant_admin(world) if persona == "tenant_admin" else persona
    project = world.acme.project.id
    existing = point(world)
    created = world.client(who).post(f"{POINTS}?project={project}", BODY, format="json")
    edited = world.client(who).patch(f"{POINTS}{existing.id}/", {"name": "Renamed"}, format="json", HTTP_IF_MATCH='"1"')
    retired = retire(world, who, existing.id, 1 if expected != 200 else 2)
    preview = upload(world, who, csv_file(rows(2)), dry_run=True)
    imported = upload(world, who, csv_file(rows(2)), dry_run=False)
    template = world.client(who).get(f"{POINTS}import/template/?project={project}")
    answers = [created, edited, retired, preview, imported, template]
    success = [201, 200, 200, 200, 201, 200]
    assert [a.status_code for a in answers] == (success if expected == 200 else [expected] * len(answers))
    if expected != 200:
        assert all(a.json()["error"]["code"] == ("forbidden" if expected == 403 else "not_found") for a in answers)
        existing.refresh_from_db()
        assert (IsolationPoint.objects.count(), existing.name, existing.is_active) == (1, "Valve MV-101", True)
        assert not ConfigChange.objects.filter(subject="isolation_point").exists()
    else:
        assert IsolationPoint.objects.count() == 4
        actions = list(ConfigChange.objects.filter(subject="isolation_point").values_list("action", flat=True))
        assert actions == ["create", "update", "retire", "import"]


@pytest.mark.parametrize("persona", ["requester", "issuer", "viewer"])
def test_a_member_is_refused_before_the_body_is_read(world: World, persona: str) -> None:
    valve = point(world)
    client, project = world.client(persona), world.acme.project.id
    answers = [
        client.post(f"{POINTS}?project={project}", {"code": 7}, format="json"),
        client.patch(f"{POINTS}{valve.id}/", {"colour": "red"}, format="json", HTTP_IF_MATCH='"1"'),
        client.post(f"{POINTS}{valve.id}/retire/", {"version": "x"}, format="json"),
        client.post(f"{POINTS}import/?project={project}", {"dry_run": "maybe"}, format="multipart"),
    ]
    assert [a.status_code for a in answers] == [403] * 4


def test_members_read_the_list_with_its_filters(world: World) -> None:
    point(world, "MV-101", asset_tag="P-101A")
    point(world, "MV-102", is_active=False)
    point(world, "CB-7")
    project = world.acme.project.id

    def codes(query: str, who: str = "requester") -> Any:
        answer = world.client(who).get(f"{POINTS}?project={project}{query}")
        return answer.json() if answer.status_code != 200 else [p["code"] for p in answer.json()]

    assert codes("") == ["CB-7", "MV-101", "MV-102"]
    assert codes("&status=active") == ["CB-7", "MV-101"]
    assert codes("&status=retired", "viewer") == ["MV-102"]
    assert codes("&search=mv-10") == ["MV-101", "MV-102"]
    assert codes("&search=p-101a&status=active") == ["MV-101"]
    assert codes("&status=gone")["error"]["fields"].keys() == {"status"}
    assert codes("&search=" + "x" * 101)["error"]["fields"].keys() == {"search"}
    assert world.client("outsider").get(f"{POINTS}?project={project}").status_code == 404


def fresh(user: User) -> APIClient:
    """A client whose user is read anew, as each real request reads it (nothing cached on the object)."""
    client = APIClient()
    client.force_authenticate(User.objects.get(pk=user.pk))
    return client


def test_the_list_reads_a_fixed_number_of_queries(world: World, django_assert_num_queries: Any) -> None:
    project = world.acme.project.id
    point(world, "MV-1")
    # The caller's memberships, the project, the points.
    client = fresh(world["requester"])
    with django_assert_num_queries(3):
        assert len(client.get(f"{POINTS}?project={project}&status=active").json()) == 1
    for n in range(2, 40):
        point(world, f"MV-{n}")
    client = fresh(world["requester"])
    with django_assert_num_queries(3):
        assert len(client.get(f"{POINTS}?project={project}&status=active").json()) == 39


def test_retire_and_restore_are_versioned_and_audited(world: World) -> None:
    valve = point(world)
    assert retire(world, "admin", valve.id, None).status_code == 428
    assert retire(world, "admin", valve.id, 1).json()["is_active"] is False
    stale = retire(world, "admin", valve.id, 1, "restore")
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "version_conflict"
    assert stale.json()["error"]["current"]["version"] == 2
    again = retire(world, "admin", valve.id, 2)
    assert (again.status_code, again.json()["error"]["fields"]) == (
        400,
        {"is_active": ["The point is already retired."]},
    )
    restored = retire(world, "admin", valve.id, 2, "restore")
    assert (restored.status_code, restored.json()["is_active"], restored["ETag"]) == (200, True, '"3"')
    changes = ConfigChange.objects.filter(subject="isolation_point", subject_id=valve.id).order_by("id")
    assert [(c.action, c.changes, c.actor_id) for c in changes] == [
        ("retire", {"is_active": [True, False]}, world["admin"].id),
        ("restore", {"is_active": [False, True]}, world["admin"].id),
    ]


def test_an_edit_is_versioned_and_its_audit_says_what_changed(world: World) -> None:
    valve = point(world)
    url = f"{POINTS}{valve.id}/"
    admin = world.client("admin")
    assert admin.patch(url, {"name": "Feed valve"}, format="json").status_code == 428
    edited = admin.patch(url, {"name": "Feed valve", "locks_required": 2}, format="json", HTTP_IF_MATCH='"1"')
    assert (edited.status_code, edited.json()["version"]) == (200, 2)
    stale = admin.patch(url, {"name": "Other"}, format="json", HTTP_IF_MATCH='"1"')
    assert (stale.status_code, stale.json()["error"]["current"]["name"]) == (409, "Feed valve")
    for body in ({"code": "X"}, {"is_active": False}, {"energy_type": "steam"}, {"locks_required": 0}):
        assert admin.patch(url, body, format="json", HTTP_IF_MATCH='"2"').status_code == 400, body
    change = ConfigChange.objects.get(subject="isolation_point", action="update")
    assert change.changes == {"name": ["Valve MV-101", "Feed valve"], "locks_required": [1, 2]}
    valve.refresh_from_db()
    assert (valve.name, valve.version, valve.is_active) == ("Feed valve", 2, True)


def test_a_retired_point_is_not_offered_and_refused_on_a_permit(world: World) -> None:
    valve = point(world)
    permit = world.create()
    assert retire(world, "admin", valve.id, 1).status_code == 200
    offered = world.client("issuer").get(f"{POINTS}?project={world.acme.project.id}&status=active").json()
    assert offered == []
    refused = world.client("issuer").post(f"{URL}{permit['id']}/isolations/", {"point_id": valve.id}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {"point_id": ["This isolation point is retired; choose another."]}
    assert not PermitIsolation.objects.exists()
    assert retire(world, "admin", valve.id, 2, "restore").status_code == 200
    assigned = world.client("issuer").post(f"{URL}{permit['id']}/isolations/", {"point_id": valve.id}, format="json")
    assert assigned.status_code == 201


def test_a_point_already_on_a_permit_may_be_retired_and_stays_there(world: World) -> None:
    valve = point(world)
    permit = world.create()
    world.client("issuer").post(f"{URL}{permit['id']}/isolations/", {"point_id": valve.id}, format="json")
    assert retire(world, "admin", valve.id, 1).status_code == 200
    listed = world.client("issuer").get(f"{URL}{permit['id']}/isolations/").json()
    assert [i["point"]["code"] for i in listed] == ["MV-101"]


def test_500_valid_rows_are_all_written_with_one_audit_row(world: World, django_assert_max_num_queries: Any) -> None:
    preview = upload(world, "admin", csv_file(rows(500)), dry_run=True).json()
    assert (preview["valid"], preview["totals"], preview["written"]) == (
        True,
        {"rows": 500, "valid": 500, "invalid": 0},
        0,
    )
    assert not IsolationPoint.objects.exists()
    # Not one query per row: SQLite inserts in batches of (999 parameters / 12 columns) rows.
    with django_assert_max_num_queries(20):
        answer = upload(world, "admin", csv_file(rows(500)), dry_run=False)
    assert (answer.status_code, answer.json()["written"]) == (201, 500)
    assert IsolationPoint.objects.filter(project=world.acme.project, is_active=True).count() == 500
    stored = IsolationPoint.objects.get(code="MV-0250")
    assert (stored.name, stored.asset_tag, stored.locks_required, stored.point_type) == (
        "Valve 250",
        "TAG-250",
        1,
        "valve",
    )
    audit = ConfigChange.objects.get(subject="isolation_point")
    assert (audit.action, audit.subject_id, audit.changes["rows"], len(audit.changes["codes"])) == (
        "import",
        None,
        500,
        500,
    )


def test_one_bad_row_in_500_writes_nothing_and_names_that_row(world: World) -> None:
    lines = rows(500)
    lines[249] = "MV-0250,Valve 250,steam,valve,,,,1,"  # row 251 of the file (the header is row 1)
    preview = upload(world, "admin", csv_file(lines), dry_run=True)
    body = preview.json()
    assert (preview.status_code, body["valid"], body["totals"]) == (
        200,
        False,
        {"rows": 500, "valid": 499, "invalid": 1},
    )
    bad = [r for r in body["rows"] if r["errors"]]
    assert bad == [{"row": 251, "code": "MV-0250", "errors": {"energy_type": [bad[0]["errors"]["energy_type"][0]]}}]
    assert "'steam' is not one of" in bad[0]["errors"]["energy_type"][0]
    committed = upload(world, "admin", csv_file(lines), dry_run=False)
    assert committed.status_code == 400
    error = committed.json()["error"]
    assert (error["code"], error["message"]) == ("import_invalid", "1 of 500 rows are invalid; nothing was written.")
    assert [r["row"] for r in error["rows"]] == [251]
    assert not IsolationPoint.objects.exists()
    assert not ConfigChange.objects.filter(subject="isolation_point").exists()


def test_query_count_of_a_preview_does_not_grow_with_rows(world: World, django_assert_num_queries: Any) -> None:
    url = f"{POINTS}import/?project={world.acme.project.id}"
    # The caller's memberships, the project, the library's codes, the project's equipment.
    for count in (5, 2000):
        client = fresh(world["admin"])
        with django_assert_num_queries(4):
            answer = client.post(url, {"file": csv_file(rows(count)), "dry_run": "true"}, format="multipart")
        assert answer.json()["totals"]["valid"] == count


def test_codes_are_judged_against_the_file_and_the_library(world: World) -> None:
    point(world, "MV-0001", is_active=False)  # retired points keep their codes
    LocationNode.objects.create(project=world.acme.project, kind="equipment", code="P-101", name="Pump P-101")
    LocationNode.objects.create(project=world.acme.project, kind="area", code="TF", name="Tank farm")
    lines = [
        "mv-0001,Valve again,process,valve,,,,1,",
        "MV-0002,Valve 2,process,valve,,,,1,P-101",
        "MV-0002,Valve 2 twice,process,valve,,,,1,",
        "MV-0003,Valve 3,process,valve,,,,1,TF",
    ]
    body = upload(world, "admin", csv_file(lines), dry_run=True).json()
    assert [(r["row"], r["errors"]) for r in body["rows"]] == [
        (2, {"code": ["An isolation point with this code is already in the library."]}),
        (3, {}),
        (4, {"code": ["The same code is on row 3."]}),
        (5, {"equipment": ["No active equipment location with this code on the project."]}),
    ]


CELLS: list[tuple[str, str, str]] = [
    # a data row, the column refused, what the reason says
    (",Valve,process,valve,,,,1,", "code", "Required."),
    ("MV-1,,process,valve,,,,1,", "name", "Required."),
    ("MV-1,Valve,,valve,,,,1,", "energy_type", "Required."),
    ("MV-1,Valve,process,tap,,,,1,", "point_type", "is not one of"),
    ("MV-1,Valve,process,valve,,,,0,", "locks_required", "from 1 to 20"),
    ("MV-1,Valve,process,valve,,,,two,", "locks_required", "from 1 to 20"),
    ("MV-1,Valve,process,valve,,,,²,", "locks_required", "from 1 to 20"),
    (f"{'M' * 61},Valve,process,valve,,,,1,", "code", "At most 60"),
    (f"MV-1,{'V' * 201},process,valve,,,,1,", "name", "At most 200"),
    ("MV-1,Valve,process,valve,,,,1,,extra", "file", "the header has 9 columns"),
]


@pytest.mark.parametrize(("line", "column", "reason"), CELLS)
def test_each_bad_cell_is_named(world: World, line: str, column: str, reason: str) -> None:
    body = upload(world, "admin", csv_file([line]), dry_run=True).json()
    assert body["valid"] is False
    assert reason in body["rows"][0]["errors"][column][0]


FILES: list[tuple[bytes, int, str]] = [
    # the file's bytes, the status, what the refusal says
    (b"", 400, "empty"),
    (b"\r\n \r\n", 400, "empty"),
    (HEADER.encode() + b"\r\n", 400, "no points"),
    ("code,name,energy_type\r\nMV-1,Vanne ré,process\r\n".encode("latin-1"), 400, "not UTF-8"),
    (b"code,name\r\nMV-1,Valve\r\n", 400, "lacks the column(s): energy_type"),
    (b"code,name,energy_type,colour\r\nMV-1,Valve,process,red\r\n", 400, "Unknown column(s) 'colour'"),
    (b"code,name,energy_type,name\r\nMV-1,Valve,process,V\r\n", 400, "named twice: name"),
    (b'code,name,energy_type\r\nMV-1,"Valve,process\r\n', 400, "not valid CSV"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 400, "not"),
    (("\r\n".join([HEADER, *rows(MAX_ROWS + 1)])).encode(), 400, f"at most {MAX_ROWS}"),
    (HEADER.encode() + b"\r\n" + b"x" * (2 * 1024 * 1024), 413, "over 2 MB"),
]


@pytest.mark.parametrize(("raw", "status", "reason"), FILES, ids=range(len(FILES)))
@pytest.mark.parametrize("dry_run", [True, False])
def test_a_file_that_is_not_the_library_csv_is_refused(
    world: World, raw: bytes, status: int, reason: str, dry_run: bool
) -> None:
    answer = upload(world, "admin", SimpleUploadedFile("points.csv", raw, content_type="text/csv"), dry_run)
    assert answer.status_code == status, answer.content[:300]
    error = answer.json()["error"]
    assert reason in f"{error['message']} {error.get('fields', {}).get('file', [''])[0]}", error
    assert not IsolationPoint.objects.exists()
    assert not ConfigChange.objects.filter(subject="isolation_point").exists()


def test_a_bad_form_is_refused(world: World) -> None:
    url = f"{POINTS}import/?project={world.acme.project.id}"
    admin = world.client("admin")
    assert admin.post(url, {"dry_run": "true"}, format="multipart").json()["error"]["fields"].keys() == {"file"}
    wrong = admin.post(url, {"file": csv_file(rows(1)), "dry_run": "maybe"}, format="multipart")
    assert wrong.json()["error"]["fields"].keys() == {"dry_run"}
    json_body = admin.post(url, {"file": "code,name"}, format="json")
    assert json_body.status_code == 415
    assert admin.post(f"{POINTS}import/?project=x", {}, format="multipart").json()["error"]["fields"].keys() == {
        "project"
    }
    assert not IsolationPoint.objects.exists()


def test_formula_like_text_is_kept_as_plain_text(world: World) -> None:
    lines = ["MV-1,\"=cmd|' /C calc'!A0\",process,valve,@SUM(1),+1,-1,1,"]
    assert upload(world, "admin", csv_file(lines), dry_run=False).status_code == 201
    stored = IsolationPoint.objects.get(code="MV-1")
    assert (stored.name, stored.asset_tag, stored.method, stored.verification_method) == (
        "=cmd|' /C calc'!A0",
        "@SUM(1)",
        "+1",
        "-1",
    )


def test_the_template_is_the_header_and_an_example_that_imports(world: World) -> None:
    template = world.client("admin").get(f"{POINTS}import/template/?project={world.acme.project.id}")
    assert template["Content-Type"] == "text/csv; charset=utf-8"
    lines = template.content.decode().splitlines()
    assert lines[0] == ",".join(COLUMNS) == HEADER
    sample = SimpleUploadedFile("t.csv", template.content, content_type="text/csv")
    assert upload(world, "admin", sample, dry_run=False).json()["written"] == 1


def test_a_header_in_another_order_and_case_with_a_bom_is_read(world: World) -> None:
    file = SimpleUploadedFile(
        "p.csv", "\ufeffName , CODE,Energy_Type\r\nValve 1,MV-1,Process\r\n".encode(), content_type="text/csv"
    )
    assert upload(world, "admin", file, dry_run=False).json()["written"] == 1
    stored = IsolationPoint.objects.get()
    assert (stored.code, stored.name, stored.energy_type, stored.locks_required) == ("MV-1", "Valve 1", "process", 1)
