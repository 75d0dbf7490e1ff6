"""Background work of webhooks: the pump (fan-out + enqueue what is due) and single delivery attempts."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.utils import timezone

from ptw.core.outbox import start_after_commit
from ptw.webhooks.services.deliveries import (
    attempts_abandoned_close,
    deliveries_due,
    delivery_attempt,
    outbox_dispatch,
)


@shared_task(name="ptw.webhooks.tasks.pump", ignore_result=True)
def pump() -> int:
    """Fan new outbox messages out to endpoints, close attempts their workers abandoned, enqueue what is due."""
    outbox_dispatch()
    attempts_abandoned_close(timezone.now())
    due = deliveries_due()
    for delivery_id in due:
        deliver.delay(delivery_id)
    return len(due)


@shared_task(name="ptw.webhooks.tasks.deliver", ignore_result=True)
def deliver(delivery_id: int) -> None:
    delivery_attempt(delivery_id)


def pump_after_commit(sender: Any, **kwargs: Any) -> None:
    """Something to deliver was written (an outbox message, a test ping, a redelivery): start once it commits."""
    start_after_commit(pump, "the webhook workers")
