from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "ptw.permits"
    label = "permits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Open tasks follow the pools when an admin changes the policy table or a member."""
        from ptw.accounts.signals import pools_changed
        from ptw.permits.services.tasks import on_pools_changed

        pools_changed.connect(on_pools_changed, dispatch_uid="permits.tasks.pools")
