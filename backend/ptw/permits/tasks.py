"""Scheduled work of the permits app."""

from __future__ import annotations

from celery import shared_task

from ptw.permits.services.transitions import expire_due


@shared_task(name="ptw.permits.tasks.expire_sweep", ignore_result=True)
def expire_sweep() -> int:
    """Expire every permit whose planned end (plus grace, by closing mode) has passed."""
    return len(expire_due())
