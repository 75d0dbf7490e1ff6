"""Writing to the outbox: call inside the transaction of the change it reports."""

from __future__ import annotations

from typing import Any

from ptw.core.models import OutboxMessage


def outbox_add(topic: str, *, tenant_id: int, project_id: int, payload: dict[str, Any]) -> OutboxMessage:
    return OutboxMessage.objects.create(topic=topic, tenant_id=tenant_id, project_id=project_id, payload=payload)
