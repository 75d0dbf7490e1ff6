"""Signatures bound to content: required on signed acts, voided by edits and resubmission."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ptw.permits.models import Permit, PermitSignature
from ptw.permits.tests.conftest import PATHS, URL, World


def signatures(world: World, permit_id: int) -> list[dict[str, Any]]:
    return world.client("viewer").get(f"{URL}{permit_id}/signatures/").json()


@pytest.mark.parametrize(
    ("signature", "message"),
    [
        (None, "Sign to submit: type your full name."),
        ({"method": "typed", "data": "Somebody Else"}, "Type your full name as registered: Ravi Contractor."),
        ({"method": "drawn", "data": "data:image/gif;base64,AAAA"}, "A drawn signature must be a PNG data URL"),
        ({"method": "drawn", "data": "data:image/png;base64," + "A" * 200_001}, None),
    ],
)
def test_a_signed_act_needs_a_valid_signature(world: World, signature: Any, message: str | None) -> None:
    permit = world.create()
    body = {"signature": signature} if signature else {}
    response = world.client("requester").post(f"{URL}{permit['id']}/submit/", body, format="json")
    assert response.status_code == 400
    assert "signature" in response.json()["error"]["fields"]
    if message:
        assert response.json()["error"]["fields"]["signature"][0].startswith(message)
    assert Permit.objects.get(pk=permit["id"]).status == "draft"
    assert not PermitSignature.objects.exists()


def test_each_signed_act_stores_signer_role_method_and_content_hash(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["completed"])
    rows = signatures(world, permit["id"])
    assert [(r["action"], r["signer"]["name"], r["role"], r["method"], r["valid"]) for r in rows] == [
        ("submit", "Ravi Contractor", "requester", "typed", True),
        ("verify", "Vera EPC", "verifier", "typed", True),
        ("approve", "Iris Client", "issuer", "typed", True),
        ("activate", "Ravi Contractor", "requester", "typed", True),
        ("complete", "Ravi Contractor", "requester", "typed", True),
    ]
    assert len({r["content_hash"] for r in rows}) == 1
    assert all(len(r["content_hash"]) == 64 for r in rows)


def test_a_drawn_signature_is_accepted(world: World) -> None:
    permit = world.create()
    drawn = {"method": "drawn", "data": "data:image/png;base64,iVBORw0KGgo="}
    response = world.act(permit["id"], "submit", "requester", signature=drawn)
    assert response.status_code == 200
    assert signatures(world, permit["id"])[0]["method"] == "drawn"


def test_resubmission_voids_the_earlier_signatures(world: World, permit_in: Callable[[str], dict[str, Any]]) -> None:
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester"), ("verify", "verifier"), ("reject", "issuer")])
    world.walk(permit["id"], [("resubmit", "requester")])
    rows = signatures(world, permit["id"])
    assert [(r["action"], r["valid"], r["void_reason"]) for r in rows] == [
        ("submit", False, "permit resubmitted"),
        ("verify", False, "permit resubmitted"),
        ("resubmit", True, ""),
    ]


def test_an_edit_after_submit_voids_the_signatures(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester"), ("reject", "verifier")])
    version = Permit.objects.get(pk=permit["id"]).version
    edit = world.client("requester").patch(
        f"{URL}{permit['id']}/", {"hazards": "Also: hot surfaces"}, format="json", HTTP_IF_MATCH=f'"{version}"'
    )
    assert edit.status_code == 200
    rows = signatures(world, permit["id"])
    assert [(r["action"], r["valid"], r["void_reason"]) for r in rows] == [
        ("submit", False, "permit edited after signing")
    ]
