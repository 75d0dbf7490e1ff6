from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ptw.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ptw.core.logging import install_request_id_factory

        install_request_id_factory()
