"""Shapes of a permit's workers and its toolbox talk."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.core.serializers import PersonOut, StrictInput, taken_against_field
from ptw.permits.models import PermitWorker
from ptw.permits.records import person

MAX_TOPICS = 30
MAX_TOPIC = 200


class WorkerIn(StrictInput):
    read_only_names = ("id", "added_by", "added_at", "acknowledged_at", "acknowledged_by", "version")

    name = serializers.CharField(max_length=120)
    company = serializers.CharField(max_length=120)
    trade = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    competency = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class WorkerOut(serializers.ModelSerializer):
    added_by = serializers.SerializerMethodField()
    acknowledged_by = serializers.SerializerMethodField()

    class Meta:
        model = PermitWorker
        fields = (
            "id",
            "name",
            "company",
            "trade",
            "competency",
            "added_by",
            "added_at",
            "acknowledged_at",
            "acknowledged_by",
            "version",
        )

    @extend_schema_field(PersonOut)
    def get_added_by(self, obj: PermitWorker) -> dict[str, Any] | None:
        return person(obj.added_by)

    @extend_schema_field(PersonOut(allow_null=True))
    def get_acknowledged_by(self, obj: PermitWorker) -> dict[str, Any] | None:
        return person(obj.acknowledged_by)


class ToolboxTalkIn(StrictInput):
    """Sets the fields it names (the first write names `held_at` and `topics`); `version` may stand in
    for If-Match. `held_by` is a user id, by default whoever records the talk."""

    read_only_names = ("permit_id", "held", "updated_by", "updated_at", "workers", "acknowledged")

    held_by = serializers.IntegerField(required=False, min_value=1)
    held_at = serializers.DateTimeField(required=False)
    topics = serializers.ListField(
        child=serializers.CharField(max_length=MAX_TOPIC), min_length=1, max_length=MAX_TOPICS, required=False
    )
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    version = serializers.IntegerField(required=False, min_value=1)
    permit_version = taken_against_field()


class ToolboxTalkOut(serializers.Serializer):
    permit_id = serializers.IntegerField()
    held = serializers.BooleanField(help_text="Whether the talk has been recorded.")
    held_by = PersonOut(allow_null=True)
    held_at = serializers.DateTimeField(allow_null=True)
    topics = serializers.ListField(child=serializers.CharField())
    notes = serializers.CharField()
    updated_by = PersonOut(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)
    workers = serializers.IntegerField(help_text="Workers on the permit.")
    acknowledged = serializers.IntegerField(help_text="Workers who acknowledged the talk.")
    version = serializers.IntegerField()
