"""Tasks and isolations carry their permit's project: Waiting for me and the isolation register scope, page and
count from their own (partial) indexes, without reading the permits. Existing rows take their permit's project."""

import django.db.models.deletion
from django.db import migrations, models

TABLES = ("permits_permittask", "permits_permitisolation")


def project_from_permit(apps, schema_editor):
    for table in TABLES:
        schema_editor.execute(
            f"UPDATE {table} SET project_id = (SELECT p.project_id FROM permits_permit p WHERE p.id = {table}.permit_id)"  # noqa: S608
        )


def _project(null: bool) -> models.ForeignKey:
    return models.ForeignKey(
        db_index=False,
        null=null,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="accounts.project",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("permits", "0019_permit_search_trigram"),
    ]

    operations = [
        migrations.AddField(model_name="permittask", name="project", field=_project(null=True)),
        migrations.AddField(model_name="permitisolation", name="project", field=_project(null=True)),
        migrations.RunPython(project_from_permit, migrations.RunPython.noop),
        migrations.AlterField(model_name="permittask", name="project", field=_project(null=False)),
        migrations.AlterField(model_name="permitisolation", name="project", field=_project(null=False)),
        migrations.RemoveIndex(model_name="permittask", name="task_assignee_state_created"),
        migrations.AddIndex(
            model_name="permittask",
            index=models.Index(
                condition=models.Q(("state", "open")),
                fields=["assignee", "created_at", "id"],
                include=["project"],
                name="task_open_for_assignee",
            ),
        ),
        migrations.RemoveIndex(model_name="permitisolation", name="isolation_register"),
        migrations.AddIndex(
            model_name="permitisolation",
            index=models.Index(
                condition=models.Q(("status__in", ["isolated", "verified"])),
                fields=["project", "name", "id"],
                name="isolation_register",
            ),
        ),
    ]
