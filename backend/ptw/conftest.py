"""Fixtures shared by every app's tests."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from ptw.core.response_cache import RESPONSES


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture(autouse=True)
def _no_outbox_kick(settings: Any) -> None:
    """Tests move the outbox themselves (or start a real worker); nothing is handed to a broker behind their back."""
    settings.PTW_OUTBOX_KICK = False


@pytest.fixture(autouse=True)
def _no_list_kept_from_another_test() -> None:
    """Every test starts with no permit list kept (`core/response_cache.py`): a test's writes are rolled back after
    it, and on SQLite the next test may make the same ids again and reach the same generations."""
    RESPONSES.clear()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that start real Celery workers share the local Redis broker's databases: under pytest-xdist
    (`--dist loadgroup`) they run one after another on a single test process."""
    for item in items:
        if item.get_closest_marker("worker"):
            item.add_marker(pytest.mark.xdist_group("broker"))


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Attachments a test stores land in a directory of its own, never in the var directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("attachments"))},
        },
    }
