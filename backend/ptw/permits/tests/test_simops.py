"""SIMOPS: the default rule matrix as a table, blocking and warned conflicts at the acts, extensions, conflicts that
go away, cross-references, the rules API, isolation-point conflicts and the site board."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from itertools import count
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework import serializers

from ptw.core.models import IdempotencyRecord
from ptw.notifications.models import Notification
from ptw.notifications.services.produce import outbox_notify
from ptw.permits.api.location_serializers import BoardConflictOut, BoardPermitOut
from ptw.permits.models import (
    ConfigChange,
    IsolationPoint,
    LocationNode,
    Permit,
    PermitEvent,
    PermitIsolation,
    PermitType,
)
from ptw.permits.records import permit_document_data
from ptw.permits.simops import DEFAULT_RULES
from ptw.permits.tests.conftest import PATHS, URL, World
from ptw.permits.workflow import TRANSITIONS

RULES = "/api/v1/ptw/simops-rules/"
PREVIEW = f"{URL}conflicts-preview/"
BOARD = "/api/v1/ptw/board/"
_numbers = count(1)


class Site:
    """Area TF (units T-1 with pumps P-1a and P-1b, T-2) and area CH (unit K-1)."""

    def __init__(self, world: World) -> None:
        project = world.acme.project

        def add(kind: str, code: str, parent: LocationNode | None) -> LocationNode:
            node = LocationNode.objects.create(project=project, kind=kind, code=code, name=code, parent=parent)
            node.area = parent.area if parent else node
            node.unit = node if kind == "unit" else (parent.unit if parent else None)
            node.save()
            return node

        self.tf = add("area", "TF", None)
        self.t1 = add("unit", "T-1", self.tf)
        self.p1a = add("equipment", "P-1a", self.t1)
        self.p1b = add("equipment", "P-1b", self.t1)
        self.t2 = add("unit", "T-2", self.tf)
        self.ch = add("area", "CH", None)
        self.k1 = add("unit", "K-1", self.ch)


@pytest.fixture
def site(world: World) -> Site:
    return Site(world)


def line_break_type(world: World) -> PermitType:
    ptype, _ = PermitType.objects.get_or_create(
        tenant=world.acme.tenant, code="line-break", defaults={"name": "Line break", "category": "line_break"}
    )
    return ptype


def ctype(world: World, category: str) -> PermitType:
    """The tenant's permit type of a category."""
    if category == "line_break":
        return line_break_type(world)
    return PermitType.objects.get(tenant=world.acme.tenant, category=category)


def live_permit(
    world: World, code: str, node: LocationNode | None, start: datetime, end: datetime, status: str = "active"
) -> Permit:
    """A permit already in a live status (the matrix needs many; the acts below walk theirs through the API)."""
    return Permit.objects.create(
        project=world.acme.project,
        permit_type=ctype(world, code),
        permit_number=f"T-{next(_numbers):05d}",
        title=f"{code} work",
        description="d",
        location="",
        location_node=node,
        planned_start=start,
        planned_end=end,
        status=status,
        requester=world["requester"],
    )


def preview(world: World, code: str, node: LocationNode, start: datetime, end: datetime) -> list[dict[str, Any]]:
    body = {
        "project": world.acme.project.id,
        "permit_type": ctype(world, code).id,
        "location_node": node.id,
        "planned_start": start.isoformat(),
        "planned_end": end.isoformat(),
    }
    response = world.client("requester").post(PREVIEW, body, format="json")
    assert response.status_code == 200, response.json()
    return list(response.json()["results"])


# Every default cell (both ways round), and a pair no rule names.
CELLS = [
    ("hot_work", "confined_space", "block"),
    ("confined_space", "hot_work", "block"),
    ("hot_work", "line_break", "block"),
    ("hot_work", "excavation", "block"),
    ("excavation", "hot_work", "block"),
    ("lifting", "general", "block"),
    ("general", "lifting", "block"),
    ("lifting", "height", "block"),  # the strongest effect wins: lifting x any (block) over height x any (warn)
    ("hot_work", "hot_work", "warn"),
    ("height", "general", "warn"),
    ("electrical", "height", "warn"),
    ("general", "electrical", None),
    ("confined_space", "excavation", None),
]
# Where the other permit is, seen from a permit on pump P-1a; the defaults are all scoped to the unit.
PLACES = {
    "same node": ("p1a", True),
    "same unit": ("p1b", True),
    "same area": ("t2", False),
    "other area": ("k1", False),
}


@pytest.mark.parametrize(("mine", "theirs", "effect"), CELLS)
@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("window", ["overlapping", "touching"])
def test_default_rule_matrix(
    world: World, site: Site, mine: str, theirs: str, effect: str | None, place: str, window: str
) -> None:
    if "line_break" in (mine, theirs):
        line_break_type(world)
    start = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    other_node, in_scope = getattr(site, PLACES[place][0]), PLACES[place][1]
    other_start = start + timedelta(hours=1) if window == "overlapping" else start + timedelta(hours=4)
    other = live_permit(world, theirs, other_node, other_start, other_start + timedelta(hours=3))
    found = preview(world, mine, site.p1a, start, start + timedelta(hours=4))
    expected = effect if in_scope and window == "overlapping" else None
    assert [c["effect"] for c in found] == ([expected] if expected else []), found
    if expected:
        conflict = found[0]
        assert conflict["other"]["id"] == other.id and conflict["kind"] == "rule" and conflict["scope"] == "unit"
        assert "in the same unit (T-1)" in conflict["reason"]


def test_a_permit_on_an_area_meets_every_unit_of_it_and_scopes_are_data(world: World, site: Site) -> None:
    start = timezone.now() + timedelta(hours=1)
    live_permit(world, "confined_space", site.t2, start, start + timedelta(hours=2))
    assert [c["effect"] for c in preview(world, "hot_work", site.tf, start, start + timedelta(hours=1))] == ["block"]
    assert preview(world, "hot_work", site.t1, start, start + timedelta(hours=1)) == []
    admin = world.client("admin")
    rules = [{**r, "scope": "area"} if r["category_b"] == "confined_space" else r for r in DEFAULT_RULES]
    version = admin.get(RULES, {"project": world.acme.project.id}).json()["version"]
    response = admin.put(
        f"{RULES}?project={world.acme.project.id}", {"rules": rules}, format="json", HTTP_IF_MATCH=f'"{version}"'
    )
    assert response.status_code == 200, response.json()
    found = preview(world, "hot_work", site.t1, start, start + timedelta(hours=1))
    assert [(c["effect"], c["scope"]) for c in found] == [("block", "area")]
    assert "in the same area (TF)" in found[0]["reason"]


def test_rules_api_is_versioned_admin_only_audited_and_refuses_bad_rules(world: World) -> None:
    project = world.acme.project.id
    got = world.client("viewer").get(RULES, {"project": project})
    assert got.status_code == 200 and got.json()["version"] == 1 and got.json()["rules"] == DEFAULT_RULES
    assert {"hot_work", "line_break"} <= set(got.json()["categories"])
    assert world.client("outsider").get(RULES, {"project": project}).status_code == 404
    url, body = f"{RULES}?project={project}", {"rules": DEFAULT_RULES[:2]}
    assert world.client("issuer").put(url, body, format="json", HTTP_IF_MATCH='"1"').status_code == 403
    admin = world.client("admin")
    assert admin.put(url, body, format="json").status_code == 428
    assert admin.put(url, body, format="json", HTTP_IF_MATCH='"7"').status_code == 409
    bad = [
        {"rules": [{"category_a": "welding", "category_b": "*", "effect": "block", "scope": "unit"}]},
        {"rules": [{"category_a": "hot_work", "category_b": "*", "effect": "stop", "scope": "unit"}]},
        {"rules": [{"category_a": "hot_work", "category_b": "*", "effect": "block", "scope": "site"}]},
        {"rules": [DEFAULT_RULES[0], {**DEFAULT_RULES[0], "category_a": "confined_space", "category_b": "hot_work"}]},
        {"rules": "all"},
        {"rules": [{"category_a": "hot_work"}]},
    ]
    for case in bad:
        response = admin.put(url, case, format="json", HTTP_IF_MATCH='"1"')
        assert response.status_code == 400, (case, response.json())
    assert not ConfigChange.objects.filter(subject="simops_rules").exists()
    done = admin.put(url, body, format="json", HTTP_IF_MATCH='"1"')
    assert done.status_code == 200 and done.json()["version"] == 2 and done.headers["ETag"] == '"2"'
    assert done.json()["rules"] == DEFAULT_RULES[:2]
    audit = ConfigChange.objects.get(subject="simops_rules")
    assert audit.actor == world["admin"] and audit.changes["before"] == DEFAULT_RULES


def _general_rules(world: World, effect: str, scope: str = "unit") -> None:
    admin = world.client("admin")
    version = admin.get(RULES, {"project": world.acme.project.id}).json()["version"]
    rules = [{"category_a": "general", "category_b": "general", "effect": effect, "scope": scope}]
    response = admin.put(
        f"{RULES}?project={world.acme.project.id}", {"rules": rules}, format="json", HTTP_IF_MATCH=f'"{version}"'
    )
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize(("scope", "node", "name"), [("unit", "p1b", "T-1"), ("area", "t2", "TF")])
def test_readiness_names_the_shared_unit_or_area_without_reading_the_permits_places(
    world: World, site: Site, scope: str, node: str, name: str
) -> None:
    """Readiness reads the permit's node without its area and unit: the reason names them from the permit it meets,
    read with its own, and no location is read apart."""
    _general_rules(world, "block", scope)
    first = world.create(location_node=site.p1a.id)
    world.walk(first["id"], PATHS["active"])
    second = world.create(location_node=getattr(site, node).id)
    world.walk(second["id"], [("submit", "requester")])
    verifier = world.client("verifier")
    with CaptureQueriesContext(connection) as ctx:
        readiness = verifier.get(f"{URL}{second['id']}/readiness/").json()
    [missing] = readiness["actions"]["verify"]["missing"]
    assert missing["code"] == "simops_conflict" and f"in the same {scope} ({name})" in missing["message"], missing
    assert not [q["sql"] for q in ctx.captured_queries if 'FROM "permits_locationnode"' in q["sql"]]
    [permit_read] = [
        q["sql"] for q in ctx.captured_queries if '"simops_rules"' in q["sql"] or "simopsruleset" in q["sql"]
    ]
    assert permit_read.count('JOIN "permits_locationnode"') == 1, permit_read  # the node, not its area and unit
    assert missing["message"] in [
        m["message"] for m in world.act(second["id"], "verify", "verifier").json()["error"]["missing"]
    ]


def test_a_block_refuses_the_later_permit_until_the_other_completes(world: World, site: Site) -> None:
    _general_rules(world, "block")
    first = world.create(location_node=site.p1a.id)
    assert first["conflicts"] == []
    world.walk(first["id"], PATHS["active"])
    second = world.create(location_node=site.p1b.id)
    assert [(c["other"]["id"], c["effect"], c["refuses"]) for c in second["conflicts"]] == [
        (first["id"], "block", True)
    ]
    world.walk(second["id"], [("submit", "requester")])
    refused = world.act(second["id"], "verify", "verifier")
    assert refused.status_code == 422
    missing = refused.json()["error"]["missing"]
    assert [m["code"] for m in missing] == ["simops_conflict"] and first["permit_number"] in missing[0]["message"]
    # The issuer of the permit in the way hears of it once, however often the act is refused.
    assert world.act(second["id"], "verify", "verifier").status_code == 422
    outbox_notify()
    alerts = Notification.objects.filter(kind="simops_conflict")
    assert [(n.recipient, n.permit_id) for n in alerts] == [(world["issuer"], first["id"])]
    assert second["permit_number"] in alerts[0].body
    readiness = world.client("verifier").get(f"{URL}{second['id']}/readiness/").json()
    assert [m["code"] for m in readiness["actions"]["verify"]["missing"]] == ["simops_conflict"]
    listed = world.client("viewer").get(f"{URL}{second['id']}/conflicts/").json()
    assert [c["other"]["permit_number"] for c in listed["results"]] == [first["permit_number"]]
    world.walk(first["id"], [("hand_back", "requester"), ("complete", "issuer")])
    assert world.client("viewer").get(f"{URL}{second['id']}/conflicts/").json()["results"] == []
    world.walk(second["id"], [("verify", "verifier"), ("approve", "issuer")])


@pytest.mark.parametrize("key", [None, "verify-blocked"])
def test_an_act_refused_by_a_conflict_is_announced_once_with_or_without_an_idempotency_key(
    world: World, site: Site, key: str | None
) -> None:
    _general_rules(world, "block")
    first = world.create(location_node=site.p1a.id)
    world.walk(first["id"], PATHS["active"])
    second = world.create(location_node=site.p1b.id)
    world.walk(second["id"], [("submit", "requester")])
    headers = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
    client = world.client("verifier")
    for _ in range(2):  # with a key, the retry is refused again (a refusal is not replayed), not announced again
        refused = client.post(
            f"{URL}{second['id']}/verify/", world.signature("verifier", "verify"), format="json", **headers
        )
        assert refused.status_code == 422, refused.json()
        assert not refused.has_header("Idempotent-Replayed")
    assert not IdempotencyRecord.objects.exists()  # the key stays free for a retry once the way is clear
    assert Permit.objects.get(pk=second["id"]).status == "submitted"
    outbox_notify()
    alerts = Notification.objects.filter(kind="simops_conflict")
    assert [(n.recipient, n.permit_id) for n in alerts] == [(world["issuer"], first["id"])]
    assert second["permit_number"] in alerts[0].body


def test_a_block_with_a_permit_under_review_is_shown_and_the_first_issued_wins(world: World, site: Site) -> None:
    _general_rules(world, "block")
    a, b = world.create(location_node=site.p1a.id), world.create(location_node=site.p1b.id)
    for permit in (a, b):
        world.walk(permit["id"], PATHS["under_review"])
    shown = world.client("issuer").get(f"{URL}{a['id']}/conflicts/").json()["results"]
    assert [(c["effect"], c["refuses"]) for c in shown] == [("block", False)]
    world.walk(a["id"], [("approve", "issuer")])
    refused = world.act(b["id"], "approve", "issuer")
    assert refused.status_code == 422 and refused.json()["error"]["missing"][0]["code"] == "simops_conflict"


def test_resume_is_refused_while_a_blocking_permit_is_issued(world: World, site: Site) -> None:
    _general_rules(world, "block")
    first = world.create(location_node=site.p1a.id)
    world.walk(first["id"], PATHS["suspended"])
    other = live_permit(
        world, "general", site.t1, timezone.now() - timedelta(hours=1), timezone.now() + timedelta(hours=3)
    )
    refused = world.act(first["id"], "resume", "issuer")
    assert refused.status_code == 422, refused.json()
    assert other.permit_number in refused.json()["error"]["missing"][0]["message"]
    other.status = "completed"
    other.save()
    assert world.act(first["id"], "resume", "issuer").status_code == 200


def test_a_warned_conflict_is_acknowledged_on_approval_on_both_timelines(world: World, site: Site) -> None:
    _general_rules(world, "warn")
    first = world.create(location_node=site.p1a.id)
    world.walk(first["id"], PATHS["active"])
    second = world.create(location_node=site.p1a.id)
    world.walk(second["id"], PATHS["under_review"])
    refused = world.act(second["id"], "approve", "issuer")
    assert refused.status_code == 422
    assert [m["code"] for m in refused.json()["error"]["missing"]] == ["simops_unacknowledged"]
    no_comment = world.act(second["id"], "approve", "issuer", acknowledge_conflicts=True)
    assert no_comment.status_code == 422
    assert Permit.objects.get(pk=second["id"]).status == "under_review"
    done = world.act(
        second["id"], "approve", "issuer", acknowledge_conflicts=True, comment="Screens up between the two crews."
    )
    assert done.status_code == 200, done.json()
    for permit_id in (first["id"], second["id"]):
        event = PermitEvent.objects.get(permit_id=permit_id, action="simops_acknowledged")
        assert "Screens up" in event.comment and event.actor == world["issuer"]
        chain = world.client("viewer").get(f"{URL}{permit_id}/events/verify/").json()
        assert chain["intact"] is True
    shown = world.client("viewer").get(f"{URL}{first['id']}/conflicts/").json()["results"]
    assert shown[0]["acknowledged"]["by"]["id"] == world["issuer"].id
    # The second permit's acknowledgement is shown on the first, but stands only for the second: the first's
    # issuer would still be asked (e.g. approving an extension of the first into the same conflict).
    assert shown[0]["needs_acknowledgement"] is True
    seen_here = world.client("viewer").get(f"{URL}{second['id']}/conflicts/").json()["results"]
    assert [c["needs_acknowledgement"] for c in seen_here] == [False]
    for permit_id in (first["id"], second["id"]):
        printed = permit_document_data(Permit.objects.get(pk=permit_id), timezone.now(), "https://example.test/q")
        assert [row[4] for row in printed["simops"]] == ["Screens up between the two crews."]
    outbox_notify()
    assert Notification.objects.filter(kind="simops_conflict", permit_id=first["id"]).count() == 1
    assert shown[0]["acknowledged"]["comment"] == "Screens up between the two crews."


def _announced(kind: str) -> list[tuple[str, int, str]]:
    """(recipient's e-mail, permit, the other permit's number in the body) of each notification of `kind`."""
    outbox_notify()
    rows = Notification.objects.filter(kind=kind).select_related("recipient").order_by("id")
    return [(n.recipient.email, n.permit_id or 0, n.body.split(" conflicts with ")[-1].split(" ")[0]) for n in rows]


def test_a_conflict_that_appears_and_goes_away_is_announced_to_the_issuers_once(world: World, site: Site) -> None:
    _general_rules(world, "warn")
    first = world.create(location_node=site.p1a.id)
    world.walk(first["id"], PATHS["active"])
    second = world.create(location_node=site.p1b.id)
    assert _announced("simops_conflict_appeared") == []  # a draft is not live: nothing conflicts yet
    world.walk(second["id"], [("submit", "requester")])
    issuer = world["issuer"].email
    appeared = [(issuer, first["id"], second["permit_number"])]
    assert _announced("simops_conflict_appeared") == appeared  # the second permit has no issuer yet
    world.walk(second["id"], [("verify", "verifier")])
    done = world.act(second["id"], "approve", "issuer", acknowledge_conflicts=True, comment="Screens up.")
    assert done.status_code == 200, done.json()
    world.walk(second["id"], [("activate", "requester"), ("suspend", "issuer"), ("resume", "issuer")])
    assert _announced("simops_conflict_appeared") == appeared  # between live statuses the pair stays: once
    assert _announced("simops_conflict_gone") == []
    world.walk(first["id"], [("hand_back", "requester"), ("complete", "issuer")])
    gone = _announced("simops_conflict_gone")
    assert sorted(gone) == sorted(
        [(issuer, first["id"], second["permit_number"]), (issuer, second["id"], first["permit_number"])]
    )
    assert _announced("simops_conflict_gone") == gone  # the outbox is read again: nothing twice
    # A permit without conflicts announces nothing when it ends.
    world.walk(second["id"], [("hand_back", "requester"), ("complete", "issuer")])
    assert _announced("simops_conflict_gone") == gone
    assert _announced("simops_conflict_appeared") == appeared


def test_a_cancelled_permit_under_review_takes_its_conflict_away(world: World, site: Site) -> None:
    _general_rules(world, "block")
    first = world.create(location_node=site.p1a.id)
    world.walk(first["id"], PATHS["approved"])
    second = world.create(location_node=site.p1b.id)
    world.walk(second["id"], [("submit", "requester")])
    world.walk(second["id"], [("cancel", "requester")])
    issuer = world["issuer"].email
    assert _announced("simops_conflict_appeared") == [(issuer, first["id"], second["permit_number"])]
    assert _announced("simops_conflict_gone") == [(issuer, first["id"], second["permit_number"])]


def test_an_extension_into_another_permits_window_announces_the_new_conflict(world: World, site: Site) -> None:
    _general_rules(world, "warn")
    permit = world.create(location_node=site.t1.id)
    world.walk(permit["id"], PATHS["active"])
    end = Permit.objects.get(pk=permit["id"]).planned_end
    other = world.create(
        location_node=site.p1b.id,
        planned_start=(end + timedelta(hours=1)).isoformat(),
        planned_end=(end + timedelta(hours=4)).isoformat(),
    )
    world.walk(other["id"], PATHS["approved"])
    assert _announced("simops_conflict_appeared") == []  # the windows do not overlap yet
    requested = world.client("requester").post(
        f"{URL}{permit['id']}/extensions/",
        {"new_end": (end + timedelta(hours=2)).isoformat(), "reason": "Flange bolts seized"},
        format="json",
    )
    assert requested.status_code == 201, requested.json()
    decided = world.client("issuer").post(
        f"{URL}{permit['id']}/extensions/{requested.json()['id']}/approve/",
        EXTENSION_ACKNOWLEDGED,
        format="json",
    )
    assert decided.status_code == 200, decided.json()
    issuer = world["issuer"].email
    assert sorted(_announced("simops_conflict_appeared")) == sorted(
        [(issuer, permit["id"], other["permit_number"]), (issuer, other["id"], permit["permit_number"])]
    )


def _extension_into_another_permit(world: World, site: Site) -> tuple[dict[str, Any], datetime, Permit, str]:
    """An active permit on T-1 asking for two more hours, into an approved permit on P-1b planned from an hour after
    its end: the permit, its planned end, the other permit and the address approving the extension."""
    permit = world.create(location_node=site.t1.id)
    world.walk(permit["id"], PATHS["active"])
    end = Permit.objects.get(pk=permit["id"]).planned_end
    other = live_permit(world, "general", site.p1b, end + timedelta(hours=1), end + timedelta(hours=4), "approved")
    requested = world.client("requester").post(
        f"{URL}{permit['id']}/extensions/",
        {"new_end": (end + timedelta(hours=2)).isoformat(), "reason": "Flange bolts seized"},
        format="json",
    )
    assert requested.status_code == 201, requested.json()
    return permit, end, other, f"{URL}{permit['id']}/extensions/{requested.json()['id']}/approve/"


EXTENSION_ACKNOWLEDGED = {"controls_reconfirmed": True, "acknowledge_conflicts": True, "comment": "Barriers set."}


def test_an_extension_into_a_warned_conflict_needs_the_deciders_acknowledgement(world: World, site: Site) -> None:
    _general_rules(world, "warn")
    permit, end, other, url = _extension_into_another_permit(world, site)
    issuer = world.client("issuer")
    for body in (
        {"controls_reconfirmed": True},
        {"controls_reconfirmed": True, "acknowledge_conflicts": True},
        {"controls_reconfirmed": True, "acknowledge_conflicts": True, "comment": "  "},
        {"controls_reconfirmed": True, "comment": "Barriers set."},
    ):
        refused = issuer.post(url, body, format="json")
        assert refused.status_code == 422, (body, refused.json())
        missing = refused.json()["error"]["missing"]
        assert [m["code"] for m in missing] == ["simops_unacknowledged"] and other.permit_number in missing[0][
            "message"
        ]
    assert Permit.objects.get(pk=permit["id"]).planned_end == end
    assert not PermitEvent.objects.filter(action="simops_acknowledged").exists()
    bad = issuer.post(url, {"controls_reconfirmed": True, "acknowledge_conflicts": "maybe"}, format="json")
    assert bad.status_code == 400 and "acknowledge_conflicts" in bad.json()["error"]["fields"]
    decided = issuer.post(url, EXTENSION_ACKNOWLEDGED, format="json")
    assert decided.status_code == 200, decided.json()
    assert Permit.objects.get(pk=permit["id"]).planned_end == end + timedelta(hours=2)
    for permit_id, named in ((permit["id"], other.permit_number), (other.id, permit["permit_number"])):
        event = PermitEvent.objects.get(permit_id=permit_id, action="simops_acknowledged")
        assert named in event.comment and "Barriers set." in event.comment and event.actor == world["issuer"]
    shown = world.client("viewer").get(f"{URL}{permit['id']}/conflicts/").json()["results"]
    assert [(c["other"]["id"], c["acknowledged"]["comment"]) for c in shown] == [(other.id, "Barriers set.")]
    assert world.client("viewer").get(f"{URL}{other.id}/events/verify/").json()["intact"] is True


def test_an_extension_into_a_blocking_permit_is_refused_naming_it(world: World, site: Site) -> None:
    _general_rules(world, "block")
    permit, end, other, url = _extension_into_another_permit(world, site)
    decided = world.client("issuer").post(
        url,
        {"controls_reconfirmed": True},
        format="json",
    )
    assert decided.status_code == 422, decided.json()
    assert decided.json()["error"]["missing"][0]["code"] == "simops_conflict"
    assert other.permit_number in decided.json()["error"]["missing"][0]["message"]
    assert Permit.objects.get(pk=permit["id"]).planned_end == end


def test_isolation_point_conflict(world: World, site: Site) -> None:
    point = IsolationPoint.objects.create(project=world.acme.project, code="V-7", name="Valve 7", energy_type="process")
    now = timezone.now()
    needing = live_permit(world, "general", site.t1, now - timedelta(hours=1), now + timedelta(hours=4))
    releasing = live_permit(world, "general", site.k1, now - timedelta(minutes=30), now + timedelta(hours=5))
    PermitIsolation.objects.create(
        permit=needing, project=needing.project, point=point, name="Valve 7", energy_type="process", status="verified"
    )
    PermitIsolation.objects.create(
        permit=releasing,
        project=releasing.project,
        point=point,
        name="Valve 7",
        energy_type="process",
        status="deisolated",
    )
    found = world.client("viewer").get(f"{URL}{needing.id}/conflicts/").json()["results"]
    assert [(c["other"]["id"], c["effect"], c["kind"], c["scope"]) for c in found] == [
        (releasing.id, "block", "isolation", None)
    ]
    assert "V-7" in found[0]["reason"]
    day = now.astimezone(world.acme.project.tz).date().isoformat()
    board = world.client("viewer").get(BOARD, {"project": world.acme.project.id, "date": day}).json()
    assert [(c["a"], c["b"], c["effect"]) for c in board["conflicts"]] == [(needing.id, releasing.id, "block")]
    PermitIsolation.objects.create(
        permit=releasing, project=releasing.project, point=point, name="Valve 7", energy_type="process"
    )
    assert world.client("viewer").get(f"{URL}{needing.id}/conflicts/").json()["results"] == []


def test_cross_references_guard_start_and_hand_back(world: World, site: Site) -> None:
    isolation_permit = world.create(title="Isolate the line")
    hot = world.create(depends_on=[isolation_permit["id"]])
    assert [p["id"] for p in hot["depends_on"]] == [isolation_permit["id"]]
    shown = world.client("viewer").get(f"{URL}{isolation_permit['id']}/").json()
    assert [p["id"] for p in shown["dependents"]] == [hot["id"]]
    world.walk(hot["id"], PATHS["approved"])
    refused = world.act(hot["id"], "activate", "requester")
    assert refused.status_code == 422
    assert [m["code"] for m in refused.json()["error"]["missing"]] == ["dependency_not_active"]
    ready = world.client("requester").get(f"{URL}{hot['id']}/readiness/").json()["actions"]["activate"]
    assert [m["code"] for m in ready["missing"]] == ["dependency_not_active"]
    world.walk(isolation_permit["id"], PATHS["active"])
    world.walk(hot["id"], [("activate", "requester")])
    refused = world.act(isolation_permit["id"], "hand_back", "requester")
    assert refused.status_code == 422
    assert [m["code"] for m in refused.json()["error"]["missing"]] == ["dependent_live"]
    world.walk(hot["id"], [("hand_back", "requester"), ("complete", "issuer")])
    world.walk(isolation_permit["id"], [("hand_back", "requester"), ("complete", "issuer")])


def test_bad_cross_references_and_nodes_are_refused(world: World, site: Site) -> None:
    a = world.create()
    b = world.create(depends_on=[a["id"]])
    client = world.client("requester")
    foreign = LocationNode.objects.create(project=world.globex.project, kind="area", code="G", name="G")
    cycle = client.patch(
        f"{URL}{a['id']}/", {"depends_on": [b["id"]]}, format="json", HTTP_IF_MATCH=f'"{a["version"]}"'
    )
    assert cycle.status_code == 400 and "depends_on" in cycle.json()["error"]["fields"]
    self_ref = client.patch(
        f"{URL}{a['id']}/", {"depends_on": [a["id"]]}, format="json", HTTP_IF_MATCH=f'"{a["version"]}"'
    )
    assert self_ref.status_code == 400
    outsider_permit = world.client("outsider").post(
        URL,
        {
            **world.permit_body(),
            "project": world.globex.project.id,
            "permit_type": world.ptype("general", world.globex).id,
        },
        format="json",
    )
    assert outsider_permit.status_code == 201
    for body in (
        {"depends_on": [outsider_permit.json()["id"]]},
        {"depends_on": ["x"]},
        {"location_node": foreign.id},
        {"location_node": "north"},
        {"planned_start": "yesterday"},
    ):
        response = client.patch(f"{URL}{a['id']}/", body, format="json", HTTP_IF_MATCH=f'"{a["version"]}"')
        assert response.status_code == 400, (body, response.json())
    assert Permit.objects.get(pk=a["id"]).version == a["version"]
    preview_bad = client.post(
        PREVIEW,
        {
            "project": world.acme.project.id,
            "permit_type": world.ptype("general").id,
            "location_node": foreign.id,
            "planned_start": timezone.now().isoformat(),
            "planned_end": (timezone.now() + timedelta(hours=1)).isoformat(),
        },
        format="json",
    )
    assert preview_bad.status_code == 400 and "location_node" in preview_bad.json()["error"]["fields"]
    assert world.client("outsider").get(f"{URL}{a['id']}/conflicts/").status_code == 404


def test_the_text_or_the_node_meets_the_required_location(world: World, site: Site) -> None:
    placed = world.create(location="", location_node=site.p1a.id)
    world.walk(placed["id"], [("submit", "requester")])
    nowhere = world.create(location="")
    refused = world.act(nowhere["id"], "submit", "requester")
    assert refused.status_code == 422
    assert "required_fields_missing" in [m["code"] for m in refused.json()["error"]["missing"]]


def _queries(client: Any, method: str, url: str, body: Any = None, **params: Any) -> tuple[int, Any]:
    call = getattr(client, method)
    call(url, body, format="json") if body is not None else call(url, params)  # warm the session and memberships
    with CaptureQueriesContext(connection) as ctx:
        response = call(url, body, format="json") if body is not None else call(url, params)
    assert response.status_code == 200, response.json()
    return len(ctx.captured_queries), response.json()


def _crowd(world: World, site: Site, n: int, start: datetime) -> None:
    nodes = [site.p1a, site.p1b, site.t2, site.k1, None]
    codes = ["general", "hot_work", "lifting", "height", "confined_space"]
    for i in range(n):
        live_permit(world, codes[i % 5], nodes[i % 5], start + timedelta(seconds=10 * i), start + timedelta(hours=3))


def test_conflict_reads_answer_in_constant_queries(world: World, site: Site) -> None:
    start = timezone.now() + timedelta(hours=1)
    mine = live_permit(world, "hot_work", site.p1a, start, start + timedelta(hours=4))
    client = world.client("viewer")
    body = {
        "project": world.acme.project.id,
        "permit_type": ctype(world, "hot_work").id,
        "location_node": site.p1a.id,
        "planned_start": start.isoformat(),
        "planned_end": (start + timedelta(hours=4)).isoformat(),
        "permit": mine.id,
    }
    _crowd(world, site, 5, start)
    few = (_queries(client, "get", f"{URL}{mine.id}/conflicts/")[0], _queries(client, "post", PREVIEW, body)[0])
    _crowd(world, site, 40, start)
    many_conflicts, found = _queries(client, "get", f"{URL}{mine.id}/conflicts/")
    many = (many_conflicts, _queries(client, "post", PREVIEW, body)[0])
    assert len(found["results"]) == 9  # the hot-work permits on P-1b (hot work x hot work, warn)
    assert few == many
    # conflicts: the permit (its project's rules, its type and node joined; its people in one query), its
    # isolations, the ids of the overlapping live permits of its area, their rows with their types and nodes, the
    # acknowledgements; preview: the rules, the project, the type, the node, the permit named and those two reads
    assert many == (6, 10)


def test_a_permit_meeting_no_other_reads_only_their_ids(world: World, site: Site) -> None:
    """Most permits meet none: the overlapping permits' ids are read, not their rows (four tables joined)."""
    start = timezone.now() + timedelta(hours=1)
    mine = live_permit(world, "hot_work", site.p1a, start, start + timedelta(hours=4))
    live_permit(world, "hot_work", site.p1b, start + timedelta(hours=5), start + timedelta(hours=6))  # later
    client = world.client("viewer")
    _queries(client, "get", f"{URL}{mine.id}/conflicts/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"{URL}{mine.id}/conflicts/").json()["results"] == []
    # the permit (with its rules, type and node), its people, its isolations, the ids of the permits it meets
    *_, met = [q["sql"] for q in ctx.captured_queries]
    assert len(ctx.captured_queries) == 4, [q["sql"] for q in ctx.captured_queries]
    assert met.split(" FROM ")[0] == 'SELECT "permits_permit"."id" AS "pk"', met


def test_the_board_of_a_day(world: World, site: Site) -> None:
    _general_rules(world, "block")
    project = world.acme.project
    day = timezone.now().astimezone(project.tz).date()
    noon = datetime.combine(day, datetime.min.time(), tzinfo=project.tz) + timedelta(hours=12)
    a = live_permit(world, "general", site.p1a, noon, noon + timedelta(hours=2))
    b = live_permit(world, "general", site.t1, noon + timedelta(hours=1), noon + timedelta(hours=3), "submitted")
    unplaced = live_permit(world, "general", None, noon, noon + timedelta(hours=1))
    live_permit(world, "general", site.k1, noon, noon + timedelta(hours=1), "completed")
    live_permit(world, "general", site.k1, noon + timedelta(days=1), noon + timedelta(days=1, hours=1))
    response = world.client("viewer").get(BOARD, {"project": project.id, "date": day.isoformat()})
    assert response.status_code == 200, response.json()
    data = response.json()
    assert [area["code"] for area in data["areas"]] == ["CH", "TF"]
    tf = data["areas"][1]
    assert [p["id"] for p in tf["permits"]] == [a.id, b.id]
    assert tf["permits"][0]["location_node"]["path"] == "TF / T-1 / P-1a"
    assert data["areas"][0]["permits"] == []
    assert [p["id"] for p in data["unplaced"]] == [unplaced.id]
    assert [(c["a"], c["b"], c["effect"]) for c in data["conflicts"]] == [(a.id, b.id, "block")]
    filtered = (
        world.client("viewer")
        .get(BOARD, {"project": project.id, "date": day.isoformat(), "status": "submitted", "area": site.tf.id})
        .json()
    )
    assert [p["id"] for a in filtered["areas"] for p in a["permits"]] == [b.id] and filtered["unplaced"] == []
    for params in ({"date": "2026-13-01"}, {"date": ""}, {"status": "draft"}, {"area": "x"}, {"project": "x"}):
        bad = world.client("viewer").get(BOARD, {"project": project.id, "date": day.isoformat(), **params})
        assert bad.status_code == 400, params
    assert world.client("outsider").get(BOARD, {"project": project.id, "date": day.isoformat()}).status_code == 404


def test_the_board_with_500_live_permits_answers_in_constant_queries(world: World, site: Site) -> None:
    project = world.acme.project
    day = timezone.now().astimezone(project.tz).date()
    start = datetime.combine(day, datetime.min.time(), tzinfo=project.tz) + timedelta(hours=6)
    client = world.client("viewer")
    _crowd(world, site, 10, start)
    few, _ = _queries(client, "get", BOARD, project=project.id, date=day.isoformat())
    _crowd(world, site, 490, start)
    many, data = _queries(client, "get", BOARD, project=project.id, date=day.isoformat())
    assert sum(len(a["permits"]) for a in data["areas"]) + len(data["unplaced"]) == 500
    assert data["conflicts"]
    # the project, the day's permits, their types, their nodes (with area and unit), the areas, the rules, the
    # isolations
    assert few == many == 7


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a race between connections needs PostgreSQL")
def test_two_conflicting_permits_approved_at_the_same_moment_only_one_is_issued(tworld: World) -> None:
    from ptw.permits.tests.test_concurrency import in_parallel

    site = Site(tworld)
    _general_rules(tworld, "block")
    permits = [tworld.create(location_node=node.id) for node in (site.p1a, site.p1b)]
    for permit in permits:
        tworld.walk(permit["id"], PATHS["under_review"])
    client = tworld.client("issuer")
    body = tworld.signature("issuer", "approve")
    responses = in_parallel([lambda p=p: client.post(f"{URL}{p['id']}/approve/", body, format="json") for p in permits])
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 422], [r.json() for r in responses]
    loser = next(r for r in responses if r.status_code == 422)
    assert loser.json()["error"]["missing"][0]["code"] == "simops_conflict"
    statuses = sorted(Permit.objects.filter(pk__in=[p["id"] for p in permits]).values_list("status", flat=True))
    assert statuses == ["approved", "under_review"]


def test_the_board_shapes_each_row_as_its_serializer_declares(world: World, site: Site) -> None:
    """The board shares the shape of a type or node among its rows: each row still equals the declared shape."""
    project = world.acme.project
    day = timezone.now().astimezone(project.tz).date()
    start = datetime.combine(day, datetime.min.time(), tzinfo=project.tz) + timedelta(hours=6)
    _crowd(world, site, 12, start)
    live_permit(world, "general", None, start, start + timedelta(hours=1))
    data = world.client("viewer").get(BOARD, {"project": project.id, "date": day.isoformat()}).json()
    rows = [row for area in data["areas"] for row in area["permits"]] + data["unplaced"]
    assert len(rows) == 13 and any(row["location_node"] is None for row in rows)
    permits = Permit.objects.select_related("permit_type", "location_node__area", "location_node__unit").in_bulk(
        [row["id"] for row in rows]
    )
    declared = BoardPermitOut()
    for row in rows:
        assert row == json.loads(json.dumps(serializers.Serializer.to_representation(declared, permits[row["id"]])))
    # Conflicts are passed through as the selector gives them: exactly the declared fields.
    assert data["conflicts"] and all(set(c) == set(BoardConflictOut().fields) for c in data["conflicts"])


def _issued_on(world: World, node: LocationNode) -> Permit:
    permit = live_permit(
        world, "general", node, timezone.now() - timedelta(hours=1), timezone.now() + timedelta(hours=6)
    )
    Permit.objects.filter(pk=permit.id).update(issuer=world["issuer"])
    return permit


def test_conflicts_made_or_undone_by_new_rules_or_a_moved_location_are_announced(world: World, site: Site) -> None:
    first, second = _issued_on(world, site.p1a), _issued_on(world, site.p1b)
    issuer = world["issuer"].email
    both = sorted([(issuer, first.id, second.permit_number), (issuer, second.id, first.permit_number)])
    assert _announced("simops_conflict_appeared") == []  # general work x general work: no default rule
    _general_rules(world, "warn")
    assert sorted(_announced("simops_conflict_appeared")) == both
    admin, url = world.client("admin"), f"/api/v1/ptw/locations/{site.p1b.id}/"
    moved = admin.patch(url, {"parent": site.t2.id}, format="json", HTTP_IF_MATCH=f'"{site.p1b.version}"')
    assert moved.status_code == 200, moved.json()
    assert sorted(_announced("simops_conflict_gone")) == both  # P-1b now sits in unit T-2: no longer the same unit
    renamed = admin.patch(url, {"name": "Pump 1b"}, format="json", HTTP_IF_MATCH=f'"{moved.json()["version"]}"')
    assert renamed.status_code == 200, renamed.json()
    back = admin.patch(url, {"parent": site.t1.id}, format="json", HTTP_IF_MATCH=f'"{renamed.json()["version"]}"')
    assert back.status_code == 200, back.json()
    assert sorted(_announced("simops_conflict_appeared")) == sorted(both + both)
    assert sorted(_announced("simops_conflict_gone")) == both  # a rename changes no conflict


def test_a_library_point_assigned_or_de_isolated_against_another_live_permit_is_announced(
    world: World, site: Site
) -> None:
    point = IsolationPoint.objects.create(project=world.acme.project, code="V-9", name="Valve 9", energy_type="process")
    released = _issued_on(world, site.k1)
    Permit.objects.filter(pk=released.id).update(status="suspended")
    PermitIsolation.objects.create(
        permit=released, project=released.project, point=point, name="V", energy_type="process", status="deisolated"
    )
    needing = world.create(location_node=site.t1.id)
    world.walk(needing["id"], [("submit", "requester")])
    assigned = world.client("issuer").post(f"{URL}{needing['id']}/isolations/", {"point_id": point.id}, format="json")
    assert assigned.status_code == 201, assigned.json()
    issuer = world["issuer"].email
    assert _announced("simops_conflict_appeared") == [(issuer, released.id, needing["permit_number"])]

    # De-isolating a point another live permit still needs makes the same conflict, from the other side.
    Permit.objects.filter(pk=released.id).update(status="completed")
    releasing = world.create(location_node=site.k1.id)
    iid = world.client("issuer").post(f"{URL}{releasing['id']}/isolations/", {"point_id": point.id}, format="json")
    step = f"{URL}{releasing['id']}/isolations/{iid.json()['id']}/"
    isolated = world.client("issuer").post(f"{step}isolate/", {"lock_numbers": ["L-9"]}, format="json")
    assert isolated.status_code == 200, isolated.json()
    assert world.client("issuer2").post(f"{step}verify/", {}, format="json").status_code == 200
    world.walk(releasing["id"], [*PATHS["active"], ("suspend", "issuer")])
    assert world.client("issuer").post(f"{step}deisolate/", {}, format="json").status_code == 200
    assert _announced("simops_conflict_appeared")[1:] == [(issuer, releasing["id"], needing["permit_number"])]


RULE_SETS = {
    "defaults": None,
    "area scope": [{"category_a": "general", "category_b": "general", "effect": "warn", "scope": "area"}],
    "any with any at a node": [{"category_a": "*", "category_b": "*", "effect": "warn", "scope": "node"}],
    "an exact none over any": [
        {"category_a": "hot_work", "category_b": "*", "effect": "block", "scope": "unit"},
        {"category_a": "hot_work", "category_b": "general", "effect": "none", "scope": "area"},
    ],
    "one pair": [{"category_a": "height", "category_b": "lifting", "effect": "warn", "scope": "unit"}],
}


@pytest.mark.parametrize("rules", list(RULE_SETS))
def test_a_permit_s_conflicts_are_those_the_board_finds_for_it(world: World, site: Site, rules: str) -> None:
    # A permit's conflicts read only the permits a rule could join (its area, its unit, the categories the rules
    # name with its own); the board pairs every permit of the day. Both must find the same conflicts.
    if RULE_SETS[rules] is not None:
        admin = world.client("admin")
        version = admin.get(RULES, {"project": world.acme.project.id}).json()["version"]
        put = admin.put(
            f"{RULES}?project={world.acme.project.id}",
            {"rules": RULE_SETS[rules]},
            format="json",
            HTTP_IF_MATCH=f'"{version}"',
        )
        assert put.status_code == 200, put.json()
    loose = LocationNode.objects.create(project=world.acme.project, kind="equipment", code="E-0", name="E-0")
    loose.parent = loose.area = site.tf
    loose.save()
    project = world.acme.project
    day = timezone.now().astimezone(project.tz).date()
    start = datetime.combine(day, datetime.min.time(), tzinfo=project.tz) + timedelta(hours=6)
    nodes = [site.p1a, site.p1b, site.t1, site.t2, site.tf, loose, site.k1, None]
    codes = ["general", "hot_work", "lifting", "height", "confined_space"]
    statuses = ["active", "under_review", "approved", "submitted", "suspended", "handback_pending", "draft"]
    permits = [
        live_permit(
            world,
            codes[i % 5],
            nodes[i % 8],
            start + timedelta(minutes=i),
            start + timedelta(hours=2),
            status=statuses[i % 7],
        )
        for i in range(42)
    ]
    live = [permit for permit in permits if permit.status != "draft"]
    board = world.client("viewer").get(BOARD, {"project": project.id, "date": day.isoformat()}).json()
    paired: dict[int, set[tuple[int, str]]] = {p.id: set() for p in live}
    for conflict in board["conflicts"]:
        paired[conflict["a"]].add((conflict["b"], conflict["effect"]))
        paired[conflict["b"]].add((conflict["a"], conflict["effect"]))
    assert any(paired.values())
    issued = {p.permit_number: p.id for p in live if p.status in ("approved", "active", "suspended")}
    refused = 0
    for permit in permits:
        found = world.client("viewer").get(f"{URL}{permit.id}/conflicts/").json()["results"]
        if permit.status != "draft":
            assert {(c["other"]["id"], c["effect"]) for c in found} == paired[permit.id], (permit.id, rules)
        # Readiness reads only the conflicts that refuse (a block with an issued permit): the same ones, for the
        # actions its status takes whose guards weigh conflicts (verify, approve); none for the others.
        refusing = {c["other"]["id"] for c in found if c["effect"] == "block" and c["other"]["id"] in issued.values()}
        weighed = [a for a, t in TRANSITIONS.items() if "simops" in t.guards and permit.status in t.sources]
        actions = world.client("viewer").get(f"{URL}{permit.id}/readiness/").json()["actions"]
        for action, answer in actions.items():
            named = {m["message"].split(" ")[2] for m in answer["missing"] if m["code"] == "simops_conflict"}
            expected = refusing if action in weighed else set()
            assert {issued[number] for number in named} == expected, (permit.id, action, rules)
        refused += len(refusing) if weighed else 0
    blocks = RULE_SETS[rules] is None or any(rule["effect"] == "block" for rule in RULE_SETS[rules] or [])
    assert (refused > 0) == blocks
