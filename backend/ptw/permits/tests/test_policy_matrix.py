"""The role x action matrix for the personas, over HTTP, and separation of duties."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ptw.permits.models import Permit
from ptw.permits.tests.conftest import URL, World

PERSONAS = ("requester", "verifier", "issuer", "admin", "viewer", "outsider")
# action, status it is taken from, the personas it succeeds for; outsiders always get 404.
MATRIX: list[tuple[str, str, set[str]]] = [
    ("submit", "draft", {"requester"}),
    ("withdraw", "submitted", {"requester"}),
    ("verify", "submitted", {"verifier"}),
    ("reject", "submitted", {"verifier"}),
    ("reject", "under_review", {"issuer"}),
    ("approve", "under_review", {"issuer"}),
    ("activate", "approved", {"requester", "issuer"}),
    ("suspend", "active", {"issuer", "verifier", "admin"}),
    ("resume", "suspended", {"issuer"}),
    ("hand_back", "active", {"requester"}),
    ("hand_back", "suspended", {"requester"}),
    ("complete", "handback_pending", {"issuer"}),
    ("refuse_handback", "handback_pending", {"issuer"}),
    ("cancel", "submitted", {"requester", "issuer"}),
    ("cancel", "approved", {"issuer"}),
    ("resubmit", "rejected", {"requester"}),
]
CASES = [(action, status, persona, persona in allowed) for action, status, allowed in MATRIX for persona in PERSONAS]


@pytest.mark.parametrize(("action", "status", "persona", "allowed"), CASES)
def test_role_action_matrix(
    world: World, permit_in: Callable[[str], dict[str, Any]], action: str, status: str, persona: str, allowed: bool
) -> None:
    permit = permit_in(status)
    readiness = world.client(persona).get(f"{URL}{permit['id']}/readiness/")
    response = world.act(permit["id"], action, persona, reason="Because of the test")
    stored = Permit.objects.get(pk=permit["id"])
    if persona == "outsider":
        assert readiness.status_code == 404
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    elif allowed:
        assert readiness.json()["actions"][action] == {"allowed": True, "relevant": True, "missing": []}
        assert response.status_code == 200, response.json()
    else:
        assert readiness.json()["actions"][action]["allowed"] is False
        assert response.status_code == 403, response.json()
        assert response.json()["error"]["code"] == "forbidden"
        codes = {m["code"] for m in response.json()["error"]["missing"]}
        assert codes <= {"not_permitted", "not_in_pool", "separation_of_duties"}
        assert codes & {m["code"] for m in readiness.json()["actions"][action]["missing"]} == codes
    if not allowed:
        assert (stored.status, stored.version) == (status, permit["version"])


def test_viewer_has_no_allowed_actions_in_any_status(world: World, permit_in: Callable[[str], dict[str, Any]]) -> None:
    for status in ("draft", "submitted", "under_review", "approved", "active", "suspended"):
        permit = permit_in(status)
        detail = world.client("viewer").get(f"{URL}{permit['id']}/").json()
        assert detail["allowed_actions"] == []
        readiness = world.client("viewer").get(f"{URL}{permit['id']}/readiness/").json()
        assert not any(entry["allowed"] for entry in readiness["actions"].values())


def test_requester_in_the_verifier_pool_cannot_verify_own_permit(world: World) -> None:
    # An EPC grade B user may both request (EPC B/C) and verify (EPC A/B).
    permit = world.create(who="verifier")
    world.walk(permit["id"], [("submit", "verifier")])
    response = world.act(permit["id"], "verify", "verifier")
    assert response.status_code == 403
    assert "separation_of_duties" in {m["code"] for m in response.json()["error"]["missing"]}
    assert world.act(permit["id"], "verify", "verifier2").status_code == 200


def test_verifier_cannot_also_approve(world: World) -> None:
    project = world.acme.project
    project.policy = {**project.policy, "verify": [*project.policy["verify"], {"side": "client", "grades": ["A"]}]}
    project.save()
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester"), ("verify", "issuer")])
    response = world.act(permit["id"], "approve", "issuer")
    assert response.status_code == 403
    assert {m["code"] for m in response.json()["error"]["missing"]} == {"separation_of_duties"}
    assert Permit.objects.get(pk=permit["id"]).status == "under_review"
    assert world.act(permit["id"], "approve", "issuer2").status_code == 200


def test_named_verifier_alone_may_verify(world: World) -> None:
    permit = world.create(verifier_id=world["verifier2"].id)
    world.walk(permit["id"], [("submit", "requester")])
    response = world.act(permit["id"], "verify", "verifier")
    assert response.status_code == 403
    assert response.json()["error"]["missing"][0]["code"] == "not_in_pool"
    assert world.act(permit["id"], "verify", "verifier2").status_code == 200


def test_policy_table_is_data_per_project(world: World) -> None:
    """Moving the verify capability to grade A only takes grade B's verifier out of the pool."""
    project = world.acme.project
    project.policy = {**project.policy, "verify": [{"side": "epc", "grades": ["A"]}]}
    project.save()
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester")])
    assert world.act(permit["id"], "verify", "verifier").status_code == 403
    assert world.act(permit["id"], "verify", "verifier2").status_code == 200
