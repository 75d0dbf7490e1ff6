from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_save


class ReportsConfig(AppConfig):
    name = "ptw.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        """Keep the report rollups in step with every permit change, in the change's own transaction."""
        from ptw.permits.models import SafetyObservation
        from ptw.permits.signals import permit_changed
        from ptw.reports.rollups import on_observation_saved, on_permit_changed

        permit_changed.connect(on_permit_changed, dispatch_uid="reports.rollups.permit")
        post_save.connect(on_observation_saved, sender=SafetyObservation, dispatch_uid="reports.rollups.observation")
