"""SIMOPS end to end: a hot-work permit raised beside a live confined space entry shows the conflict on the form,
cannot go forward while the entry is live, appears with the entry and their conflict on the site board (time axis
and plot plan), and is approved once the entry has completed."""

import re
import struct
import uuid
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

from conftest import PageOpener
from flows import (
    ADMIN,
    HOT_WORK,
    ISSUER,
    ISSUER2,
    PERMIT_URL,
    REQUESTER,
    VERIFIER,
    ApiSessions,
    PermitDraft,
    PtwApi,
    action_button,
    fill_permit_form,
    horizontal_overflow,
    permit_actions,
    permit_path,
    take_action,
    unique,
)
from playwright.sync_api import expect
from support import Screenshot

CONFINED_SPACE = "Confined space entry"
READINGS = {"O2": ("20.9", "%vol"), "LEL": ("0", "%LEL"), "H2S": ("0", "ppm"), "CO": ("0", "ppm")}


def plot_plan_png(width: int = 320, height: int = 240) -> bytes:
    """A plain light-grey PNG standing in for an area's drawing."""
    row = b"\x00" + b"\xdd\xdd\xdd" * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def tank_farm(admin: PtwApi) -> dict[str, Any]:
    """A fresh area with a plot plan and one unit (tank T-3) placed on it; codes are unique per test run."""
    suffix = uuid.uuid4().hex[:6].upper()
    project = admin.project["id"]
    area = admin.send_for_object(
        "POST",
        "/api/v1/ptw/locations/",
        json={"project": project, "kind": "area", "code": f"TF-{suffix}", "name": f"Tank farm {suffix}"},
    )
    admin.send_for_object(
        "PUT",
        f"/api/v1/ptw/locations/{area['id']}/plot-plan/",
        files={"file": ("plan.png", plot_plan_png(), "image/png")},
    )
    unit = admin.send_for_object(
        "POST",
        "/api/v1/ptw/locations/",
        json={
            "project": project,
            "parent": area["id"],
            "kind": "unit",
            "code": f"T3-{suffix}",
            "name": "Tank T-3",
            "plan_x": 0.4,
            "plan_y": 0.55,
        },
    )
    return {"area": area, "unit": unit}


def record_gas_tests(api: ApiSessions, permit: dict[str, Any], gases: list[str]) -> None:
    for gas in gases:
        value, unit = READINGS[gas]
        body = {
            "gas": gas,
            "value": value,
            "unit": unit,
            "instrument_id": "GX-2009 #4471",
            "calibrated_on": (datetime.now(UTC).date() - timedelta(days=30)).isoformat(),
            "location": "Manway, 1 m inside",
        }
        api(VERIFIER).send_for_object("POST", f"/api/v1/ptw/permits/{permit['id']}/gas-tests/", json=body)


def live_entry(api: ApiSessions, node: dict[str, Any]) -> dict[str, Any]:
    """A confined space entry at the node taken to active through the API: gas tests, an isolation applied and
    verified by two people, the toolbox talk, and each act by its own person."""
    requester = api(REQUESTER)
    entry = requester.create_permit(
        unique("Inspect inside tank T-3"),
        CONFINED_SPACE,
        location_node=node["id"],
        parameters={"space_id": "T-3", "attendant": "Sam Osei"},
    )
    base = f"/api/v1/ptw/permits/{entry['id']}"
    crew = [
        requester.send_for_object("POST", f"{base}/workers/", json={"name": name, "company": "Northwind", "trade": job})
        for name, job in (("Ana Pipefitter", "Entrant"), ("Ben Rigger", "Attendant"))
    ]
    talk = {"held_at": entry["planned_start"], "topics": ["Entry and rescue plan"]}
    requester.send("PUT", f"{base}/toolbox-talk/", json=talk, headers={"If-Match": '"1"'})
    for worker in crew:
        sign_on = {"method": "typed", "data": worker["name"], "statement_confirmed": True}
        requester.send_for_object("POST", f"{base}/workers/{worker['id']}/sign-on/", json=sign_on)
    requester.act(entry, "submit")
    record_gas_tests(api, entry, list(READINGS))
    api(VERIFIER).act(entry, "verify")
    point = api(ADMIN).send_for_object(
        "POST",
        f"/api/v1/ptw/isolation-points/?project={requester.project['id']}",
        json={
            "code": f"MV-{uuid.uuid4().hex[:6].upper()}",
            "name": "Tank T-3 inlet valve",
            "energy_type": "process",
            "point_type": "valve",
            "locks_required": 1,
        },
    )
    isolation = api(ISSUER).send_for_object("POST", f"{base}/isolations/", json={"point_id": point["id"]})
    lock = f"L-{uuid.uuid4().hex[:6]}"
    api(ISSUER).send_for_object("POST", f"{base}/isolations/{isolation['id']}/isolate/", json={"lock_numbers": [lock]})
    api(ISSUER2).send_for_object("POST", f"{base}/isolations/{isolation['id']}/verify/", json={})
    api(ISSUER).act(entry, "approve")
    api(REQUESTER).act(entry, "activate")
    entry["isolation"] = isolation["id"]
    return entry


def complete_entry(api: ApiSessions, entry: dict[str, Any]) -> None:
    """Hands the entry back (work finished, the closeout done, the isolation removed), has another person confirm the
    equipment reinstated, and the issuer accepts the hand-back."""
    base = f"/api/v1/ptw/permits/{entry['id']}"
    closeout = api(REQUESTER).send_for_object("GET", f"{base}/closeout/")
    answers = {item["key"]: {"done": True} for item in closeout["items"]}
    body = {"answers": answers, "work_finished": True}
    api(REQUESTER).send_for_object(
        "PUT", f"{base}/closeout/", json=body, headers={"If-Match": f'"{closeout["version"]}"'}
    )
    api(ISSUER).send_for_object("POST", f"{base}/isolations/{entry['isolation']}/deisolate/", json={})
    api(REQUESTER).act(entry, "hand_back")
    reinstate = {"tested": True, "note": ""}
    api(VERIFIER).send_for_object("POST", f"{base}/isolations/{entry['isolation']}/reinstate/", json=reinstate)
    api(ISSUER).act(entry, "complete")


def test_hot_work_waits_for_the_confined_space_entry_and_the_board_shows_both(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    place = tank_farm(api(ADMIN))
    unit = place["unit"]
    entry = live_entry(api, unit)

    # The requester raises hot work at the same tank and sees the conflict on the form before saving.
    page = open_page(REQUESTER)
    page.goto(f"/permits/new?project={api(REQUESTER).project['id']}")
    fill_permit_form(
        page,
        PermitDraft(
            title=unique("Weld nozzle on tank T-3"),
            type_name=HOT_WORK,
            location="North side, 3 m up",
            details={"Kind of hot work": "Welding", "Fire watcher": "Sam Osei"},
        ),
    )
    tree = page.get_by_label("Location (site tree)", exact=True)
    tree.click()
    tree.fill(unit["code"])
    page.locator(".ant-select-dropdown:visible").get_by_title(f"{unit['code']} — Tank T-3").click()
    conflicts = page.get_by_role("region", name="Conflicts with other work")
    expect(conflicts.get_by_role("link", name=entry["permit_number"])).to_be_visible()
    expect(conflicts).to_contain_text("Blocks")
    expect(conflicts).to_contain_text("would block this one")
    page.get_by_role("button", name="Save draft").click()
    expect(page).to_have_url(PERMIT_URL)
    permit_id = int(PERMIT_URL.search(page.url).group(1))  # type: ignore[union-attr]
    hot = api(REQUESTER).permit(permit_id)
    assert hot["location_node"]["id"] == unit["id"]
    expect(page.get_by_text(f"Location: {place['area']['name']} / Tank T-3 — North side, 3 m up")).to_be_visible()
    record_gas_tests(api, hot, ["O2", "LEL"])
    api(REQUESTER).act(hot, "submit")

    # While the entry is live the hot work cannot go forward: the block names the entry permit.
    verifier = open_page(VERIFIER)
    verifier.goto(permit_path(hot))
    expect(action_button(verifier, "Verify")).to_be_disabled()
    blocked = permit_actions(verifier).get_by_text(re.compile(re.escape(entry["permit_number"])))
    expect(blocked.first).to_be_visible()
    overview = verifier.get_by_role("region", name="Conflicts with other work")
    expect(overview.get_by_role("link", name=entry["permit_number"])).to_be_visible()

    # The site board shows both permits, their conflict on the time axis and both pins red on the plot plan.
    board = open_page(ISSUER)
    board.goto(f"/board?project={api(ISSUER).project['id']}&area={place['area']['id']}")
    area = board.get_by_role("region", name=f"Area {place['area']['name']}")
    expect(area.get_by_test_id(f"board-bar-{entry['id']}")).to_be_visible()
    expect(area.get_by_test_id(f"board-bar-{permit_id}")).to_be_visible()
    mark = area.get_by_role(
        "img", name=re.compile(rf"^Conflict between ({entry['permit_number']}|{hot['permit_number']}) and ")
    )
    expect(mark).to_be_visible()
    expect(area.get_by_role("img", name=f"Plot plan of {place['area']['name']}")).to_be_visible()
    for pin in (entry["id"], permit_id):
        expect(area.get_by_test_id(f"plan-pin-{pin}")).to_have_attribute("data-conflict", "true")
    for width in (390, 768, 1280):
        board.set_viewport_size({"width": width, "height": 900})
        expect(mark).to_be_visible()
        assert horizontal_overflow(board) == 0, f"the board scrolls sideways at {width} px"
        screenshot(f"board-{width}", board)

    # Once the entry is handed back the conflict is gone: verified and approved.
    complete_entry(api, entry)
    api(VERIFIER).act(hot, "verify")
    issuer = open_page(ISSUER)
    issuer.goto(permit_path(hot))
    take_action(issuer, "Approve", signer=ISSUER)
    assert api(ISSUER).permit(permit_id)["status"] == "approved"
