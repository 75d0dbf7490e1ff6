"""The list's free-text `search` (`icontains` over the number, title, location and description) reads a trigram
index on PostgreSQL: `pg_trgm` (a trusted extension: any role that may create in the database installs it) and one
GIN index over the four upper-cased columns, the expressions Django's `icontains` compares (`UPPER(col::text)`), so
each arm of the search's OR is a bitmap scan of it instead of a scan of the project's permits. SQLite keeps its
`LIKE` scan (the embedded default holds few permits)."""

from django.db import migrations

INDEX = "permit_search_trgm"
COLUMNS = ("permit_number", "title", "location", "description")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        expressions = ", ".join(f'UPPER("{column}"::text) gin_trgm_ops' for column in COLUMNS)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON permits_permit USING gin ({expressions})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("permits", "0018_area_suspension_location_node")]

    operations = [migrations.RunPython(create, drop)]
