"""Report rollups: the summary's counts and sums kept per project, day and kind of permit, so a report reads a few
hundred rows whatever the number of permits (docs/decisions/0016-report-rollups.md). Maintained in the same
transaction as every change of a permit (`ptw.reports.rollups`), rebuilt per project when its time zone changes,
compared with the permits by `manage.py ptw_reports_check`."""

from __future__ import annotations

from django.db import models

from ptw.accounts.models import Project
from ptw.permits.models import PermitType


class PermitDayCount(models.Model):
    """The permits of one project created on one day (in the rollup's time zone), of one type, status and risk
    level: how many, and the sums behind each average and rate of the summary."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    permit_type = models.ForeignKey(PermitType, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16)
    risk_level = models.CharField(max_length=8, blank=True, help_text="Empty: no risk level yet.")
    permits = models.BigIntegerField(default=0)
    verified = models.BigIntegerField(default=0, help_text="Permits with a submission and a verification time.")
    verify_us = models.BigIntegerField(default=0, help_text="Their submission-to-verification times, in µs.")
    approved = models.BigIntegerField(default=0, help_text="Permits with a verification and an approval time.")
    approve_us = models.BigIntegerField(default=0, help_text="Their verification-to-approval times, in µs.")
    closed = models.BigIntegerField(default=0, help_text="Completed permits with a start and an end of work.")
    close_us = models.BigIntegerField(default=0, help_text="Their start-to-end of work times, in µs.")
    on_time = models.BigIntegerField(default=0, help_text="Completed permits ended no later than planned.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "day", "permit_type", "status", "risk_level"], name="permit_day_count_key"
            )
        ]


class NotClosedDayCount(models.Model):
    """The permits of one project created on one day that the system expired as not closed properly."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    permits = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "day"], name="not_closed_day_count_key")]


class RollupZone(models.Model):
    """The time zone a project's rollups take their days in. Locked by every rollup write of the project; when it
    differs from the project's time zone, the next report rebuilds that project's rollups."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, primary_key=True, related_name="+")
    time_zone = models.CharField(max_length=64)
