"""Extensions and shift handovers through HTTP: who may ask and decide, the limits, shift crossings that need
the controls re-confirmed and a fresh gas test, the planned end moved (and the expiry with it), handovers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from ptw.accounts.choices import Grade, MembershipRole, Side
from ptw.accounts.models import Membership, User
from ptw.core.models import OutboxMessage
from ptw.permits.models import Permit, PermitEvent, PermitExtension, PermitTypeOverride
from ptw.permits.services.transitions import expire_due
from ptw.permits.tests.conftest import PATHS, URL, World

# A weekday morning on site (UTC project): the day shift runs 08:00-18:00, the night shift 20:00-06:00.
MORNING = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def morning() -> Any:
    with time_machine.travel(MORNING, tick=True) as traveller:
        yield traveller


def extendable(world: World, **values: Any) -> None:
    PermitTypeOverride.objects.create(
        project=world.acme.project,
        permit_type=world.ptype("general"),
        values={"closing_mode": "manual_with_extension", "max_extensions": 2, **values},
    )


def active_until(world: World, end_hour: int, **body: Any) -> dict[str, Any]:
    permit = world.create(
        planned_start=(MORNING - timedelta(minutes=15)).isoformat(),
        planned_end=MORNING.replace(hour=end_hour).isoformat(),
        **body,
    )
    world.walk(permit["id"], PATHS["active"])
    return permit


def ask(world: World, permit_id: int, end: datetime, who: str = "requester", **body: Any) -> Any:
    payload = {"new_end": end.isoformat(), "reason": "Flange bolts seized; more time to cut them out.", **body}
    return world.client(who).post(f"{URL}{permit_id}/extensions/", payload, format="json")


def decide(world: World, permit_id: int, eid: int, decision: str, who: str = "issuer", **body: Any) -> Any:
    return world.client(who).post(f"{URL}{permit_id}/extensions/{eid}/{decision}/", body, format="json")


def test_an_approved_extension_moves_the_planned_end_and_the_expiry(world: World, morning: Any) -> None:
    extendable(world)
    permit = active_until(world, 15)
    asked = ask(world, permit["id"], MORNING.replace(hour=17))
    assert asked.status_code == 201, asked.json()
    assert (asked.json()["status"], asked.json()["crosses_shift"]) == ("pending", False)
    assert ask(world, permit["id"], MORNING.replace(hour=17, minute=30)).json()["error"]["code"] == "extension_pending"
    version = Permit.objects.get(pk=permit["id"]).version
    approved = decide(world, permit["id"], asked.json()["id"], "approve")
    assert approved.status_code == 200, approved.json()
    assert (approved.json()["status"], approved.json()["decided_by"]["name"]) == ("approved", "Iris Client")
    saved = Permit.objects.get(pk=permit["id"])
    assert (saved.planned_end, saved.version) == (MORNING.replace(hour=17), version + 1)
    assert OutboxMessage.objects.filter(topic="permit.extended").count() == 1
    actions = list(PermitEvent.objects.filter(permit_id=permit["id"]).values_list("action", flat=True))
    assert actions[-2:] == ["extension_request", "extension_approve"]
    morning.move_to(MORNING.replace(hour=18))  # past the old end plus the 2 h grace
    assert expire_due() == []
    assert Permit.objects.get(pk=permit["id"]).status == "active"


@pytest.mark.parametrize(("who", "status"), [("verifier", 201), ("issuer", 403), ("viewer", 403), ("outsider", 404)])
def test_the_requester_or_verifier_asks(world: World, morning: Any, who: str, status: int) -> None:
    extendable(world)
    permit = active_until(world, 15)
    response = ask(world, permit["id"], MORNING.replace(hour=16), who=who)
    assert response.status_code == status
    assert PermitExtension.objects.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(("who", "status"), [("issuer2", 200), ("requester", 403), ("verifier", 403), ("viewer", 403)])
def test_an_issuer_decides_under_separation_of_duties(world: World, morning: Any, who: str, status: int) -> None:
    extendable(world)
    permit = active_until(world, 15)
    eid = ask(world, permit["id"], MORNING.replace(hour=16)).json()["id"]
    assert decide(world, permit["id"], eid, "approve", who=who).status_code == status
    expected_end = MORNING.replace(hour=16 if status == 200 else 15)
    assert Permit.objects.get(pk=permit["id"]).planned_end == expected_end


def test_a_rejection_needs_a_reason_and_leaves_the_end(world: World, morning: Any) -> None:
    extendable(world)
    permit = active_until(world, 15)
    eid = ask(world, permit["id"], MORNING.replace(hour=16)).json()["id"]
    assert decide(world, permit["id"], eid, "reject").status_code == 400
    rejected = decide(world, permit["id"], eid, "reject", reason="Finish tomorrow under a new permit.")
    assert rejected.json()["status"] == "rejected"
    assert decide(world, permit["id"], eid, "approve").json()["error"]["code"] == "extension_decided"
    assert Permit.objects.get(pk=permit["id"]).planned_end == MORNING.replace(hour=15)
    assert decide(world, permit["id"], eid, "postpone").status_code == 404


def test_closing_mode_status_and_limit(world: World, morning: Any) -> None:
    override = PermitTypeOverride.objects.create(
        project=world.acme.project, permit_type=world.ptype("general"), values={"closing_mode": "manual"}
    )
    permit = active_until(world, 15)
    assert ask(world, permit["id"], MORNING.replace(hour=16)).json()["error"]["code"] == "extension_not_allowed"
    override.delete()
    extendable(world, max_extensions=1)
    eid = ask(world, permit["id"], MORNING.replace(hour=16)).json()["id"]
    decide(world, permit["id"], eid, "approve")
    assert ask(world, permit["id"], MORNING.replace(hour=17)).json()["error"]["code"] == "extension_limit"
    draft = world.create()
    assert ask(world, draft["id"], MORNING.replace(hour=17)).json()["error"]["code"] == "invalid_transition"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"new_end": "2026-06-01T14:00:00+00:00"}, "new_end"),
        ({"new_end": "2026-06-02T14:00:00+00:00"}, "new_end"),
        ({"new_end": "soon"}, "new_end"),
        ({"reason": ""}, "reason"),
        ({"reason": "x" * 2001}, "reason"),
        ({"status": "approved"}, "status"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_extension_requests_change_nothing(world: World, morning: Any, body: dict[str, Any], field: str) -> None:
    extendable(world)
    permit = active_until(world, 15)
    response = ask(world, permit["id"], MORNING.replace(hour=16), **body)
    assert response.status_code == 400, response.json()
    assert field in response.json()["error"]["fields"]
    assert not PermitExtension.objects.exists()


def gas(world: World, permit_id: int, who: str = "verifier") -> None:
    for name, value, unit in (("O2", "20.9", "%vol"), ("LEL", "0", "%LEL")):
        body = {
            "gas": name,
            "value": value,
            "unit": unit,
            "instrument_id": "GD-0417",
            "calibrated_on": "2026-05-01",
            "location": "At the flange",
        }
        response = world.client(who).post(f"{URL}{permit_id}/gas-tests/", body, format="json")
        assert response.status_code == 201, response.json()


def test_an_extension_into_the_night_shift_needs_controls_and_a_fresh_gas_test(world: World, morning: Any) -> None:
    extendable(world, requires_gas_test=True)
    permit = world.create(
        planned_start=(MORNING - timedelta(minutes=15)).isoformat(), planned_end=MORNING.replace(hour=17).isoformat()
    )
    gas(world, permit["id"])
    world.walk(permit["id"], PATHS["active"])
    asked = ask(world, permit["id"], MORNING.replace(hour=21)).json()
    assert asked["crosses_shift"] is True
    refused = decide(world, permit["id"], asked["id"], "approve")
    assert refused.status_code == 400
    assert "controls_reconfirmed" in refused.json()["error"]["fields"]
    stale = decide(world, permit["id"], asked["id"], "approve", controls_reconfirmed=True)
    assert stale.status_code == 422
    assert [m["code"] for m in stale.json()["error"]["missing"]] == ["gas_retest_required"]
    gas(world, permit["id"])
    approved = decide(world, permit["id"], asked["id"], "approve", controls_reconfirmed=True)
    assert approved.status_code == 200, approved.json()
    assert approved.json()["controls_reconfirmed"] is True
    assert Permit.objects.get(pk=permit["id"]).planned_end == MORNING.replace(hour=21)


def next_shift_requester(world: World) -> User:
    user = User.objects.create_user(
        "requester2@acme.example",
        "a-long-password",
        name="Rita Nightshift",
        tenant=world.acme.tenant,
        company=world.acme.companies[Side.CONTRACTOR],
        grade=Grade.B,
    )
    Membership.objects.create(user=user, project=world.acme.project, role=MembershipRole.MEMBER)
    return user


def test_a_handover_passes_the_permit_to_the_next_performing_authority(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["active"])
    night = next_shift_requester(world)
    body = {"incoming_id": night.id, "notes": "Two flanges done, third bolted hand-tight; fire watch posted."}
    started = world.client("requester").post(f"{URL}{permit['id']}/handovers/", body, format="json")
    assert started.status_code == 201, started.json()
    hid = started.json()["id"]
    again = world.client("requester").post(f"{URL}{permit['id']}/handovers/", body, format="json")
    assert again.json()["error"]["code"] == "handover_pending"
    assert world.client("issuer").post(f"{URL}{permit['id']}/handovers/{hid}/acknowledge/").status_code == 403
    taken = world.client(night).post(f"{URL}{permit['id']}/handovers/{hid}/acknowledge/")
    assert taken.status_code == 200
    assert Permit.objects.get(pk=permit["id"]).requester_id == night.id
    # The new performing authority hands the permit back; the old one no longer may.
    assert world.act(permit["id"], "hand_back", "requester").status_code == 403
    handed = world.client(night).post(
        f"{URL}{permit['id']}/hand_back/", {"signature": {"method": "typed", "data": night.name}}, format="json"
    )
    assert handed.status_code == 200, handed.json()
    listed = world.client("viewer").get(f"{URL}{permit['id']}/handovers/").json()
    assert [(h["outgoing"]["name"], h["incoming"]["name"]) for h in listed] == [("Ravi Contractor", "Rita Nightshift")]
    assert listed[0]["acknowledged_at"] is not None


@pytest.mark.parametrize(
    ("incoming", "message"),
    [("verifier", "verifier or issuer"), ("issuer2", "request pool"), ("requester", "already in this person's hands")],
)
def test_a_handover_goes_only_to_someone_who_may_hold_the_permit(world: World, incoming: str, message: str) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["active"])
    body = {"incoming_id": world[incoming].id, "notes": "End of shift."}
    response = world.client("requester").post(f"{URL}{permit['id']}/handovers/", body, format="json")
    assert response.status_code == 400
    assert message in response.json()["error"]["fields"]["incoming_id"][0]


def test_only_an_active_permit_is_handed_over_by_its_requester(world: World) -> None:
    night = next_shift_requester(world)
    approved = world.create()
    world.walk(approved["id"], PATHS["approved"])
    body = {"incoming_id": night.id, "notes": "End of shift."}
    assert world.client("requester").post(f"{URL}{approved['id']}/handovers/", body, format="json").status_code == 409
    world.walk(approved["id"], [("activate", "requester")])
    assert world.client("issuer").post(f"{URL}{approved['id']}/handovers/", body, format="json").status_code == 403
    assert world.client("outsider").get(f"{URL}{approved['id']}/handovers/").status_code == 404
    assert timezone.now()


def _can(world: World, permit_id: int, who: str) -> dict[str, bool]:
    """Whether the caller is offered an extension and a handover (the permit's `can` says more)."""
    can = world.client(who).get(f"{URL}{permit_id}/").json()["can"]
    return {part: can[part] for part in ("extension", "handover")}


def test_the_permit_says_who_may_ask_for_an_extension_and_hand_over(world: World, morning: Any) -> None:
    permit = active_until(world, 15)
    extendable(world, closing_mode="manual")  # the type's closing mode allows no extension: nobody is offered one
    assert _can(world, permit["id"], "requester") == {"extension": False, "handover": True}
    PermitTypeOverride.objects.update(values={"closing_mode": "manual_with_extension", "max_extensions": 1})
    assert _can(world, permit["id"], "requester") == {"extension": True, "handover": True}
    assert _can(world, permit["id"], "verifier") == {"extension": True, "handover": False}
    assert _can(world, permit["id"], "issuer") == {"extension": False, "handover": False}
    assert _can(world, permit["id"], "viewer") == {"extension": False, "handover": False}
    eid = ask(world, permit["id"], MORNING.replace(hour=16)).json()["id"]
    assert _can(world, permit["id"], "requester")["extension"] is False  # one is waiting
    decide(world, permit["id"], eid, "approve")
    assert _can(world, permit["id"], "requester")["extension"] is False  # the type's one extension is used


def test_each_extension_lists_the_decisions_the_caller_may_take(world: World, morning: Any) -> None:
    extendable(world)
    permit = active_until(world, 15)
    ask(world, permit["id"], MORNING.replace(hour=16))
    for who, decisions in (("issuer", ["approve", "reject"]), ("requester", []), ("verifier", []), ("viewer", [])):
        listed = world.client(who).get(f"{URL}{permit['id']}/extensions/").json()
        assert [e["allowed_actions"] for e in listed] == [decisions], who
    eid = world.client("issuer").get(f"{URL}{permit['id']}/extensions/").json()[0]["id"]
    decided = decide(world, permit["id"], eid, "reject", reason="Not today")
    assert decided.json()["allowed_actions"] == []


def test_handover_candidates_are_only_the_people_the_handover_accepts(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["active"])
    night = next_shift_requester(world)
    listed = world.client("requester").get(f"{URL}{permit['id']}/handover-candidates/")
    assert listed.status_code == 200
    assert [c["id"] for c in listed.json()] == [night.id]
    body = {"incoming_id": night.id, "notes": "End of shift."}
    assert world.client("requester").post(f"{URL}{permit['id']}/handovers/", body, format="json").status_code == 201
    assert world.client("outsider").get(f"{URL}{permit['id']}/handover-candidates/").status_code == 404
