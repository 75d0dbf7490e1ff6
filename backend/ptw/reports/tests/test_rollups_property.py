"""The summary from the rollups equals the summary computed from the permits, over random permit histories driven
through the API (create, edit, delete, every transition, an isolation added, the expiry sweep, a change of the
project's time zone), and the check command finds any difference."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptw.permits.models import Permit, PermitIsolation
from ptw.permits.services.transitions import expire_due
from ptw.permits.tests.conftest import URL
from ptw.reports.models import PermitDayCount
from ptw.reports.selectors import report_summary, report_summary_direct
from ptw.reports.tests.conftest import World

START = datetime(2026, 3, 7, 12, 0, tzinfo=ZoneInfo("UTC"))
ACTORS = {
    "submit": "requester",
    "withdraw": "requester",
    "resubmit": "requester",
    "activate": "requester",
    "hand_back": "requester",
    "complete": "issuer",
    "refuse_handback": "issuer",
    "cancel": "requester",
    "verify": "verifier",
    "reject": "verifier",
    "approve": "issuer",
    "suspend": "issuer",
    "resume": "issuer",
}
# The next step of the usual path from each status, so random histories reach every status.
NEXT = {
    "draft": "submit",
    "submitted": "verify",
    "under_review": "approve",
    "approved": "activate",
    "active": "hand_back",
    "handback_pending": "complete",
    "rejected": "resubmit",
    "suspended": "resume",
}
STEP = st.one_of(
    st.tuples(st.just("create"), st.sampled_from(["general", "work-at-height"]), st.integers(1, 5), st.integers(1, 5)),
    st.tuples(st.just("advance"), st.integers(0, 20)),
    st.tuples(st.just("advance"), st.integers(0, 20)),
    st.tuples(st.just("act"), st.integers(0, 20), st.sampled_from(sorted(ACTORS))),
    st.tuples(st.just("edit"), st.integers(0, 20), st.integers(1, 5)),
    st.tuples(st.just("isolate"), st.integers(0, 20)),  # pending until applied and verified: an exception
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("wait"), st.integers(1, 14)),  # hours; past a planned end the sweep expires permits
    st.tuples(st.just("zone"), st.sampled_from(["UTC", "Asia/Kathmandu", "America/Chicago"])),
    st.tuples(st.just("read")),  # compare midway (a read also rebuilds after a change of time zone)
)


def comparable(summary: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in summary.items() if k != "generated_at"}
    data["by_type"] = sorted(data["by_type"], key=lambda row: row["id"])
    return data


def assert_same(world: World, first: date, last: date) -> None:
    user = world["viewer"]
    for project in (None, world.acme.project.id):
        assert comparable(report_summary(user, project, first, last)) == comparable(
            report_summary_direct(user, project, first, last)
        )


def run(world: World, steps: list[tuple[Any, ...]]) -> None:
    clock = START
    ids: list[int] = []
    for step in steps:
        with time_machine.travel(clock, tick=False):
            if step[0] == "create":
                _, code, probability, severity = step
                body = world.permit_body(code, probability=probability, severity=severity)
                ids.append(world.client("requester").post(URL, body, format="json").json()["id"])
            elif step[0] == "act" and ids:
                permit_id = ids[step[1] % len(ids)]
                world.act(permit_id, step[2], ACTORS[step[2]], reason="Recorded for the test", comment="ok")
            elif step[0] == "advance" and ids:
                permit = Permit.objects.filter(pk=ids[step[1] % len(ids)]).first()
                if permit is not None and permit.status in NEXT:
                    action = NEXT[permit.status]
                    world.act(permit.id, action, ACTORS[action], reason="Recorded for the test", comment="ok")
            elif step[0] == "edit" and ids:
                permit_id = ids[step[1] % len(ids)]
                version = Permit.objects.filter(pk=permit_id).values_list("version", flat=True).first()
                world.client("requester").patch(
                    f"{URL}{permit_id}/", {"severity": step[2]}, format="json", HTTP_IF_MATCH=f'"{version}"'
                )
            elif step[0] == "isolate" and ids:
                world.client("requester").post(
                    f"{URL}{ids[step[1] % len(ids)]}/isolations/",
                    {"name": "Valve V-1", "energy_type": "mechanical"},
                    format="json",
                )
            elif step[0] == "delete" and ids:
                world.client("requester").delete(f"{URL}{ids[step[1] % len(ids)]}/")
            elif step[0] == "wait":
                clock += timedelta(hours=step[1])
                with time_machine.travel(clock, tick=False):
                    expire_due()
            elif step[0] == "read":
                assert_same(world, clock.date() - timedelta(days=1), clock.date() + timedelta(days=1))
            elif step[0] == "zone":
                world.acme.project.time_zone = step[1]
                world.acme.project.save(update_fields=["time_zone"])
    with time_machine.travel(clock, tick=False):
        days = [(clock - timedelta(days=n)).date() for n in range(4)]
        assert_same(world, days[-1] - timedelta(days=1), days[0] + timedelta(days=1))
        for day in days:
            assert_same(world, day, day)
    call_command("ptw_reports_check")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=3, max_size=16))
def test_the_summary_from_rollups_equals_the_summary_from_the_permits(world: World, steps: list[Any]) -> None:
    run(world, [("create", "general", 2, 3), ("create", "general", 4, 5), *steps])


def test_a_full_history_counts_every_figure(world: World) -> None:
    """One history through every status, kept as an example the random ones may not hit."""
    steps: list[tuple[Any, ...]] = [
        ("create", "general", 3, 4),
        ("create", "general", 5, 5),
        ("create", "general", 1, 1),
    ]
    steps += [
        ("zone", "Asia/Kathmandu"),
        ("read",),
        ("advance", 2),
    ]  # rebuilt in the new zone on read, then kept up in it
    for action in ("submit", "verify", "approve", "activate"):
        steps += [("act", 0, action), ("act", 1, action), ("act", 2, action)]
    steps += [("isolate", 1), ("wait", 2), ("isolate", 2), ("read",)]
    steps += [("act", 0, "hand_back"), ("act", 0, "complete"), ("act", 1, "suspend"), ("wait", 9), ("wait", 9)]
    run(world, steps)
    data = report_summary(world["viewer"], None, START.date() - timedelta(days=2), START.date() + timedelta(days=2))
    assert data["total"] == 3
    assert data["by_status"] == [{"status": "completed", "count": 1}, {"status": "expired", "count": 2}]
    assert {row["kind"]: row["count"] for row in data["exceptions"]}["not_closed_properly"] == 2
    assert data["on_time_close_rate"]["completed"] == 1
    assert PermitIsolation.objects.count() == 2  # both added to active permits, pending at the midway read


def test_the_check_command_finds_a_difference_and_repairs_it(world: World) -> None:
    world.create()
    call_command("ptw_reports_check")
    PermitDayCount.objects.update(permits=7)
    with pytest.raises(SystemExit) as failed:
        call_command("ptw_reports_check")
    assert failed.value.code == 1
    call_command("ptw_reports_check", "--rebuild")
    call_command("ptw_reports_check")
    assert PermitDayCount.objects.get().permits == 1


def test_rollups_follow_a_change_of_the_project_time_zone(world: World) -> None:
    late = datetime(2026, 3, 10, 23, 30, tzinfo=ZoneInfo("UTC"))
    with time_machine.travel(late, tick=False):
        world.create()
    viewer = world["viewer"]
    assert report_summary(viewer, None, date(2026, 3, 10), date(2026, 3, 10))["total"] == 1
    world.acme.project.time_zone = "Asia/Kathmandu"  # 05:15 on the 11th there
    world.acme.project.save(update_fields=["time_zone"])
    assert report_summary(viewer, None, date(2026, 3, 10), date(2026, 3, 10))["total"] == 0
    assert report_summary(viewer, None, date(2026, 3, 11), date(2026, 3, 11))["total"] == 1
