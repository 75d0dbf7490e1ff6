"""The list ordered by `-risk_score` puts permits not assessed yet last (`DESC NULLS LAST`): on PostgreSQL only an
index built in that order walks it without a sort. SQLite has no NULLS LAST in index definitions, and puts nulls
last in a descending order anyway, so it keeps the ascending index."""

from django.db import migrations

INDEX = "permit_list_risk_score_desc"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON permits_permit (project_id, risk_score DESC NULLS LAST, id DESC)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("permits", "0013_list_indexes")]

    operations = [migrations.RunPython(create, drop)]
