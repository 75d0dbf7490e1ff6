from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ptw.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ptw.accounts.api import schema  # noqa: F401  (registers the OpenAPI auth schemes)
