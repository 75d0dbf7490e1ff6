"""The Celery application shared by the worker, the scheduler and the web process."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ptw")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Several schedulers may run on several machines; only the holder of the database lease sends.
app.conf.beat_scheduler = "ptw.ops.scheduler:LeaseScheduler"
app.autodiscover_tasks()


def _install_worker_steps() -> None:
    from ptw.ops.worker_hooks import HeartbeatStep

    app.steps["worker"].add(HeartbeatStep)


_install_worker_steps()
