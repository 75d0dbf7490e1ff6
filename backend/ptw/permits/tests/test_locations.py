"""The location tree API: project admins write (versioned, audited), members read, outsiders get 404."""

from __future__ import annotations

import io
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from ptw.permits.models import ConfigChange, LocationNode
from ptw.permits.tests.conftest import URL, World

LOC = "/api/v1/ptw/locations/"


def node(world: World, kind: str, code: str, parent: int | None = None, **extra: Any) -> dict[str, Any]:
    body = {"project": world.acme.project.id, "kind": kind, "code": code, "name": extra.pop("name", code), **extra}
    if parent is not None:
        body["parent"] = parent
    response = world.client("admin").post(LOC, body, format="json")
    assert response.status_code == 201, response.json()
    return dict(response.json())


def tree(world: World) -> dict[str, dict[str, Any]]:
    area = node(world, "area", "TF", name="Tank farm", plan_x=None)
    unit = node(world, "unit", "T-3", area["id"], plan_x=0.4, plan_y=0.6)
    pump = node(world, "equipment", "P-301", unit["id"], name="Pump P-301")
    return {"area": area, "unit": unit, "pump": pump}


def png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def test_admin_builds_a_tree_and_members_read_it(world: World) -> None:
    t = tree(world)
    assert t["pump"]["path"] == "Tank farm / T-3 / Pump P-301"
    assert (t["pump"]["area"], t["pump"]["unit"]) == (t["area"]["id"], t["unit"]["id"])
    assert (t["area"]["area"], t["area"]["unit"], t["unit"]["unit"]) == (t["area"]["id"], None, t["unit"]["id"])
    assert t["unit"]["plan_x"] == 0.4
    viewer = world.client("viewer")
    listed = viewer.get(LOC, {"project": world.acme.project.id, "kind": "equipment"}).json()
    assert [n["code"] for n in listed["results"]] == ["P-301"]
    whole = viewer.get(f"{LOC}tree/", {"project": world.acme.project.id})
    assert whole.status_code == 200 and whole.headers["ETag"]
    assert {n["code"] for n in whole.json()["nodes"]} == {"TF", "T-3", "P-301"}
    assert ConfigChange.objects.filter(subject="location", action="create").count() == 3


def test_members_may_not_write_and_outsiders_see_nothing(world: World) -> None:
    t = tree(world)
    body = {"project": world.acme.project.id, "kind": "area", "code": "X", "name": "X"}
    assert world.client("requester").post(LOC, body, format="json").status_code == 403
    outsider = world.client("outsider")
    assert outsider.get(f"{LOC}{t['unit']['id']}/").status_code == 404
    assert outsider.get(LOC, {"project": world.acme.project.id}).status_code == 404
    assert outsider.patch(f"{LOC}{t['unit']['id']}/", {"name": "Y"}, format="json").status_code == 404
    assert outsider.post(LOC, body, format="json").status_code == 400  # the project is named in the body


def test_bad_nodes_are_refused_and_change_nothing(world: World) -> None:
    t = tree(world)
    admin = world.client("admin")
    project = world.acme.project.id
    other_area = LocationNode.objects.create(project=world.globex.project, kind="area", code="G", name="G")
    cases = [
        ({"kind": "unit", "code": "U", "name": "U"}, "parent"),  # a unit needs an area
        ({"kind": "area", "code": "A2", "name": "A", "parent": t["area"]["id"]}, "parent"),
        ({"kind": "unit", "code": "U", "name": "U", "parent": t["pump"]["id"]}, "parent"),
        ({"kind": "unit", "code": "U", "name": "U", "parent": other_area.id}, "parent"),
        ({"kind": "area", "code": "TF", "name": "Duplicate"}, "code"),
        ({"kind": "area", "code": "A3", "name": "A", "plan_x": 1.5}, "plan_x"),
        ({"kind": "site", "code": "A4", "name": "A"}, "kind"),
    ]
    before = LocationNode.objects.count()
    for body, field in cases:
        response = admin.post(LOC, {"project": project, **body}, format="json")
        assert response.status_code == 400, (body, response.json())
        assert field in response.json()["error"]["fields"], (body, response.json())
    assert LocationNode.objects.count() == before
    assert admin.get(LOC, {"project": project, "kind": "site"}).status_code == 400
    assert admin.get(LOC, {"project": "x"}).status_code == 400


def test_updates_need_if_match_and_deactivation_keeps_permits(world: World) -> None:
    t = tree(world)
    admin = world.client("admin")
    url = f"{LOC}{t['unit']['id']}/"
    assert admin.patch(url, {"name": "Tank 3"}, format="json").status_code == 428
    assert admin.patch(url, {"name": "Tank 3"}, format="json", HTTP_IF_MATCH='"9"').status_code == 409
    done = admin.patch(url, {"name": "Tank 3"}, format="json", HTTP_IF_MATCH=f'"{t["unit"]["version"]}"')
    assert done.status_code == 200 and done.json()["version"] == t["unit"]["version"] + 1
    assert admin.get(f"{LOC}{t['pump']['id']}/").json()["path"] == "Tank farm / Tank 3 / Pump P-301"
    permit = world.client("requester").post(URL, world.permit_body(location_node=t["pump"]["id"]), format="json")
    assert permit.status_code == 201, permit.json()
    assert permit.json()["location_node"]["path"] == "Tank farm / Tank 3 / Pump P-301"
    gone = admin.delete(url)
    assert gone.status_code == 200 and gone.json()["is_active"] is False
    assert LocationNode.objects.get(pk=t["pump"]["id"]).is_active is False
    shown = world.client("requester").get(f"{URL}{permit.json()['id']}/").json()
    assert shown["location_node"]["id"] == t["pump"]["id"]
    refused = world.client("requester").post(URL, world.permit_body(location_node=t["pump"]["id"]), format="json")
    assert refused.status_code == 400 and "location_node" in refused.json()["error"]["fields"]
    tree_now = admin.get(f"{LOC}tree/", {"project": world.acme.project.id}).json()
    assert [n["code"] for n in tree_now["nodes"]] == ["TF"]
    assert set(ConfigChange.objects.values_list("action", flat=True)) == {"create", "update", "deactivate"}


def test_plot_plan_upload_and_read(world: World) -> None:
    t = tree(world)
    admin = world.client("admin")
    url = f"{LOC}{t['area']['id']}/plot-plan/"
    image = io.BytesIO(png())
    image.name = "plan.png"
    done = admin.put(url, {"file": image}, format="multipart")
    assert done.status_code == 200, done.json()
    assert done.json()["plot_plan_url"].startswith(url)
    got = world.client("viewer").get(url)
    assert got.status_code == 200 and got["Content-Type"] == "image/png" and got.content == png()
    assert world.client("outsider").get(url).status_code == 404
    for name, raw in (("x.png", b"not an image"), ("x.gif", _gif())):
        bad = io.BytesIO(raw)
        bad.name = name
        response = admin.put(url, {"file": bad}, format="multipart")
        assert response.status_code == 400 and "file" in response.json()["error"]["fields"], response.json()
    unit_image = io.BytesIO(png())
    unit_image.name = "u.png"
    response = admin.put(f"{LOC}{t['unit']['id']}/plot-plan/", {"file": unit_image}, format="multipart")
    assert response.status_code == 400
    assert world.client("viewer").get(url).content == png()


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    return out.getvalue()


def test_isolation_points_name_their_equipment(world: World) -> None:
    t = tree(world)
    admin = world.client("admin")
    body = {"code": "V-301", "name": "Suction valve", "energy_type": "process", "equipment": t["pump"]["id"]}
    response = admin.post(f"/api/v1/ptw/isolation-points/?project={world.acme.project.id}", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["equipment"] == t["pump"]["id"]
    other = LocationNode.objects.create(project=world.globex.project, kind="area", code="G", name="G")
    body = {**body, "code": "V-302", "equipment": other.id}
    response = admin.post(f"/api/v1/ptw/isolation-points/?project={world.acme.project.id}", body, format="json")
    assert response.status_code == 400 and "equipment" in response.json()["error"]["fields"]


def test_a_permits_reads_leave_its_areas_plot_plan_unread(world: World) -> None:
    """A plot plan may be 5 MB: a permit placed under the area is read (detail, readiness, every act on it) without
    those bytes, which only the plot plan's own address serves."""
    t = tree(world)
    image = io.BytesIO(png())
    image.name = "plan.png"
    uploaded = world.client("admin").put(f"{LOC}{t['area']['id']}/plot-plan/", {"file": image}, format="multipart")
    assert uploaded.status_code == 200
    created = world.client("requester").post(URL, world.permit_body(location_node=t["pump"]["id"]), format="json")
    assert created.status_code == 201, created.json()
    permit = created.json()
    reader = world.client("requester")
    with CaptureQueriesContext(connection) as read:
        for suffix in ("", "readiness/", "conflicts/"):
            assert reader.get(f"{URL}{permit['id']}/{suffix}").status_code == 200
        submitted = world.act(permit["id"], "submit", "requester")
        assert submitted.status_code == 200, submitted.json()
    selected = [q["sql"].split(" FROM ")[0] for q in read.captured_queries if q["sql"].startswith("SELECT")]
    assert selected and not [s for s in selected if '."plot_plan",' in s or s.endswith('."plot_plan"')]
