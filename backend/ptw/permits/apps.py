from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "ptw.permits"
    label = "permits"
    default_auto_field = "django.db.models.BigAutoField"
