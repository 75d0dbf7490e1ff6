"""Writing to the outbox: call inside the transaction of the change it reports."""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

from ptw.core.models import OutboxMessage

# Sent for every message written; receivers (webhooks) schedule their work for after the commit.
outbox_written = Signal()


def outbox_add(topic: str, *, tenant_id: int, project_id: int, payload: dict[str, Any]) -> OutboxMessage:
    message = OutboxMessage.objects.create(topic=topic, tenant_id=tenant_id, project_id=project_id, payload=payload)
    outbox_written.send(sender=OutboxMessage, message=message)
    return message
