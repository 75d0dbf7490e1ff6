"""Every migration reverses: the whole schema goes to zero and forward again."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ptw.ops.checks import pending_migrations


@pytest.mark.django_db(transaction=True)
def test_migrations_go_forward_to_zero_and_forward_again() -> None:
    executor = MigrationExecutor(connection)
    apps = sorted({app for app, _name in executor.loader.graph.leaf_nodes()})
    executor.migrate([(app, None) for app in apps])
    executor.loader.build_graph()
    assert executor.loader.applied_migrations == {}
    assert "ops_heartbeat" not in connection.introspection.table_names()

    call_command("migrate", verbosity=0)
    assert pending_migrations()[1] == []
    assert "ops_heartbeat" in connection.introspection.table_names()
