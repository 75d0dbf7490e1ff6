"""Writing to the outbox: call inside the transaction of the change it reports."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.dispatch import Signal

from ptw.core.models import OutboxMessage

log = logging.getLogger(__name__)

# Sent for every message written; receivers (webhooks, notifications) schedule their work for after the commit.
outbox_written = Signal()


def outbox_add(
    topic: str, *, tenant_id: int, project_id: int, payload: dict[str, Any], key: str | None = None
) -> OutboxMessage | None:
    """Record the event. With a `key`, an event already recorded under it is not recorded again (None)."""
    if key is None:
        message = OutboxMessage.objects.create(topic=topic, tenant_id=tenant_id, project_id=project_id, payload=payload)
    else:
        try:
            with transaction.atomic():
                message = OutboxMessage.objects.create(
                    topic=topic, tenant_id=tenant_id, project_id=project_id, payload=payload, key=key
                )
        except IntegrityError:
            return None
    outbox_written.send(sender=OutboxMessage, message=message)
    return message


def start_after_commit(task: Any, consumer: str) -> None:
    """Start a consumer's pump task once the transaction commits; a broker that is down only delays it (the
    scheduler's pump picks the messages up)."""
    if not settings.PTW_OUTBOX_KICK:
        return

    def kick() -> None:
        try:
            task.delay()
        except Exception:
            log.warning("could not hand the outbox to %s; the scheduler's pump will", consumer, exc_info=True)

    transaction.on_commit(kick)
