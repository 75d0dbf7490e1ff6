"""Delivering outbox messages to a real local HTTP receiver: signatures, retries, Retry-After, 410, redirects,
timeouts, a receiver that is down, the 5-day disable, redelivery, and that a rolled-back change sends nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from standardwebhooks import Webhook

from ptw.core.models import OutboxMessage
from ptw.webhooks.models import WebhookDelivery, WebhookEndpoint
from ptw.webhooks.services import deliveries
from ptw.webhooks.services.deliveries import deliveries_due, delivery_attempt, outbox_dispatch
from ptw.webhooks.tests.conftest import HOOKS, Answer, Receiver, World, register


def run_due(now: Any = None) -> int:
    """What the pump and the workers do: fan out, then attempt every due delivery once."""
    outbox_dispatch(now)
    due = deliveries_due(now)
    for delivery_id in due:
        delivery_attempt(delivery_id, now)
    return len(due)


def submit(world: World) -> dict[str, Any]:
    permit = world.create()
    world.act(permit["id"], "submit", "requester")
    return permit


def test_a_submitted_permit_reaches_the_receiver_signed(world: World, receiver: Receiver) -> None:
    endpoint = register(world, receiver.url, ["permit.created", "permit.submitted"])
    secret = WebhookEndpoint.objects.get(pk=endpoint["id"]).secret
    permit = submit(world)
    assert run_due() == 2
    created, submitted = receiver.received
    payload = Webhook(secret).verify(submitted.body, submitted.headers)
    assert payload["type"] == "permit.submitted"
    assert (payload["tenant_id"], payload["project_id"]) == (world.acme.tenant.id, world.acme.project.id)
    assert payload["data"]["id"] == permit["id"]
    assert (payload["data"]["status"], payload["data"]["version"]) == ("submitted", 2)
    assert submitted.headers["webhook-id"] == payload["id"]
    assert Webhook(secret).verify(created.body, created.headers)["type"] == "permit.created"
    assert run_due() == 0  # nothing is sent twice
    assert WebhookDelivery.objects.filter(status="succeeded").count() == 2
    listed = world.client("admin").get(HOOKS).json()[0]["last_delivery"]
    assert (listed["status"], listed["response_code"]) == ("succeeded", 200)


def test_only_subscribed_enabled_endpoints_of_the_project_receive(world: World, receiver: Receiver) -> None:
    register(world, receiver.url, ["permit.approved"])
    off = register(world, receiver.url, ["permit.submitted"])
    world.client("admin").patch(f"{HOOKS}{off['id']}/", {"enabled": False}, format="json", HTTP_IF_MATCH='"1"')
    globex_admin = world.globex.people["admin"]
    world.client(globex_admin).post(
        HOOKS, {"project": world.globex.project.id, "url": receiver.url, "events": ["permit.submitted"]}, format="json"
    )
    submit(world)
    assert run_due() == 0
    assert receiver.received == []
    assert OutboxMessage.objects.filter(dispatched_at__isnull=True).count() == 0


def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(world: World, receiver: Receiver) -> None:
    register(world, receiver.url)
    receiver.answers = [Answer(500, body="x" * 5000), Answer(502)]
    submit(world)
    now = timezone.now()
    run_due(now)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    assert timedelta(seconds=4) <= delivery.next_attempt_at - now <= timedelta(seconds=6)
    attempt = delivery.attempt_log.get()
    assert (attempt.status_code, attempt.error, len(attempt.response_body)) == (500, "HTTP 500", 2000)
    assert run_due(now + timedelta(seconds=3)) == 0  # not due yet
    run_due(now + timedelta(seconds=7))
    delivery.refresh_from_db()
    assert timedelta(minutes=4) <= delivery.next_attempt_at - (now + timedelta(seconds=7)) <= timedelta(minutes=6)
    run_due(now + timedelta(minutes=7))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("succeeded", 3)
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1
    assert len({r.body for r in receiver.received}) == 1
    assert WebhookEndpoint.objects.get().failing_since is None


def test_the_delivery_fails_after_about_three_days_of_retries(world: World, receiver: Receiver) -> None:
    register(world, receiver.url)
    receiver.answers = [Answer(500)] * 20
    submit(world)
    at = timezone.now()
    outbox_dispatch(at)
    delivery = WebhookDelivery.objects.get()
    while delivery.status == "pending":
        delivery_attempt(delivery.id, at)
        delivery.refresh_from_db()
        at = delivery.next_attempt_at or at
    assert delivery.status == "failed"
    assert delivery.attempts == len(deliveries.RETRY_DELAYS) + 1
    span = delivery.last_attempt_at - delivery.created_at
    assert timedelta(days=2, hours=12) < span < timedelta(days=4)
    assert WebhookEndpoint.objects.get().enabled is True  # under 5 days of failure


def test_retry_after_is_honoured(world: World, receiver: Receiver) -> None:
    register(world, receiver.url)
    receiver.answers = [Answer(503, headers={"Retry-After": "900"})]
    submit(world)
    now = timezone.now()
    run_due(now)
    delivery = WebhookDelivery.objects.get()
    assert delivery.next_attempt_at - now >= timedelta(seconds=900)


@pytest.mark.parametrize(
    ("header", "at_least", "at_most"),
    [
        ("9" * 5000, timedelta(hours=24), timedelta(hours=24, seconds=1)),  # capped, not a crash
        ("²", timedelta(seconds=4), timedelta(seconds=6)),  # not a number: the usual backoff
        ("Thu, 99 Foo 99999 99:99:99 GMT", timedelta(seconds=4), timedelta(seconds=6)),
    ],
)
def test_a_malformed_retry_after_never_stops_the_delivery(
    world: World, receiver: Receiver, header: str, at_least: timedelta, at_most: timedelta
) -> None:
    register(world, receiver.url)
    receiver.answers = [Answer(503, headers={"Retry-After": header})]
    submit(world)
    now = timezone.now()
    run_due(now)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 503)
    assert at_least <= delivery.next_attempt_at - now <= at_most


def test_410_gone_disables_the_endpoint_at_once(world: World, receiver: Receiver) -> None:
    register(world, receiver.url)
    receiver.answers = [Answer(410)]
    submit(world)
    run_due()
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.enabled, endpoint.disabled_reason) == (False, "gone")
    assert WebhookDelivery.objects.get().status == "failed"
    shown = world.client("admin").get(f"{HOOKS}{endpoint.id}/").json()
    assert (shown["enabled"], shown["disabled_reason"]) == (False, "gone")


def test_five_days_of_failures_disable_the_endpoint(world: World, receiver: Receiver) -> None:
    register(world, receiver.url)
    receiver.answers = [Answer(500)] * 3
    submit(world)
    start = timezone.now()
    run_due(start)
    WebhookDelivery.objects.update(next_attempt_at=start + timedelta(days=4, hours=23))
    run_due(start + timedelta(days=4, hours=23))
    assert WebhookEndpoint.objects.get().enabled is True
    WebhookDelivery.objects.update(next_attempt_at=start + timedelta(days=5, minutes=1))
    run_due(start + timedelta(days=5, minutes=1))
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.enabled, endpoint.disabled_reason) == (False, "failing")


def test_redirects_are_not_followed(world: World, receiver: Receiver) -> None:
    register(world, receiver.url)
    receiver.answers = [Answer(302, headers={"Location": receiver.url + "/elsewhere"})]
    submit(world)
    run_due()
    assert len(receiver.received) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_status_code) == ("pending", 302)


def test_a_slow_receiver_times_out(world: World, receiver: Receiver, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deliveries, "TIMEOUT_SECONDS", 0.3)
    register(world, receiver.url)
    receiver.answers = [Answer(200, delay=1.0)]
    submit(world)
    run_due()
    attempt = WebhookDelivery.objects.get().attempt_log.get()
    assert attempt.status_code is None
    assert "Timeout" in attempt.error


def test_nothing_is_lost_while_the_receiver_is_down(world: World, receiver: Receiver) -> None:
    endpoint = register(world, receiver.url)
    receiver.close()
    submit(world)
    now = timezone.now()
    run_due(now)
    attempt = WebhookDelivery.objects.get().attempt_log.get()
    assert "ConnectError" in attempt.error
    back = Receiver()
    try:
        WebhookEndpoint.objects.filter(pk=endpoint["id"]).update(url=back.url)
        run_due(now + timedelta(seconds=10))
        assert [r.json()["type"] for r in back.received] == ["permit.submitted"]
    finally:
        back.close()


def test_a_target_turned_private_is_refused_at_send_time(world: World, receiver: Receiver, settings: Any) -> None:
    register(world, receiver.url)
    settings.PTW_WEBHOOKS_ALLOW_PRIVATE = False
    submit(world)
    run_due()
    assert receiver.received == []
    assert "private, loopback or link-local" in WebhookDelivery.objects.get().attempt_log.get().error


def test_a_claimed_delivery_is_not_sent_twice(world: World, receiver: Receiver) -> None:
    register(world, receiver.url)
    submit(world)
    now = timezone.now()
    outbox_dispatch(now)
    [delivery_id] = deliveries_due(now)
    assert delivery_attempt(delivery_id, now) is not None
    assert delivery_attempt(delivery_id, now) is None
    assert len(receiver.received) == 1


def test_an_endpoint_removed_while_its_delivery_is_out_ends_the_attempt_quietly(
    world: World, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The admin removes the endpoint while the worker waits for the receiver: its deliveries go with it, and the
    worker records nothing and raises nothing (it raised DoesNotExist)."""
    register(world, receiver.url)
    submit(world)
    now = timezone.now()
    outbox_dispatch(now)
    [delivery_id] = deliveries_due(now)
    send = deliveries._send

    def send_then_removed(delivery: WebhookDelivery, at: Any) -> Any:
        answer = send(delivery, at)
        WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).delete()
        return answer

    monkeypatch.setattr(deliveries, "_send", send_then_removed)
    assert delivery_attempt(delivery_id, now) is None
    assert len(receiver.received) == 1
    assert not WebhookDelivery.objects.exists()


def test_a_refused_action_writes_no_outbox_message(world: World) -> None:
    permit = world.create()
    before = OutboxMessage.objects.count()
    refused = world.act(permit["id"], "approve", "issuer")
    assert refused.status_code == 409
    assert OutboxMessage.objects.count() == before


def test_test_ping_and_redelivery_through_the_api(world: World, receiver: Receiver) -> None:
    endpoint = register(world, receiver.url)
    eid = endpoint["id"]
    admin = world.client("admin")
    ping = admin.post(f"{HOOKS}{eid}/test/", HTTP_IDEMPOTENCY_KEY="ping-1")
    assert ping.status_code == 202
    assert (ping.json()["event_type"], ping.json()["status"]) == ("webhook.test", "pending")
    run_due()
    assert receiver.received[0].json()["type"] == "webhook.test"
    log = admin.get(f"{HOOKS}{eid}/deliveries/").json()
    assert log["count"] == 1
    [delivery] = log["results"]
    assert (delivery["status"], delivery["attempt_log"][0]["status_code"]) == ("succeeded", 200)
    again = admin.post(f"{HOOKS}{eid}/deliveries/{delivery['id']}/redeliver/")
    assert (again.status_code, again.json()["status"]) == (202, "pending")
    run_due()
    assert [r.headers["webhook-id"] for r in receiver.received] == [delivery["message_id"]] * 2
    assert [a["number"] for a in admin.get(f"{HOOKS}{eid}/deliveries/").json()["results"][0]["attempt_log"]] == [1, 2]


def test_during_a_rotation_both_secrets_verify(world: World, receiver: Receiver) -> None:
    endpoint = register(world, receiver.url)
    old = WebhookEndpoint.objects.get().secret
    new = world.client("admin").post(f"{HOOKS}{endpoint['id']}/rotate-secret/").json()["secret"]
    submit(world)
    run_due()
    [request] = receiver.received
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    for secret in (old, new):
        assert Webhook(secret).verify(request.body, request.headers)["type"] == "permit.submitted"
    WebhookEndpoint.objects.update(previous_secret_expires_at=timezone.now() - timedelta(seconds=1))
    world.client("admin").post(f"{HOOKS}{endpoint['id']}/test/")
    run_due()
    assert len(receiver.received[-1].headers["webhook-signature"].split(" ")) == 1
