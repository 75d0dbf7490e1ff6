"""Writes of operational records."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

from django.db.models import Case, DateTimeField, ExpressionWrapper, F, Q, Value, When
from django.db.models.functions import Now
from django.utils import timezone

from ptw.ops.models import Heartbeat, SchedulerLease

SCHEDULER_LEASE = "scheduler"
# A process that has not beaten for this long is forgotten (a scheduler's id changes on every start).
HEARTBEAT_FORGOTTEN_AFTER = timedelta(days=1)


def heartbeat_record(component: str, hostname: str | None = None) -> Heartbeat:
    now = timezone.now()
    beat, _created = Heartbeat.objects.update_or_create(
        component=component, hostname=hostname or socket.gethostname(), defaults={"beat_at": now}
    )
    Heartbeat.objects.filter(component=component, beat_at__lt=now - HEARTBEAT_FORGOTTEN_AFTER).delete()
    return beat


def scheduler_lease_take(holder: str, seconds: float) -> bool:
    """Take or renew the scheduler lease for `holder`; True while `holder` has it.

    One conditional UPDATE (compare-and-set) decides: it succeeds only when `holder` already has the
    lease or the lease has expired. Times come from the database's clock, so hosts whose clocks
    differ still agree on who holds it.
    """
    SchedulerLease.objects.bulk_create(
        [SchedulerLease(name=SCHEDULER_LEASE, expires_at=datetime(2000, 1, 1, tzinfo=UTC))], ignore_conflicts=True
    )
    until = ExpressionWrapper(Now() + Value(timedelta(seconds=seconds)), output_field=DateTimeField())
    taken = (
        SchedulerLease.objects.filter(name=SCHEDULER_LEASE)
        .filter(Q(holder=holder) | Q(expires_at__lte=Now()))
        .update(
            acquired_at=Case(When(holder=holder, then=F("acquired_at")), default=Now()),
            holder=holder,
            renewed_at=Now(),
            expires_at=until,
        )
    )
    return taken == 1


def scheduler_lease_release(holder: str) -> bool:
    """Give the lease up at once (on a clean stop), so a standby need not wait for it to expire."""
    released = SchedulerLease.objects.filter(name=SCHEDULER_LEASE, holder=holder).update(expires_at=Now())
    return released == 1
