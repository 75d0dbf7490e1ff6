"""The site board and conflict detection ask for a project's live permits whose planned window overlaps a span.
A btree index can bound only one end of a window, and which end is selective depends on the span (an old permit's
window: its start; today's: its end), so on PostgreSQL the live permits' windows are kept in one GiST index of
`(project_id, location_node_id, tstzrange(planned_start, planned_end))` (`btree_gist`, a trusted extension, for the
integer columns) and `simops.window_meets` compares the same expression with `&&`. A permit's conflicts ask for
the live permits at some nodes: with the node in the index they are found in it alone (at 1M permits the planner
otherwise combined the window's few hundred entries with the node's index of 53,000, 5.6 ms instead of 0.2). It
replaces the btree `permit_board_window`.
SQLite keeps comparing the two bounds (the embedded default holds few permits)."""

from django.db import migrations

INDEX = "permit_live_span"
# workflow.LIVE, written out: a migration does not move when the code does (a test holds them equal).
LIVE = ("active", "approved", "handback_pending", "submitted", "suspended", "under_review")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        statuses = ", ".join(f"'{status}'" for status in LIVE)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON permits_permit USING gist "
            f"(project_id, location_node_id, tstzrange(planned_start, planned_end)) WHERE status IN ({statuses})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("permits", "0024_permit_type_retired_at")]

    operations = [
        migrations.RemoveIndex(model_name="permit", name="permit_board_window"),
        migrations.RunPython(create, drop),
    ]
