"""Webhook secrets encrypted at rest: widen the columns, seal the clear secrets, then read them through the
sealing field. Reversing opens the tokens again before the columns narrow."""

from typing import Any

from django.db import migrations, models

import ptw.core.secrets

SECRET_FIELDS = ("secret", "previous_secret")


def _convert(apps: Any, change: Any) -> None:
    endpoints = apps.get_model("webhooks", "WebhookEndpoint")
    for endpoint in endpoints.objects.only("pk", *SECRET_FIELDS).iterator():
        values = {name: change(getattr(endpoint, name)) for name in SECRET_FIELDS if getattr(endpoint, name)}
        if values:
            endpoints.objects.filter(pk=endpoint.pk).update(**values)


def seal_secrets(apps: Any, schema_editor: Any) -> None:
    _convert(apps, ptw.core.secrets.seal)


def open_secrets(apps: Any, schema_editor: Any) -> None:
    _convert(apps, ptw.core.secrets.unseal)


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="webhookendpoint",
            name="secret",
            field=models.CharField(max_length=255),
        ),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="previous_secret",
            field=models.CharField(blank=True, default="", max_length=255),
        ),
        migrations.RunPython(seal_secrets, open_secrets),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="previous_secret",
            field=ptw.core.secrets.SealedCharField(blank=True, default="", max_length=255),
        ),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="secret",
            field=ptw.core.secrets.SealedCharField(max_length=255),
        ),
    ]
