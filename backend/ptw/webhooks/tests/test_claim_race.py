"""Two workers handed the same due delivery at once (the pump kick and the scheduler's pump): one sends it."""

from __future__ import annotations

from ptw.permits.tests.test_concurrency import in_parallel
from ptw.webhooks.models import WebhookDelivery
from ptw.webhooks.services.deliveries import delivery_attempt, outbox_dispatch
from ptw.webhooks.tests.conftest import Receiver, World, register


def test_concurrent_claims_of_one_delivery_send_it_once(tworld: World, receiver: Receiver) -> None:
    register(tworld, receiver.url, ["permit.created"])
    for n in range(5):
        tworld.create(title=f"Permit {n}")
    outbox_dispatch()
    ids = list(WebhookDelivery.objects.values_list("id", flat=True))
    assert len(ids) == 5
    for delivery_id in ids:
        results = in_parallel([lambda d=delivery_id: delivery_attempt(d) for _ in range(2)])
        assert sum(result is not None for result in results) == 1
    sent = [request.headers["webhook-id"] for request in receiver.received]
    assert sorted(sent) == sorted(set(sent)) and len(sent) == 5
    assert {d.attempts for d in WebhookDelivery.objects.all()} == {1}
