"""Hand-back end to end: a hot-work permit handed back by its requester, the fire watch counted down on the permit
page, signed off by its keeper once its time is up, and the hand-back accepted by the issuer.

The project's hot-work type gets a one-minute fire watch (and no crew rules, covered by test_safety_controls.py)
through its per-project override for this test, restored afterwards; the permit reaches active through the API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from conftest import PageOpener
from flows import (
    ADMIN,
    HOT_WORK,
    ISSUER,
    REQUESTER,
    VERIFIER,
    ApiSessions,
    action_button,
    expect_status,
    open_tab,
    permit_path,
    safe_gas_tested,
    take_action,
    unique,
)
from playwright.sync_api import expect
from support import Screenshot

TYPES = "/api/v1/ptw/permit-types/"


def override(api: ApiSessions, values: dict[str, Any]) -> None:
    admin = api(ADMIN)
    ptype = admin.permit_type(HOT_WORK)
    url = f"{TYPES}{ptype['id']}/?project={admin.project['id']}"
    current = admin.http.get(url)
    assert current.status_code == 200, current.text
    admin.send("PATCH", url, json=values, headers={"If-Match": current.headers["ETag"]})


@pytest.fixture
def one_minute_fire_watch(api: ApiSessions) -> Iterator[None]:
    base = api(ADMIN).permit_type(HOT_WORK)
    override(api, {"fire_watch_minutes": 1, "requires_toolbox_talk": False, "min_workers": 0})
    yield
    override(
        api,
        {
            "fire_watch_minutes": base["fire_watch_minutes"],
            "requires_toolbox_talk": base["requires_toolbox_talk"],
            "min_workers": base["min_workers"],
        },
    )


def active_hot_work(api: ApiSessions) -> dict[str, Any]:
    requester = api(REQUESTER)
    permit = requester.create_permit(
        unique("Weld support shoe on fire-water line"),
        type_name=HOT_WORK,
        parameters={"hot_work_kind": "Welding", "fire_watcher": VERIFIER.name},
    )
    requester.act(permit, "submit")
    safe_gas_tested(api, permit)
    api(VERIFIER).act(permit, "verify")
    api(ISSUER).act(permit, "approve")
    requester.act(permit, "activate")
    closeout = requester.send("GET", f"/api/v1/ptw/permits/{permit['id']}/closeout/")
    answers = {item["key"]: {"done": True} for item in closeout["items"]}
    requester.send(
        "PUT", f"/api/v1/ptw/permits/{permit['id']}/closeout/", json={"answers": answers}, headers={"If-Match": '"1"'}
    )
    return permit


def test_hot_work_handed_back_fire_watch_counted_down_then_accepted(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot, one_minute_fire_watch: None
) -> None:
    permit = active_hot_work(api)
    path = f"/api/v1/ptw/permits/{permit['id']}/fire-watch/"
    keeper = api(VERIFIER).me

    # The requester cannot hand back before the fire watch is recorded; they record it on the closeout tab.
    requester = open_page(REQUESTER)
    requester.goto(permit_path(permit))
    expect_status(requester, "Active")
    expect(action_button(requester, "Hand back")).to_be_disabled()
    closeout = open_tab(requester, re.compile(r"^Closeout"))
    watch = closeout.get_by_role("region", name="Fire watch")
    expect(watch.get_by_text("Not recorded yet")).to_be_visible()
    api(REQUESTER).send(
        "PUT",
        path,
        json={"hot_work_ended_at": datetime.now(UTC).isoformat(), "keeper_id": keeper["id"]},
        headers={"If-Match": '"1"'},
    )
    requester.reload()
    take_action(requester, "Hand back", signer=REQUESTER)
    expect_status(requester, "Handed back")
    # The requester may not accept their own hand-back: the action is not offered to them.
    expect(action_button(requester, "Accept hand-back")).to_have_count(0)

    # The permit page counts the fire watch down.
    closeout = open_tab(requester, re.compile(r"^Closeout"))
    countdown = closeout.get_by_role("timer", name="Fire watch time left")
    expect(countdown).to_contain_text(re.compile(r"Fire watch: 00:[0-5]\d left"))
    screenshot("fire-watch-countdown", requester)

    # The issuer sees the acceptance waiting for the fire watch.
    issuer = open_page(ISSUER)
    issuer.goto(permit_path(permit))
    expect_status(issuer, "Handed back")
    expect(action_button(issuer, "Accept hand-back")).to_be_disabled()

    # Once the minute has run, the keeper signs the fire watch off.
    verifier = open_page(VERIFIER)
    verifier.goto(permit_path(permit))
    verifier_closeout = open_tab(verifier, re.compile(r"^Closeout"))
    sign_off = verifier_closeout.get_by_role("button", name="Sign off fire watch")
    expect(sign_off).to_be_visible(timeout=120_000)
    verifier_closeout.get_by_label("Fire watch remarks").fill("Area checked cold, no smouldering.")
    sign_off.click()
    expect(verifier_closeout.get_by_text(re.compile(r"^Signed off "))).to_be_visible()

    # The issuer accepts the hand-back: the permit is completed.
    issuer.reload()
    take_action(issuer, "Accept hand-back", signer=ISSUER)
    expect_status(issuer, "Completed")
    timeline = open_tab(issuer, re.compile(r"^Timeline"))
    entries = timeline.get_by_role("listitem")
    for label, person in (
        ("Hand back", REQUESTER),
        ("Fire watch signed off", VERIFIER),
        ("Accept hand-back", ISSUER),
    ):
        expect(entries.filter(has_text=re.compile(rf"^{label}\s*by {person.name}")).first).to_be_visible()
    screenshot("hand-back-accepted", issuer)
