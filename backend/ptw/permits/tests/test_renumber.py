"""Renumbering a permit: tenant admins only, audited with the reason, unique per project, signatures voided."""

from __future__ import annotations

from typing import Any

import pytest

from ptw.accounts.models import User
from ptw.permits.models import Permit, PermitEvent
from ptw.permits.tests.conftest import PATHS, URL, World


def tenant_admin(world: World) -> User:
    User.objects.filter(pk=world["admin"].pk).update(is_tenant_admin=True)
    return User.objects.get(pk=world["admin"].pk)


def renumber(world: World, who: Any, permit_id: int, **body: Any) -> Any:
    payload = {
        "permit_number": "PTW-2026-900001",
        "reason": "Matches the paper permit issued during the outage.",
        **body,
    }
    return world.client(who).post(f"{URL}{permit_id}/renumber/", payload, format="json")


def test_a_tenant_admin_renumbers_with_an_audited_reason(world: World) -> None:
    admin = tenant_admin(world)
    permit = world.create()
    world.walk(permit["id"], PATHS["submitted"])
    response = renumber(world, admin, permit["id"], permit_number="ptw-2026-900001")
    assert response.status_code == 200, response.json()
    assert (response.json()["permit_number"], response.json()["version"]) == ("PTW-2026-900001", 3)
    event = PermitEvent.objects.filter(permit_id=permit["id"]).order_by("-seq").first()
    assert event is not None
    assert (event.action, event.comment) == ("renumber", "Matches the paper permit issued during the outage.")
    assert event.changes == {"permit_number": [permit["permit_number"], "PTW-2026-900001"]}
    signatures = world.client("viewer").get(f"{URL}{permit['id']}/signatures/").json()
    assert [(s["valid"], s["void_reason"]) for s in signatures] == [(False, "permit renumbered")]


@pytest.mark.parametrize(("who", "status"), [("admin", 403), ("requester", 403), ("issuer", 403), ("outsider", 404)])
def test_nobody_else_renumbers(world: World, who: str, status: int) -> None:
    permit = world.create()
    assert renumber(world, who, permit["id"]).status_code == status
    assert Permit.objects.get(pk=permit["id"]).permit_number == permit["permit_number"]


@pytest.mark.parametrize(
    ("body", "status", "key"),
    [
        ({"permit_number": "x"}, 400, "permit_number"),
        ({"permit_number": "PTW 2026 1"}, 400, "permit_number"),
        ({"permit_number": "A" * 21}, 400, "permit_number"),
        ({"reason": " "}, 400, "reason"),
        ({"reason": ""}, 400, "reason"),
        ({"version": 1}, 400, "version"),
    ],
)
def test_bad_renumbering_changes_nothing(world: World, body: dict[str, Any], status: int, key: str) -> None:
    admin = tenant_admin(world)
    permit = world.create()
    response = renumber(world, admin, permit["id"], **body)
    assert response.status_code == status
    assert key in response.json()["error"]["fields"]
    assert Permit.objects.get(pk=permit["id"]).permit_number == permit["permit_number"]


def test_numbers_stay_unique_and_final_permits_keep_theirs(world: World) -> None:
    admin = tenant_admin(world)
    first, second = world.create(), world.create()
    taken = renumber(world, admin, second["id"], permit_number=first["permit_number"])
    assert (taken.status_code, taken.json()["error"]["code"]) == (409, "number_in_use")
    same = renumber(world, admin, first["id"], permit_number=first["permit_number"])
    assert same.status_code == 400
    world.walk(first["id"], PATHS["completed"])
    final = renumber(world, admin, first["id"])
    assert (final.status_code, final.json()["error"]["code"]) == (409, "invalid_transition")
