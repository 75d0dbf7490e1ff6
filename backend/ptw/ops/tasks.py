"""Background tasks of the operations app."""

from __future__ import annotations

from celery import shared_task

from ptw.ops.services import heartbeat_record


@shared_task(name="ptw.ops.tasks.scheduler_heartbeat", ignore_result=True)
def scheduler_heartbeat() -> str:
    """Sent by the scheduler on its beat; its arrival proves the scheduler is alive."""
    return heartbeat_record("scheduler").beat_at.isoformat()
