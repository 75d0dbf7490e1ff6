"""The projects' list generations (`ListGeneration`) and the triggers that add one to a project's in the transaction
of every change a permit list row or filter reads, whatever writes it.

PostgreSQL: a statement trigger per table and operation, over its transition tables: a bulk write adds one to each
project it touched, once, in the order of the projects' ids. SQLite: a row trigger per table and operation.
The tables and what names the projects they touch are written out here: a migration does not move when the code
does (a test holds every table the list reads to one of them).
"""

from django.db import migrations, models

GENERATIONS = "permits_listgeneration"
ALL = ("insert", "update", "delete")

# table → (operations, the column naming the projects its row touches, or "tenant": every project of its tenant)
SOURCES = {
    "permits_permit": (ALL, "project_id"),
    "permits_permittask": (ALL, "project_id"),
    "permits_locationnode": (ALL, "project_id"),
    "accounts_project": (("update",), "id"),
    "permits_permittype": (ALL, "tenant"),
}
# A person's name is shown on every permit they requested, verified or issued: it counts in every project of their
# tenant, and only when it changed (a log-in writes the person's row too).
PERSON = "accounts_user"
# The rows a statement (PostgreSQL: transition tables) or a row trigger (SQLite) sees, by operation.
ROWS = {
    "postgresql": {"insert": ("new_rows",), "update": ("new_rows", "old_rows"), "delete": ("old_rows",)},
    "sqlite": {"insert": ("NEW",), "update": ("NEW", "OLD"), "delete": ("OLD",)},
}


def _values(vendor: str, operation: str, column: str) -> str:
    """The column's values in the rows the trigger sees, as one SELECT."""
    rows = ROWS[vendor][operation]
    if vendor == "postgresql":
        return " UNION ALL ".join(f"SELECT {column} AS id FROM {row}" for row in rows)
    return " UNION ALL ".join(f"SELECT {row}.{column} AS id" for row in rows)


def _touched(vendor: str, operation: str, column: str) -> str:
    """The ids of the projects the changed rows touch."""
    if column == "tenant":
        return f"SELECT id FROM accounts_project WHERE tenant_id IN ({_values(vendor, operation, 'tenant_id')})"
    return _values(vendor, operation, column)


def _renamed(vendor: str) -> str:
    """The projects of the tenants of the people whose name changed."""
    if vendor == "postgresql":
        tenants = "SELECT n.tenant_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name"
        return f"SELECT id FROM accounts_project WHERE tenant_id IN ({tenants})"
    return "SELECT id FROM accounts_project WHERE tenant_id = NEW.tenant_id AND NEW.name IS NOT OLD.name"


def _bump(projects: str) -> str:
    """Add one to each project's generation (made at 1), once per project, in the order of their ids."""
    return (
        f"INSERT INTO {GENERATIONS} (project_id, generation) "
        f"SELECT DISTINCT id, 1 FROM ({projects}) AS touched WHERE id IS NOT NULL ORDER BY id "
        f"ON CONFLICT (project_id) DO UPDATE SET generation = {GENERATIONS}.generation + 1"
    )


def _trigger(vendor: str, table: str, operation: str, projects: str) -> list[str]:
    name = f"ptw_list_{table}_{operation}"
    if vendor == "postgresql":
        referencing = " ".join(
            f"{'NEW' if row == 'new_rows' else 'OLD'} TABLE AS {row}" for row in ROWS[vendor][operation]
        )
        return [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {_bump(projects)}; RETURN NULL; END $$",
            f"CREATE TRIGGER {name} AFTER {operation.upper()} ON {table} "
            f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]
    return [f"CREATE TRIGGER {name} AFTER {operation.upper()} ON {table} BEGIN {_bump(projects)}; END"]


def _triggers(vendor: str) -> list[tuple[str, str, str]]:
    """(table, operation, the projects it touches) for every trigger."""
    found = [
        (table, operation, _touched(vendor, operation, column))
        for table, (operations, column) in SOURCES.items()
        for operation in operations
    ]
    return [*found, (PERSON, "update", _renamed(vendor))]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, operation, projects in _triggers(vendor):
        for statement in _trigger(vendor, table, operation, projects):
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, operation, _ in _triggers(vendor):
        name = f"ptw_list_{table}_{operation}"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if vendor == "postgresql" else ""))
        if vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_admin_change_audit"),
        ("permits", "0027_people_filter_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ListGeneration",
            fields=[
                ("project_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("generation", models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(create, drop),
    ]
