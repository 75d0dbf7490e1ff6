"""Celery integration: the start-up guard for worker and scheduler, and the worker heartbeat."""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import bootsteps
from celery.signals import beat_init, worker_init

logger = logging.getLogger("ptw.ops")


@worker_init.connect
def _guard_worker(**_kwargs: Any) -> None:
    from ptw.ops.guard import enforce_startup_guard

    try:
        enforce_startup_guard("worker")
    except SystemExit as exc:
        # Celery swallows exceptions raised in signal handlers; leave at once instead.
        os._exit(int(exc.code or 1))


@beat_init.connect
def _guard_beat(**_kwargs: Any) -> None:
    from ptw.ops.guard import enforce_startup_guard

    try:
        enforce_startup_guard("scheduler")
    except SystemExit as exc:
        os._exit(int(exc.code or 1))


class HeartbeatStep(bootsteps.StartStopStep):
    """Write the worker's heartbeat on start and every PTW_HEARTBEAT_SECONDS."""

    requires = ("celery.worker.components:Timer",)

    def __init__(self, worker: Any, **kwargs: Any) -> None:
        super().__init__(worker, **kwargs)
        self.tref: Any = None

    def start(self, worker: Any) -> None:
        from django.conf import settings

        self._beat(worker)
        self.tref = worker.timer.call_repeatedly(settings.PTW_HEARTBEAT_SECONDS, self._beat, (worker,), priority=10)

    def stop(self, worker: Any) -> None:
        if self.tref is not None:
            self.tref.cancel()

    @staticmethod
    def _beat(worker: Any) -> None:
        from django.db import close_old_connections

        from ptw.ops.services import heartbeat_record

        try:
            heartbeat_record("worker", worker.hostname)
        except Exception:  # a missed beat must never kill the worker; the age shows it
            logger.exception("Could not record the worker heartbeat")
        finally:
            close_old_connections()
