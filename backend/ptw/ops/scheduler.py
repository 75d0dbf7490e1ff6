"""The Celery beat scheduler for several machines: any number may run, only the lease holder sends.

Each scheduler takes or renews the database lease every PTW_SCHEDULER_RENEW_SECONDS; the lease lasts
PTW_SCHEDULER_LEASE_SECONDS, so when the holder dies a standby takes over within that time plus one
renewal. A standby sends nothing. A clean stop gives the lease up at once.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from typing import Any

from celery.beat import Scheduler
from django.conf import settings
from django.db import DatabaseError, connection

from ptw.ops.services import heartbeat_record, scheduler_lease_release, scheduler_lease_take

logger = logging.getLogger("ptw.ops")


def scheduler_identity() -> str:
    """host:pid:random — unique per scheduler process, readable in `make status`."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class LeaseScheduler(Scheduler):
    """Sends the due tasks (celery.beat.Scheduler, schedule kept in memory) only while holding the lease."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.holder = scheduler_identity()
        self.holding: bool | None = None  # None until the first look at the lease
        self._holding_until = 0.0  # monotonic; a held lease is trusted no longer than it lasts
        self._next_check = 0.0
        super().__init__(*args, **kwargs)

    def tick(self, *args: Any, **kwargs: Any) -> float:
        now = time.monotonic()
        if now >= self._next_check:
            self._lease_check(now)
        if not self.holding or time.monotonic() >= self._holding_until:
            return max(self._next_check - time.monotonic(), 0.1)
        interval = super().tick(*args, **kwargs)
        return min(interval, max(self._next_check - time.monotonic(), 0.0))

    def _lease_check(self, started: float) -> None:
        lease = float(settings.PTW_SCHEDULER_LEASE_SECONDS)
        self._next_check = started + float(settings.PTW_SCHEDULER_RENEW_SECONDS)
        try:
            holding = scheduler_lease_take(self.holder, lease)
            heartbeat_record("scheduler", self.holder)
        except DatabaseError:
            logger.exception("Could not reach the database for the scheduler lease; sending nothing meanwhile")
            holding = False
            connection.close()  # the next look reconnects
        if holding and not self.holding:
            logger.info("Scheduler %s holds the lease and sends the scheduled tasks", self.holder)
        elif not holding and self.holding is not False:
            logger.info("Scheduler %s is on standby: another scheduler holds the lease", self.holder)
        self.holding = holding
        self._holding_until = started + lease if holding else 0.0

    def close(self) -> None:
        if self.holding:
            try:
                scheduler_lease_release(self.holder)
            except DatabaseError:
                logger.warning("Could not give the scheduler lease up; a standby takes over when it expires")
            self.holding = False
        super().close()
