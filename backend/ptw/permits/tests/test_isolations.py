"""Lockout/tagout: library, apply → verify (another person) → de-isolate, lock numbers, shared points."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from ptw.permits.chain import chain_verify
from ptw.permits.models import IsolationPoint, PermitIsolation, PermitTypeOverride
from ptw.permits.tests.conftest import URL, World

POINTS = "/api/v1/ptw/isolation-points/"


def point(world: World, code: str = "MV-101", locks: int = 1) -> IsolationPoint:
    return IsolationPoint.objects.create(
        project=world.acme.project,
        code=code,
        name=f"Valve {code}",
        energy_type="process",
        point_type="valve",
        locks_required=locks,
    )


def needs_isolation(world: World) -> None:
    PermitTypeOverride.objects.create(
        project=world.acme.project, permit_type=world.ptype("general"), values={"requires_isolation": True}
    )


def add(world: World, permit_id: int, body: dict[str, Any], who: str = "issuer") -> Any:
    return world.client(who).post(f"{URL}{permit_id}/isolations/", body, format="json")


def step(world: World, permit_id: int, iid: int, name: str, who: str, **body: Any) -> Any:
    return world.client(who).post(f"{URL}{permit_id}/isolations/{iid}/{name}/", body, format="json")


def applied(world: World, permit_id: int, lock: str, code: str = "MV-101") -> int:
    iid = add(world, permit_id, {"point_id": point(world, code).id}).json()["id"]
    assert step(world, permit_id, iid, "isolate", "issuer", lock_numbers=[lock]).status_code == 200
    return int(iid)


def test_library_is_written_by_admins_and_read_by_members(world: World) -> None:
    project = world.acme.project.id
    body = {
        "code": "CB-12",
        "name": "Breaker 12, MCC-3",
        "energy_type": "electrical",
        "point_type": "breaker",
        "locks_required": 2,
        "verification_method": "Try-start at local station",
    }
    assert world.client("requester").post(f"{POINTS}?project={project}", body, format="json").status_code == 403
    created = world.client("admin").post(f"{POINTS}?project={project}", body, format="json")
    assert created.status_code == 201
    duplicate = world.client("admin").post(f"{POINTS}?project={project}", body, format="json")
    assert duplicate.status_code == 400
    assert "code" in duplicate.json()["error"]["fields"]
    listed = world.client("viewer").get(f"{POINTS}?project={project}").json()
    assert [p["code"] for p in listed] == ["CB-12"]
    assert world.client("outsider").get(f"{POINTS}?project={project}").status_code == 404
    patched = world.client("admin").patch(
        f"{POINTS}{created.json()['id']}/", {"locks_required": 3}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert (patched.status_code, patched.json()["locks_required"], patched.json()["version"]) == (200, 3, 2)


def test_apply_verify_deisolate_by_different_people(world: World) -> None:
    needs_isolation(world)
    permit = world.create()
    pid = permit["id"]
    iid = add(world, pid, {"point_id": point(world, locks=2).id}).json()["id"]
    assert step(world, pid, iid, "isolate", "issuer", lock_numbers=["L-1"]).status_code == 400  # 2 locks needed
    isolated = step(world, pid, iid, "isolate", "issuer", lock_numbers=["L-1", "L-2"])
    assert isolated.status_code == 200
    assert (isolated.json()["status"], isolated.json()["isolated_by"]["name"]) == ("isolated", world["issuer"].name)
    listed = {who: world.client(who).get(f"{URL}{pid}/isolations/").json() for who in ("issuer", "issuer2", "viewer")}
    # A draft: no work under way, so it may come off; the person who applied it may not verify it.
    assert [i["allowed_actions"] for i in listed["issuer"]] == [["deisolate"]]
    assert [i["allowed_actions"] for i in listed["issuer2"]] == [["verify", "deisolate"]]
    assert [i["allowed_actions"] for i in listed["viewer"]] == [[]]
    own = step(world, pid, iid, "verify", "issuer")
    assert own.status_code == 403
    assert own.json()["error"]["missing"][0]["code"] == "separation_of_duties"
    verified = step(world, pid, iid, "verify", "issuer2")
    assert (verified.status_code, verified.json()["status"]) == (200, "verified")
    assert verified.json()["allowed_actions"] == ["deisolate"]
    world.walk(pid, [("submit", "requester"), ("verify", "verifier"), ("approve", "issuer")])
    deisolated = step(world, pid, iid, "deisolate", "issuer")
    assert (deisolated.status_code, deisolated.json()["status"]) == (200, "deisolated")
    assert chain_verify(pid).valid


def test_approve_needs_every_isolation_verified(world: World) -> None:
    needs_isolation(world)
    permit = world.create()
    pid = permit["id"]
    world.walk(pid, [("submit", "requester"), ("verify", "verifier")])
    readiness = world.client("issuer").get(f"{URL}{pid}/readiness/").json()["actions"]["approve"]
    assert [m["code"] for m in readiness["missing"]] == ["isolation_missing"]
    iid = applied(world, pid, "L-7")
    readiness = world.client("issuer").get(f"{URL}{pid}/readiness/").json()["actions"]["approve"]
    assert [m["code"] for m in readiness["missing"]] == ["isolation_not_verified"]
    refused = world.act(pid, "approve", "issuer")
    assert refused.status_code == 422
    assert [m["code"] for m in refused.json()["error"]["missing"]] == ["isolation_not_verified"]
    assert step(world, pid, iid, "verify", "verifier").status_code == 200
    assert world.act(pid, "approve", "issuer").status_code == 200


def test_a_lock_number_is_on_one_live_isolation_only(world: World) -> None:
    first, second = world.create(), world.create()
    applied(world, first["id"], "L-42", "MV-1")
    iid = add(world, second["id"], {"point_id": point(world, "MV-2").id}).json()["id"]
    response = step(world, second["id"], iid, "isolate", "issuer", lock_numbers=["L-42"])
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "lock_in_use"
    assert PermitIsolation.objects.get(pk=iid).status == "assigned"


def test_a_released_lock_number_may_be_used_again(world: World) -> None:
    first, second = world.create(), world.create()
    iid = applied(world, first["id"], "L-9", "MV-1")
    assert step(world, first["id"], iid, "deisolate", "issuer").status_code == 200
    other = add(world, second["id"], {"point_id": point(world, "MV-2").id}).json()["id"]
    assert step(world, second["id"], other, "isolate", "issuer", lock_numbers=["L-9"]).status_code == 200


def test_two_concurrent_isolations_with_the_same_lock_one_succeeds(tworld: World) -> None:
    first, second = tworld.create(), tworld.create()
    ids = [
        (p["id"], add(tworld, p["id"], {"point_id": point(tworld, f"MV-{n}").id}).json()["id"])
        for n, p in enumerate((first, second))
    ]
    barrier, codes = threading.Barrier(2), []

    def isolate(pid: int, iid: int, who: str) -> None:
        try:
            barrier.wait()
            codes.append(step(tworld, pid, iid, "isolate", who, lock_numbers=["L-1"]).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=isolate, args=(pid, iid, who))
        for (pid, iid), who in zip(ids, ("issuer", "issuer2"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(codes) == [200, 409]
    assert PermitIsolation.objects.filter(status="isolated").count() == 1


def test_a_shared_point_is_released_only_when_no_live_permit_depends_on_it(world: World) -> None:
    mv = point(world)
    a, b = world.create(), world.create()
    ia = add(world, a["id"], {"point_id": mv.id}).json()["id"]
    ib = add(world, b["id"], {"point_id": mv.id}).json()["id"]
    assert step(world, a["id"], ia, "isolate", "issuer", lock_numbers=["A-1"]).status_code == 200
    assert step(world, b["id"], ib, "isolate", "issuer", lock_numbers=["B-1"]).status_code == 200
    assert step(world, b["id"], ib, "verify", "issuer2").status_code == 200
    world.walk(b["id"], [("submit", "requester"), ("verify", "verifier"), ("approve", "issuer")])
    blocked = step(world, a["id"], ia, "deisolate", "issuer")
    assert blocked.status_code == 409
    assert blocked.json()["error"]["code"] == "point_in_use"
    assert b["permit_number"] in blocked.json()["error"]["message"]
    assert step(world, b["id"], ib, "deisolate", "issuer").status_code == 200
    assert step(world, a["id"], ia, "deisolate", "issuer").status_code == 200


def test_active_work_must_stop_before_de_isolation(world: World) -> None:
    needs_isolation(world)
    permit = world.create()
    pid = permit["id"]
    iid = applied(world, pid, "L-3")
    assert step(world, pid, iid, "verify", "issuer2").status_code == 200
    world.walk(pid, [("submit", "requester"), ("verify", "verifier"), ("approve", "issuer"), ("activate", "requester")])
    assert [i["allowed_actions"] for i in world.client("issuer").get(f"{URL}{pid}/isolations/").json()] == [[]]
    response = step(world, pid, iid, "deisolate", "issuer")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "work_not_stopped"
    world.walk(pid, [("suspend", "issuer")])
    assert step(world, pid, iid, "deisolate", "issuer").status_code == 200


def test_an_isolation_on_a_type_not_requiring_it_still_binds_approval_and_completion(world: World) -> None:
    """A point put on a permit is part of its safety plan: applied and verified before approval, removed before
    completion, even when the permit type does not ask for isolation."""
    permit = world.create()
    pid = permit["id"]
    world.walk(pid, [("submit", "requester"), ("verify", "verifier")])
    approve = world.client("issuer").get(f"{URL}{pid}/readiness/").json()["actions"]["approve"]
    assert approve["allowed"] is True
    iid = applied(world, pid, "L-31")
    refused = world.act(pid, "approve", "issuer")
    assert refused.status_code == 422
    assert [m["code"] for m in refused.json()["error"]["missing"]] == ["isolation_not_verified"]
    assert step(world, pid, iid, "verify", "issuer2").status_code == 200
    world.walk(pid, [("approve", "issuer"), ("activate", "requester"), ("suspend", "issuer")])
    handed = world.act(pid, "hand_back", "requester")
    assert handed.status_code == 422
    assert [m["code"] for m in handed.json()["error"]["missing"]] == ["deisolation_required"]
    assert step(world, pid, iid, "deisolate", "issuer").status_code == 200
    assert world.act(pid, "hand_back", "requester").status_code == 200
    accepted = world.act(pid, "complete", "issuer")
    assert accepted.status_code == 422
    assert [m["code"] for m in accepted.json()["error"]["missing"]] == ["reinstatement_pending"]
    assert step(world, pid, iid, "reinstate", "requester", tested=True).status_code == 200
    assert world.act(pid, "complete", "issuer").status_code == 200


def test_hand_back_needs_de_isolation_and_cancel_needs_it_too(world: World) -> None:
    needs_isolation(world)
    permit = world.create()
    pid = permit["id"]
    iid = applied(world, pid, "L-5")
    assert step(world, pid, iid, "verify", "issuer2").status_code == 200
    world.walk(
        pid,
        [
            ("submit", "requester"),
            ("verify", "verifier"),
            ("approve", "issuer"),
            ("activate", "requester"),
            ("suspend", "issuer"),
        ],
    )
    hand_back = world.client("requester").get(f"{URL}{pid}/readiness/").json()["actions"]["hand_back"]
    assert "deisolation_required" in [m["code"] for m in hand_back["missing"]]
    cancel = world.act(pid, "cancel", "issuer", reason="Scope withdrawn")
    assert cancel.status_code == 422
    assert [m["code"] for m in cancel.json()["error"]["missing"]] == ["deisolation_required"]
    assert step(world, pid, iid, "deisolate", "issuer").status_code == 200
    assert world.act(pid, "cancel", "issuer", reason="Scope withdrawn").status_code == 200


@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_viewers_and_outsiders_cannot_touch_isolations(world: World, who: str) -> None:
    permit = world.create()
    response = add(world, permit["id"], {"point_id": point(world).id}, who=who)
    assert response.status_code == (403 if who == "viewer" else 404)
    assert not PermitIsolation.objects.exists()


def test_the_register_lists_live_isolations_in_scope(world: World) -> None:
    permit = world.create()
    applied(world, permit["id"], "L-77")
    rows = world.client("viewer").get(f"/api/v1/ptw/isolations/?project={world.acme.project.id}").json()["results"]
    assert [(r["permit"]["permit_number"], r["lock_numbers"], r["status"]) for r in rows] == [
        (permit["permit_number"], ["L-77"], "isolated")
    ]
    assert world.client("outsider").get("/api/v1/ptw/isolations/").json()["count"] == 0
