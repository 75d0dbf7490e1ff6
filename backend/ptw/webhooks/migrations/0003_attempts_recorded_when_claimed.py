"""Attempts recorded when claimed: an outcome (in flight, succeeded, failed, no outcome recorded) in place of the
succeeded flag, when the attempt finished, and no latency until it has one."""

from typing import Any

from django.db import migrations, models


def outcome_from_flag(apps: Any, schema_editor: Any) -> None:
    attempts = apps.get_model("webhooks", "WebhookAttempt")
    attempts.objects.filter(succeeded=True).update(outcome="succeeded", finished_at=models.F("at"))
    attempts.objects.filter(succeeded=False).update(outcome="failed", finished_at=models.F("at"))


def flag_from_outcome(apps: Any, schema_editor: Any) -> None:
    attempts = apps.get_model("webhooks", "WebhookAttempt")
    attempts.objects.filter(outcome="succeeded").update(succeeded=True)
    attempts.objects.filter(latency_ms__isnull=True).update(latency_ms=0)


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0002_secrets_encrypted_at_rest"),
    ]

    operations = [
        migrations.AddField(
            model_name="webhookattempt",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="webhookattempt",
            name="outcome",
            field=models.CharField(
                choices=[
                    ("in_flight", "In flight"),
                    ("succeeded", "Accepted"),
                    ("failed", "Failed"),
                    ("no_outcome", "No outcome recorded (worker stopped)"),
                ],
                default="in_flight",
                max_length=16,
            ),
        ),
        migrations.AlterField(
            model_name="webhookattempt",
            name="latency_ms",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(outcome_from_flag, flag_from_outcome),
        migrations.RemoveField(
            model_name="webhookattempt",
            name="succeeded",
        ),
    ]
