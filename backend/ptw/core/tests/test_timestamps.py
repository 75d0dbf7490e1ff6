"""PostgreSQL timestamps read by psycopg's compiled loader give what Django's own loader gives (`core/database.py`)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader
from django.utils import timezone
from psycopg import pq

from ptw.core.database import TIMESTAMPTZ_OID, UtcTimestampLoader
from ptw.core.models import OutboxMessage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the loader is PostgreSQL's"),
]

# Timestamps at the edges a parser gets wrong: microseconds, the first and last of a year, a leap day, the hours a
# summer time starts and ends, far past and far future, and a stretch of random instants.
EDGES = """
SELECT v FROM (VALUES
    ('2026-12-05 03:16:51.123456+00'::timestamptz), ('2026-12-31 23:59:59.999999+00'), ('2027-01-01 00:00:00+00'),
    ('2028-02-29 12:00:00.5+00'), ('2026-03-29 00:59:59+00'), ('2026-03-29 01:00:00+00'),
    ('2026-10-25 00:30:00+00'), ('2026-10-25 01:30:00+00'), ('1900-01-01 00:00:00+00'), ('0001-01-01 00:00:00+00'),
    ('9999-12-31 23:59:59.999999+00'), ('2026-06-01 12:00:00+05:30'), ('2026-06-01 12:00:00-09:45')
) AS edges(v)
UNION ALL
SELECT TIMESTAMPTZ '2020-01-01 00:00:00+00' + random() * INTERVAL '20 years' FROM generate_series(1, 2000)
"""


def _read(sql: str, *, django_loader: bool) -> list[datetime.datetime]:
    with connection.cursor() as cursor:
        if django_loader:
            register_tzloader(connection.timezone, cursor.cursor)
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def test_a_connection_reads_timestamps_with_the_compiled_loader() -> None:
    connection.ensure_connection()
    assert connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, pq.Format.TEXT) is UtcTimestampLoader
    with connection.cursor() as cursor:
        # A new cursor keeps it: Django replaces a loader whose time zone differs from the connection's.
        assert cursor.cursor.adapters.get_loader(TIMESTAMPTZ_OID, pq.Format.TEXT) is UtcTimestampLoader


def test_the_compiled_loader_reads_what_django_s_reads() -> None:
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.5)")
        cursor.execute(f"CREATE TEMPORARY TABLE stamps AS {EDGES}")
    ours, django = _read("SELECT v FROM stamps", django_loader=False), _read("SELECT v FROM stamps", django_loader=True)
    assert len(ours) == 2013
    assert ours == django
    assert all(mine.tzinfo is theirs.tzinfo is datetime.UTC for mine, theirs in zip(ours, django, strict=True))
    assert ours[0] == datetime.datetime(2026, 12, 5, 3, 16, 51, 123456, tzinfo=datetime.UTC)
    assert ours[11] == datetime.datetime(2026, 6, 1, 6, 30, tzinfo=datetime.UTC)


def test_a_model_s_timestamp_reads_back_as_written() -> None:
    written = timezone.now().replace(microsecond=654321)
    message = OutboxMessage.objects.create(topic="t", tenant_id=1, project_id=1, payload={}, dispatched_at=written)
    read = OutboxMessage.objects.get(pk=message.pk).dispatched_at
    assert read == written and read.tzinfo is datetime.UTC
