"""Writes of operational records."""

from __future__ import annotations

import socket

from django.utils import timezone

from ptw.ops.models import Heartbeat


def heartbeat_record(component: str, hostname: str | None = None) -> Heartbeat:
    beat, _created = Heartbeat.objects.update_or_create(
        component=component,
        defaults={"hostname": hostname or socket.gethostname(), "beat_at": timezone.now()},
    )
    return beat
