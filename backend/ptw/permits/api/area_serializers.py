"""Area-wide suspension and audit export: input and output shapes."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.core.serializers import PersonOut, StrictInput
from ptw.permits.api.serializers import PermitTypeBriefOut
from ptw.permits.models import AreaSuspension, AreaSuspensionPermit, Permit
from ptw.permits.records import person


class AreaScopeIn(StrictInput):
    """Which permits: a node of the location tree (those placed at it or below it), a location text (matched,
    case-insensitive, within the permit's location text) or the whole project — one of them — optionally of one
    permit type. `reason` is only read by the act itself."""

    project = serializers.IntegerField(min_value=1)
    location_text = serializers.CharField(max_length=200, required=False, allow_blank=True)
    location_node = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    whole_project = serializers.BooleanField(required=False)
    permit_type = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class AreaSuspensionIn(AreaScopeIn):
    reason = serializers.CharField(max_length=500, help_text="Why, e.g. 'site gas alarm'; on every permit's timeline.")


class AreaPermitOut(serializers.ModelSerializer):
    status = serializers.CharField()
    location = serializers.CharField()
    permit_type = PermitTypeBriefOut()
    will_suspend = serializers.BooleanField(
        help_text="Active: it will be suspended. Approved (work not started): it cannot be, and is reported."
    )

    class Meta:
        model = Permit
        fields = ("id", "permit_number", "title", "status", "location", "permit_type", "will_suspend")


class AreaPreviewOut(serializers.Serializer):
    project = serializers.IntegerField()
    will_suspend = serializers.IntegerField(help_text="How many permits the act would suspend now.")
    will_not_suspend = serializers.IntegerField(help_text="How many it selects but cannot suspend (not started).")
    permits = AreaPermitOut(many=True)


class AreaSuspensionPermitOut(serializers.ModelSerializer):
    class Meta:
        model = AreaSuspensionPermit
        fields = ("permit_id", "permit_number", "from_status", "suspended", "code", "message")

    permit_id = serializers.IntegerField()


class AreaSuspensionSummaryOut(serializers.ModelSerializer):
    by = serializers.SerializerMethodField()
    permit_type = PermitTypeBriefOut(allow_null=True)
    whole_project = serializers.SerializerMethodField()
    location_path = serializers.SerializerMethodField(help_text="The chosen node's place in the tree, if one was.")
    suspended = serializers.IntegerField(help_text="How many permits the act suspended.")
    not_suspended = serializers.IntegerField(help_text="How many it selected but could not suspend (see permits).")

    class Meta:
        model = AreaSuspension
        fields: tuple[str, ...] = (
            "id",
            "project",
            "location_text",
            "location_node",
            "location_path",
            "whole_project",
            "permit_type",
            "reason",
            "by",
            "at",
            "finished_at",
            "suspended",
            "not_suspended",
        )

    @extend_schema_field(PersonOut)
    def get_by(self, obj: AreaSuspension) -> dict[str, Any] | None:
        return person(obj.by)

    def get_whole_project(self, obj: AreaSuspension) -> bool:
        return not obj.location_text and obj.location_node_id is None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_location_path(self, obj: AreaSuspension) -> str | None:
        return obj.location_node.path if obj.location_node is not None else None


class AreaSuspensionOut(AreaSuspensionSummaryOut):
    permits = AreaSuspensionPermitOut(many=True, help_text="Every permit selected, suspended or not and why.")

    class Meta(AreaSuspensionSummaryOut.Meta):
        fields = (*AreaSuspensionSummaryOut.Meta.fields, "permits")


class AuditExportQueryIn(StrictInput):
    project = serializers.IntegerField(min_value=1)
    date_from = serializers.DateField()
    date_to = serializers.DateField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["date_to"] < attrs["date_from"]:
            raise serializers.ValidationError({"date_to": ["Must be on or after date_from."]})
        return attrs
