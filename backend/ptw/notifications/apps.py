from __future__ import annotations

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ptw.notifications"
    label = "notifications"
    verbose_name = "Notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ptw.core.outbox import outbox_written
        from ptw.notifications.tasks import pump_after_commit

        outbox_written.connect(pump_after_commit, dispatch_uid="notifications-pump")
