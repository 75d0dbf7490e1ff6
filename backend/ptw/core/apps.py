from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ptw.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from ptw.core.database import timestamps_compiled
        from ptw.core.logging import install_request_id_factory

        install_request_id_factory()
        connection_created.connect(timestamps_compiled, dispatch_uid="ptw.core.timestamps_compiled")
