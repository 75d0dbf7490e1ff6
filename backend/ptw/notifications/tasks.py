"""Background work of notifications: the pump (outbox → notifications, enqueue due e-mails) and single sends."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from ptw.core.outbox import start_after_commit
from ptw.notifications.services.emails import email_send, emails_due
from ptw.notifications.services.produce import outbox_notify


@shared_task(name="ptw.notifications.tasks.pump", ignore_result=True)
def pump() -> int:
    """Turn new outbox messages into notifications, then hand every due e-mail to a worker."""
    while outbox_notify():
        pass
    due = emails_due()
    for delivery_id in due:
        send_email.delay(delivery_id)
    return len(due)


@shared_task(name="ptw.notifications.tasks.send_email", ignore_result=True)
def send_email(delivery_id: int) -> None:
    email_send(delivery_id)


def pump_after_commit(sender: Any, **kwargs: Any) -> None:
    """An event was recorded: notify once it commits."""
    start_after_commit(pump, "the notification workers")
