"""How PostgreSQL connections read timestamps (psycopg's compiled loader, not Django's pure-Python one), and the
reads by a key that run prepared (`prepared`, decision 0028).

Django (5.2) registers on each PostgreSQL connection a loader of `timestamptz` values derived from psycopg's
pure-Python loader, to give every value the connection's time zone; psycopg's compiled loader cannot be derived
from, so every timestamp read was parsed in Python (Django ticket #36960), about 10 µs a value: the 300,000
timestamps of a 100k-permit CSV export took 3.7 of its 5.1 s of reading, a list page's 250 about 2.5 ms.

The session's time zone is UTC (Django sets it when it connects, as `USE_TZ` asks): psycopg's compiled loader then
gives the same values with the same `timezone.utc` (a test compares the two over stored rows). The loader is named
with that time zone (`timezone`), which Django checks before each cursor, so it is not replaced again.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from psycopg import abc, pq
from psycopg.adapt import Loader

TIMESTAMPTZ_OID = psycopg.adapters.types["timestamptz"].oid


def _compiled_loader() -> type[abc.Loader]:
    """psycopg's own loader of timestamptz text: the compiled one when psycopg's C implementation is installed."""
    found = psycopg.adapters.get_loader(TIMESTAMPTZ_OID, pq.Format.TEXT)
    if found is None:  # psycopg registers one among its default adapters
        raise ImproperlyConfigured("psycopg has no loader of timestamptz values")
    return found


COMPILED_LOADER = _compiled_loader()


class UtcTimestampLoader(Loader):
    """psycopg's own loader of `timestamptz` text, for a session in UTC."""

    timezone = datetime.UTC

    def __init__(self, oid: int, context: Any = None) -> None:
        super().__init__(oid, context)
        self._compiled = COMPILED_LOADER(oid, context)

    def load(self, data: Any) -> Any:
        return self._compiled.load(data)


def timestamps_compiled(sender: Any, connection: Any, **kwargs: Any) -> None:
    """On a new PostgreSQL connection whose session is in UTC (`connection_created`), read timestamps with psycopg's
    compiled loader. Any other connection keeps Django's."""
    if connection.vendor != "postgresql" or connection.timezone is not datetime.UTC:
        return
    if connection.connection.info.parameter_status("TimeZone") != "UTC":
        return
    connection.connection.adapters.register_loader(TIMESTAMPTZ_OID, UtcTimestampLoader)


@contextmanager
def prepared() -> Iterator[None]:
    """Run the statements inside prepared, on PostgreSQL (decision 0028): bound by the server and prepared on the
    connection the first time, so the same read of another row is the same statement, and once PostgreSQL keeps its
    generic plan it is neither parsed nor planned again on that connection.

    Only for reads by a key, whose plan is the same whatever the value (a permit by its id, a token by its hash): a
    generic plan of a read whose best plan depends on its values (a search, a report's window) is worse for some of
    them. Every other statement keeps Django's binding in the client and is planned for its values. Without
    `PTW_DB_PREPARED_READS` (a connection pooler that cannot keep prepared statements), on SQLite, and while queries
    are logged (`DEBUG`, or a test or the benchmark counting them: the log shows each statement with its values,
    which a prepared one has not), the statements run as any other."""
    if connection.vendor != "postgresql" or not settings.PTW_DB_PREPARED_READS or connection.queries_logged:
        yield
        return
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    raw = connection.connection
    outside = raw.cursor_factory, raw.prepare_threshold
    raw.cursor_factory, raw.prepare_threshold = ServerBindingCursor, 0
    try:
        yield
    finally:
        raw.cursor_factory, raw.prepare_threshold = outside
