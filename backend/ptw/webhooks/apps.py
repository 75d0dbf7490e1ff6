from __future__ import annotations

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "ptw.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ptw.core.outbox import outbox_written
        from ptw.webhooks.tasks import pump_after_commit

        outbox_written.connect(pump_after_commit, dispatch_uid="webhooks-pump")
