"""The permits world, plus moving the outbox into notifications the way the workers do."""

from __future__ import annotations

from typing import Any

import pytest

from ptw.notifications.models import Notification
from ptw.notifications.services.produce import outbox_notify
from ptw.permits.tests.conftest import PATHS, URL, World, permit_in, tworld, world  # noqa: F401 — shared fixtures
from ptw.permits.tests.test_timeframes import morning  # noqa: F401 — a weekday morning on site
from ptw.webhooks.tests.conftest import receiver  # noqa: F401 — a local webhook receiver

NOTIFICATIONS = "/api/v1/notifications/"


def notify() -> None:
    """Handle everything the outbox holds, as the pump does."""
    while outbox_notify():
        pass


def kinds_of(site: World, persona: str) -> list[str]:
    return sorted(Notification.objects.filter(recipient=site[persona]).values_list("kind", flat=True))


@pytest.fixture
def submitted(world: World) -> dict[str, Any]:  # noqa: F811 — the shared fixture
    permit = world.create()
    world.walk(permit["id"], PATHS["submitted"])
    notify()
    return permit
