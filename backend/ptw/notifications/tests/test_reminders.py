"""Reminders and SLA escalations from the scheduler: each once per permit and occasion, however often the sweep
runs (or two at once); an approved extension moves the planned end and arms the reminders again."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine

from ptw.core.models import OutboxMessage
from ptw.notifications.models import Notification
from ptw.notifications.tests.conftest import PATHS, World, kinds_of, notify
from ptw.permits.services.reminders import reminders_record
from ptw.permits.tests.test_concurrency import in_parallel
from ptw.permits.tests.test_timeframes import MORNING, active_until, ask, decide, extendable

REMINDERS = ("end_approaching", "end_reached", "grace_ending")


def sweep_every_minute(clock: Any, minutes: int) -> None:
    for _ in range(minutes):
        reminders_record()
        notify()
        clock.shift(timedelta(minutes=1))


def reminders_of(world: World, persona: str) -> list[str]:
    return [kind for kind in kinds_of(world, persona) if kind in REMINDERS]


def test_each_reminder_once_to_requester_verifier_and_issuer(world: World) -> None:
    with time_machine.travel(MORNING, tick=False) as clock:
        permit = active_until(world, 12)  # ends 12:00; lead 60 min, grace 2 h
        clock.move_to(MORNING.replace(hour=10, minute=50))
        sweep_every_minute(clock, 20)  # 10:50 to 11:10: the lead time begins
        assert reminders_of(world, "requester") == ["end_approaching"]
        clock.move_to(MORNING.replace(hour=11, minute=58))
        sweep_every_minute(clock, 30)  # 11:58 to 12:28: the end passes
        assert reminders_of(world, "requester") == ["end_approaching", "end_reached"]
        clock.move_to(MORNING.replace(hour=12, minute=58))
        sweep_every_minute(clock, 10)  # 12:58 to 13:08: the grace (to 14:00) runs out within the lead
        for persona in ("requester", "verifier", "issuer"):
            assert reminders_of(world, persona) == ["end_approaching", "end_reached", "grace_ending"], persona
        for persona in ("verifier2", "issuer2", "admin", "viewer", "outsider"):
            assert reminders_of(world, persona) == [], persona
    approaching = Notification.objects.get(recipient=world["requester"], kind="end_approaching")
    assert approaching.category == "reminder" and approaching.permit_id == permit["id"]
    assert "12:00" in approaching.title


def test_two_sweeps_at_once_record_each_occasion_once(tworld: World) -> None:
    with time_machine.travel(MORNING, tick=False) as clock:
        active_until(tworld, 12)
        clock.move_to(MORNING.replace(hour=11, minute=30))
        in_parallel([reminders_record, reminders_record, reminders_record])
    assert OutboxMessage.objects.filter(topic="permit.end_approaching").count() == 1


def test_an_approved_extension_arms_the_reminders_again(world: World) -> None:
    with time_machine.travel(MORNING, tick=False) as clock:
        extendable(world)
        permit = active_until(world, 12)
        clock.move_to(MORNING.replace(hour=11, minute=10))
        sweep_every_minute(clock, 5)
        asked = ask(world, permit["id"], MORNING.replace(hour=15))
        assert asked.status_code == 201, asked.json()
        assert decide(world, permit["id"], asked.json()["id"], "approve").status_code == 200
        sweep_every_minute(clock, 5)
        clock.move_to(MORNING.replace(hour=11, minute=58))
        sweep_every_minute(clock, 5)  # the old end passes: nothing, the permit now ends at 15:00
        assert reminders_of(world, "requester") == ["end_approaching"]
        clock.move_to(MORNING.replace(hour=13, minute=58))
        sweep_every_minute(clock, 5)
        assert reminders_of(world, "requester") == ["end_approaching", "end_approaching"]
    titles = Notification.objects.filter(recipient=world["requester"], kind="end_approaching").values_list(
        "title", flat=True
    )
    assert sorted(title.split(" ends at ")[1] for title in titles) == ["2026-06-01 12:00 UTC", "2026-06-01 15:00 UTC"]


def test_a_closed_permit_gets_no_more_reminders(world: World) -> None:
    with time_machine.travel(MORNING, tick=False) as clock:
        permit = active_until(world, 12)
        world.walk(permit["id"], [("hand_back", "requester"), ("complete", "issuer")])
        for hour, minute in ((11, 30), (12, 0), (13, 30)):
            clock.move_to(MORNING.replace(hour=hour, minute=minute))
            sweep_every_minute(clock, 2)
    assert reminders_of(world, "requester") == []


def test_a_verification_waiting_past_its_sla_is_escalated_once_to_the_admins(world: World) -> None:
    with time_machine.travel(MORNING, tick=False) as clock:
        permit = world.create()
        world.walk(permit["id"], PATHS["submitted"])
        clock.shift(timedelta(hours=3, minutes=50))
        sweep_every_minute(clock, 5)
        assert kinds_of(world, "admin") == []
        sweep_every_minute(clock, 20)  # past 4 h: once, however many sweeps
        assert kinds_of(world, "admin") == ["sla_breached"]
        world.walk(permit["id"], [("verify", "verifier")])
        sweep_every_minute(clock, 3)
        assert kinds_of(world, "admin") == ["sla_breached"]  # approval has its own 4 h from now
        clock.shift(timedelta(hours=4))
        sweep_every_minute(clock, 3)
        assert kinds_of(world, "admin") == ["sla_breached", "sla_breached"]
    stages = sorted(Notification.objects.filter(kind="sla_breached").values_list("title", flat=True))
    assert [title.split(" waits for ")[1] for title in stages] == ["approval past the SLA", "verification past the SLA"]
    for persona in ("requester", "verifier", "verifier2", "issuer", "viewer", "outsider"):
        assert "sla_breached" not in kinds_of(world, persona), persona
