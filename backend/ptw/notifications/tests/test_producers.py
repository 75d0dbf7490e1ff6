"""Notifications from real changes: pool tasks and their withdrawal, status changes with reasons, unsafe gas,
extensions and handovers, a disabled webhook endpoint; and each produced once however often the consumer runs."""

from __future__ import annotations

from typing import Any

from ptw.core.models import OutboxMessage
from ptw.notifications.models import EmailDelivery, Notification
from ptw.notifications.services.produce import outbox_notify
from ptw.notifications.tests.conftest import PATHS, URL, World, kinds_of, notify
from ptw.permits.models import PermitTypeOverride
from ptw.permits.tests.test_concurrency import in_parallel
from ptw.permits.tests.test_timeframes import MORNING, active_until, ask, decide, extendable, next_shift_requester
from ptw.webhooks.tests.conftest import Answer, Receiver, register
from ptw.webhooks.tests.test_delivery import run_due


def test_a_pool_task_reaches_both_verifiers_and_is_withdrawn_for_the_other_once_one_acts(
    world: World, submitted: dict[str, Any]
) -> None:
    mine, other = (
        Notification.objects.get(recipient=world[who], kind="task_verify") for who in ("verifier", "verifier2")
    )
    assert EmailDelivery.objects.filter(kind="task_verify").count() == 2
    world.walk(submitted["id"], [("verify", "verifier")])
    notify()
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.withdrawn_at is None and mine.read_at is not None
    assert other.withdrawn_at is not None
    # The e-mails not yet sent are withdrawn too; the approval pool is told next.
    assert set(EmailDelivery.objects.filter(kind="task_verify").values_list("state", flat=True)) == {"withdrawn"}
    assert kinds_of(world, "issuer") == ["task_approve"] and kinds_of(world, "issuer2") == ["task_approve"]


def test_a_named_verifier_alone_is_told(world: World) -> None:
    permit = world.create()
    response = world.act(permit["id"], "submit", "requester", verifier_id=world["verifier2"].id)
    assert response.status_code == 200, response.json()
    notify()
    assert kinds_of(world, "verifier2") == ["task_verify"]
    assert kinds_of(world, "verifier") == []


def test_a_rejection_tells_the_requester_why(world: World, submitted: dict[str, Any]) -> None:
    world.act(submitted["id"], "reject", "verifier", reason="The isolation list misses the drain valve.")
    notify()
    rejected = Notification.objects.get(recipient=world["requester"], kind="permit_rejected")
    assert "The isolation list misses the drain valve." in rejected.body
    assert rejected.category == "task"  # it hands the requester a task: fix and resubmit
    mail = EmailDelivery.objects.get(recipient=world["requester"], kind="permit_rejected")
    assert "The isolation list misses the drain valve." in mail.text
    assert submitted["permit_number"] in mail.text and submitted["location"] in mail.text
    assert f"/permits/{submitted['id']}?project={world.acme.project.id}" in mail.text


def test_suspension_tells_requester_verifier_and_issuer_with_the_reason(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["active"])
    world.act(permit["id"], "suspend", "issuer", reason="Wind above 15 m/s.")
    notify()
    for persona in ("requester", "verifier", "issuer"):
        suspended = Notification.objects.get(recipient=world[persona], kind="permit_suspended")
        assert "Wind above 15 m/s." in suspended.body
        assert suspended.category == "safety"
    for persona in ("verifier2", "issuer2", "admin", "viewer", "outsider"):
        assert "permit_suspended" not in kinds_of(world, persona)
    assert kinds_of(world, "requester").count("permit_approved") == 1


def test_an_unsafe_gas_reading_alerts_everyone_on_the_permit_and_the_admins(world: World) -> None:
    from ptw.permits.tests.test_gas_tests import reading, record

    PermitTypeOverride.objects.create(
        project=world.acme.project,
        permit_type=world.ptype("general"),
        values={"requires_gas_test": True, "gas_tests_required": ["O2", "LEL", "H2S"]},
    )
    pid = world.create()["id"]
    for gas in ("O2", "LEL", "H2S"):
        assert record(world, pid, reading(gas, "20.9" if gas == "O2" else "0")).status_code == 201
    world.walk(pid, PATHS["active"])
    assert record(world, pid, reading("H2S", "15"), who="requester").status_code == 201
    notify()
    for persona in ("requester", "verifier", "issuer", "admin"):
        kinds = kinds_of(world, persona)
        assert "gas_unsafe" in kinds, persona
    alert = Notification.objects.get(recipient=world["admin"], kind="gas_unsafe")
    assert "H2S 15.00 ppm" in alert.body and alert.category == "safety"
    for persona in ("verifier2", "issuer2", "viewer", "outsider"):
        assert "gas_unsafe" not in kinds_of(world, persona), persona


def test_an_extension_waits_for_the_issuer_pool_and_is_withdrawn_once_decided(world: World, morning: Any) -> None:
    extendable(world)
    pid = active_until(world, 15)["id"]
    asked = ask(world, pid, MORNING.replace(hour=17))
    assert asked.status_code == 201, asked.json()
    notify()
    for persona in ("issuer", "issuer2"):
        assert kinds_of(world, persona) == ["task_approve", "task_extension"], persona
    assert "task_extension" not in kinds_of(world, "requester") + kinds_of(world, "verifier")
    assert decide(world, pid, asked.json()["id"], "approve", who="issuer2").status_code == 200
    notify()
    task = Notification.objects.get(recipient=world["issuer2"], kind="task_extension")
    assert task.read_at is not None and task.withdrawn_at is None
    assert Notification.objects.get(recipient=world["issuer"], kind="task_extension").withdrawn_at is not None


def test_a_handover_waits_for_the_incoming_person(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["active"])
    night = next_shift_requester(world)
    body = {"incoming_id": night.id, "notes": "Third flange bolted hand-tight."}
    started = world.client("requester").post(f"{URL}{permit['id']}/handovers/", body, format="json")
    assert started.status_code == 201, started.json()
    notify()
    task = Notification.objects.get(recipient=night, kind="task_handover")
    assert "Third flange bolted hand-tight." in task.body and task.category == "task"
    taken = world.client(night).post(f"{URL}{permit['id']}/handovers/{started.json()['id']}/acknowledge/")
    assert taken.status_code == 200, taken.json()
    notify()
    task.refresh_from_db()
    assert task.read_at is not None


def test_the_consumer_run_twice_or_replayed_writes_nothing_twice(world: World, submitted: dict[str, Any]) -> None:
    before = (Notification.objects.count(), EmailDelivery.objects.count())
    assert before == (2, 2)
    # A crashed consumer's batch is handled again: nothing new is written.
    OutboxMessage.objects.update(notified_at=None)
    notify()
    notify()
    assert (Notification.objects.count(), EmailDelivery.objects.count()) == before


def test_two_consumers_at_once_write_each_notification_once(tworld: World) -> None:
    for n in range(4):
        permit = tworld.create(title=f"Permit {n}")
        tworld.walk(permit["id"], [("submit", "requester")])
    handled = in_parallel([outbox_notify, outbox_notify, outbox_notify])
    assert sum(handled) == OutboxMessage.objects.count()
    assert Notification.objects.count() == 8
    assert EmailDelivery.objects.count() == 8
    OutboxMessage.objects.update(notified_at=None)
    in_parallel([outbox_notify, outbox_notify])
    assert Notification.objects.count() == 8
    assert EmailDelivery.objects.count() == 8


def test_a_disabled_webhook_endpoint_tells_the_project_admins(world: World, receiver: Receiver) -> None:
    endpoint = register(world, receiver.url)
    receiver.answers = [Answer(410)]
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester")])
    run_due()
    notify()
    assert "webhook_disabled" in kinds_of(world, "admin")
    alert = Notification.objects.get(kind="webhook_disabled")
    assert alert.link == f"/webhooks/{endpoint['id']}/deliveries?project={world.acme.project.id}"
    assert receiver.url in alert.body and alert.permit_id is None
    for persona in ("requester", "verifier", "issuer", "viewer", "outsider"):
        assert "webhook_disabled" not in kinds_of(world, persona), persona
