"""The planner's price of a page read out of order is set on every PostgreSQL connection (`DB_RANDOM_PAGE_COST`,
decision 0029), empty leaves the server's own, and a value that is not a positive number stops the start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BACKEND = Path(__file__).resolve().parents[3]


def _options(**env: str) -> subprocess.CompletedProcess[str]:
    """The database OPTIONS the settings give a PostgreSQL URL under `env`, read in a fresh interpreter."""
    script = (
        "import json; from config import settings; print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    environ = {**os.environ, "DATABASE_URL": "postgres://ptw@127.0.0.1:5432/ptw", **env}
    return subprocess.run([sys.executable, "-c", script], cwd=BACKEND, env=environ, capture_output=True, text=True)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's costs are PostgreSQL's")
def test_every_postgresql_connection_prices_a_page_read_out_of_order_as_set() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == (str(settings.DB_RANDOM_PAGE_COST),)
    assert settings.DB_RANDOM_PAGE_COST == 1.1


def test_the_cost_is_a_startup_option_kept_beside_the_urls_own() -> None:
    found = _options(
        DB_RANDOM_PAGE_COST="1.5", DATABASE_URL="postgres://ptw@127.0.0.1:5432/ptw?options=-c%20work_mem%3D8MB"
    )
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["options"] == "-c work_mem=8MB -c random_page_cost=1.5"


def test_empty_leaves_the_servers_own() -> None:
    found = _options(DB_RANDOM_PAGE_COST="")
    assert found.returncode == 0, found.stderr
    assert "options" not in json.loads(found.stdout)


@pytest.mark.parametrize("value", ["cheap", "0", "-1", "nan"])
def test_a_cost_that_is_not_a_positive_number_stops_the_start(value: str) -> None:
    found = _options(DB_RANDOM_PAGE_COST=value)
    assert found.returncode != 0
    assert "DB_RANDOM_PAGE_COST must be a number" in found.stderr
