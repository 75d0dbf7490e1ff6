"""Report query parameters and the summary's shape."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework import serializers

from ptw.permits.choices import RiskLevel, Status
from ptw.reports.metrics import EXCEPTION_KINDS

MAX_DAYS = 366
DEFAULT_DAYS = 30


class ReportQueryIn(serializers.Serializer):
    date_from = serializers.DateField(required=False, help_text="First day (default: 29 days before date_to).")
    date_to = serializers.DateField(required=False, help_text="Last day, inclusive (default: today, UTC).")
    project = serializers.IntegerField(required=False, min_value=1, help_text="One project (default: all visible).")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        last = attrs.get("date_to") or timezone.now().date()
        first = attrs.get("date_from") or last - timedelta(days=DEFAULT_DAYS - 1)
        if first > last:
            raise serializers.ValidationError({"date_to": ["Must be on or after date_from."]})
        if (last - first).days + 1 > MAX_DAYS:
            raise serializers.ValidationError({"date_from": [f"A report covers at most {MAX_DAYS} days."]})
        return {**attrs, "date_from": first, "date_to": last}


class SummaryQueryIn(ReportQueryIn):
    format = serializers.ChoiceField(choices=["json", "csv", "xlsx"], required=False, default="json")


class ExceptionQueryIn(ReportQueryIn):
    kind = serializers.ChoiceField(choices=EXCEPTION_KINDS)


class ExportQueryIn(serializers.Serializer):
    format = serializers.ChoiceField(choices=["csv", "xlsx"])


class StatusCountOut(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    count = serializers.IntegerField()


class TypeCountOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    color = serializers.CharField()
    count = serializers.IntegerField()


class RiskCountOut(serializers.Serializer):
    risk_level = serializers.ChoiceField(
        choices=RiskLevel.choices, allow_null=True, help_text="Null: permits not assessed yet (drafts)."
    )
    count = serializers.IntegerField()


# Fields named like DRF's own Field or Serializer attributes (`label`) are typed Any: DRF's metaclass
# takes declared fields off the class, the stubs do not know it (typeddjango/djangorestframework-stubs#78).
class ExceptionCountOut(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EXCEPTION_KINDS)
    label: Any = serializers.CharField()
    definition = serializers.CharField()
    count = serializers.IntegerField()


class DurationOut(serializers.Serializer):
    key = serializers.CharField()
    label: Any = serializers.CharField()
    definition = serializers.CharField()
    average_hours = serializers.FloatField(allow_null=True)
    permits = serializers.IntegerField(help_text="How many permits the average is over.")


class OnTimeOut(serializers.Serializer):
    value = serializers.FloatField(allow_null=True, help_text="From 0 to 1; null without completed permits.")
    completed = serializers.IntegerField()
    on_time = serializers.IntegerField()
    definition = serializers.CharField()


class ReportSummaryOut(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    project = serializers.IntegerField(allow_null=True)
    generated_at = serializers.DateTimeField()
    total = serializers.IntegerField()
    by_status = StatusCountOut(many=True)
    by_type = TypeCountOut(many=True)
    by_risk = RiskCountOut(many=True)
    exceptions = ExceptionCountOut(many=True)
    durations = DurationOut(many=True)
    on_time_close_rate = OnTimeOut()
