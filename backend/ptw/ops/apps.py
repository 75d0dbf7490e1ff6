from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ptw.ops"
    label = "ops"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ptw.ops import worker_hooks  # noqa: F401  (connects the Celery signals)
