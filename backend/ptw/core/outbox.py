"""Writing to the outbox: call inside the transaction of the change it reports."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.dispatch import Signal

from ptw.core.models import OutboxMessage

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
