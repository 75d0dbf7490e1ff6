"""Shapes of the site API: location nodes, conflict rules, conflicts and the site board."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.core.serializers import PersonOut, StrictInput
from ptw.permits.models import LocationKind, LocationNode, Permit
from ptw.permits.records import person
from ptw.permits.simops import EFFECTS, SCOPES, BoardPermit, Found


def plot_plan_url(node: LocationNode) -> str | None:
    if node.kind != LocationKind.AREA or not node.plot_plan_version:
        return None
    # The version in the query makes a new image a new address (caches keep the old one's bytes).
    return f"{reverse('location-plot-plan', args=[node.id])}?v={node.plot_plan_version}"


class LocationOut(serializers.ModelSerializer):
    path = serializers.CharField(read_only=True, help_text="The names from the area down.")
    plot_plan_url = serializers.SerializerMethodField()
    area = serializers.IntegerField(source="area_id", read_only=True, help_text="The area ancestor (or itself).")
    unit = serializers.IntegerField(source="unit_id", read_only=True, allow_null=True)
    parent: Any = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)
    project = serializers.IntegerField(source="project_id", read_only=True)
    plan_x = serializers.FloatField(read_only=True, allow_null=True)
    plan_y = serializers.FloatField(read_only=True, allow_null=True)
    version = serializers.IntegerField(read_only=True)

    class Meta:
        model = LocationNode
        fields = (
            "id",
            "project",
            "parent",
            "kind",
            "code",
            "name",
            "path",
            "area",
            "unit",
            "plan_x",
            "plan_y",
            "plot_plan_url",
            "is_active",
            "version",
        )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_plot_plan_url(self, obj: LocationNode) -> str | None:
        return plot_plan_url(obj)


class LocationTreeOut(serializers.Serializer):
    project = serializers.IntegerField()
    nodes = LocationOut(many=True)


def _plan_field() -> serializers.FloatField:
    return serializers.FloatField(
        min_value=0.0, max_value=1.0, required=False, allow_null=True, help_text="0..1 on the area's plot plan."
    )


class LocationIn(StrictInput):
    project = serializers.IntegerField(min_value=1)
    parent: Any = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=LocationKind.choices)
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=120)
    plan_x = _plan_field()
    plan_y = _plan_field()


class LocationUpdateIn(StrictInput):
    read_only_names = ("id", "project", "kind", "path", "area", "unit", "plot_plan_url")

    parent: Any = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    code = serializers.CharField(max_length=40, required=False)
    name = serializers.CharField(max_length=120, required=False)
    plan_x = _plan_field()
    plan_y = _plan_field()
    is_active = serializers.BooleanField(required=False)
    version = serializers.IntegerField(required=False, min_value=1)


class PlotPlanIn(serializers.Serializer):
    file = serializers.FileField(help_text="A PNG or JPEG image of at most 5 MB.")


class LocationBriefOut(serializers.Serializer):
    """A permit's location node, as the permit shows it."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    path = serializers.CharField()
    kind = serializers.ChoiceField(choices=LocationKind.choices)
    area = serializers.IntegerField(source="area_id")
    unit = serializers.IntegerField(source="unit_id", allow_null=True)


class LocationPinOut(LocationBriefOut):
    """A permit's location node on the board: where it sits on the area's plot plan."""

    plan_x = serializers.FloatField(allow_null=True)
    plan_y = serializers.FloatField(allow_null=True)


class PermitRefOut(serializers.ModelSerializer):
    class Meta:
        model = Permit
        fields = ("id", "permit_number", "title", "status")


class SimopsRuleIn(StrictInput):
    category_a = serializers.CharField(max_length=60)
    category_b = serializers.CharField(max_length=60)
    effect = serializers.ChoiceField(choices=EFFECTS)
    scope = serializers.ChoiceField(choices=SCOPES)


class SimopsRulesIn(StrictInput):
    rules = serializers.ListField(child=SimopsRuleIn(), max_length=200)
    version = serializers.IntegerField(required=False, min_value=1)


class SimopsRulesOut(serializers.Serializer):
    project = serializers.IntegerField()
    version = serializers.IntegerField()
    categories = serializers.ListField(child=serializers.CharField())
    scopes = serializers.ListField(child=serializers.CharField())
    effects = serializers.ListField(child=serializers.CharField())
    rules = SimopsRuleIn(many=True)


class ConflictTypeOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    category = serializers.CharField()
    color = serializers.CharField()


class ConflictLocationOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    path = serializers.CharField()


class ConflictOtherOut(serializers.Serializer):
    id = serializers.IntegerField()
    permit_number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    permit_type = ConflictTypeOut()
    location_node = ConflictLocationOut(allow_null=True)
    planned_start = serializers.DateTimeField()
    planned_end = serializers.DateTimeField()


class AcknowledgedOut(serializers.Serializer):
    by = serializers.SerializerMethodField()
    at = serializers.DateTimeField()
    comment = serializers.CharField()

    @extend_schema_field(PersonOut)
    def get_by(self, obj: Any) -> dict[str, Any] | None:
        return person(obj.by)


class ConflictOut(serializers.Serializer):
    other = ConflictOtherOut()
    effect = serializers.ChoiceField(choices=["block", "warn"])
    kind = serializers.ChoiceField(choices=["rule", "isolation"])
    scope = serializers.ChoiceField(choices=SCOPES, allow_null=True)
    reason = serializers.CharField()
    refuses = serializers.BooleanField(
        help_text="This conflict refuses verify, approve, activate, resume and extension decisions now: a block "
        "against a permit that is issued (approved, active or suspended)."
    )
    acknowledged = AcknowledgedOut(allow_null=True)
    needs_acknowledgement = serializers.BooleanField(
        help_text="A warn conflict this permit's issuer has not acknowledged: approving it, or an extension whose "
        "window meets it, asks for acknowledge_conflicts with a comment. The other permit's acknowledgement of the "
        "pair (shown in `acknowledged`) does not stand for this one's."
    )


def conflicts_data(found: list[Found]) -> list[dict[str, Any]]:
    return [dict(item) for item in ConflictOut(found, many=True).data]


class PermitConflictsOut(serializers.Serializer):
    permit = serializers.IntegerField()
    results = ConflictOut(many=True)


class ConflictsPreviewIn(StrictInput):
    project = serializers.IntegerField(min_value=1)
    permit_type = serializers.IntegerField(min_value=1)
    location_node = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    planned_start = serializers.DateTimeField()
    planned_end = serializers.DateTimeField()
    permit = serializers.IntegerField(min_value=1, required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["planned_end"] <= attrs["planned_start"]:
            raise serializers.ValidationError({"planned_end": ["Must be after the planned start."]})
        return attrs


class ConflictsPreviewOut(serializers.Serializer):
    results = ConflictOut(many=True)


def iso_datetime(value: datetime, zone: tzinfo) -> str:
    """What DRF's `DateTimeField` writes (ISO 8601 in the current time zone, UTC as `Z`), without asking for the
    time zone again for each of the board's thousands of times."""
    text = value.astimezone(zone).isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


class BoardPermitOut(serializers.Serializer):
    """A permit on the board. A day's hundreds of permits share a few types and nodes: each type and node is shaped
    once per read and its shape shared by the rows that name it; every other field is shaped as declared."""

    id = serializers.IntegerField()
    permit_number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    permit_type = ConflictTypeOut()
    location_node = LocationPinOut(allow_null=True)
    planned_start = serializers.DateTimeField()
    planned_end = serializers.DateTimeField()
    actual_start = serializers.DateTimeField(allow_null=True)

    def to_representation(self, instance: BoardPermit) -> dict[str, Any]:
        shared: dict[tuple[str, int], Any] = self.root.__dict__.setdefault("_shared_shapes", {})
        if "_field_list" not in self.__dict__:
            self._field_list = list(self.fields.items())  # a serializer's fields are a mapping slow to walk
            self._zone = timezone.get_current_timezone()
        row: dict[str, Any] = {}
        for name, field in self._field_list:
            value = getattr(instance, name)
            if value is None:
                row[name] = None
            elif isinstance(field, serializers.Serializer):
                key = (name, value.pk)
                if key not in shared:
                    shared[key] = field.to_representation(value)
                row[name] = shared[key]
            elif isinstance(field, serializers.DateTimeField):
                row[name] = iso_datetime(value, self._zone)
            else:
                row[name] = field.to_representation(value)
        return row


class BoardAreaOut(serializers.Serializer):
    id = serializers.IntegerField(source="area.id")
    code = serializers.CharField(source="area.code")
    name = serializers.CharField(source="area.name")
    plot_plan_url = serializers.SerializerMethodField()
    permits = BoardPermitOut(many=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_plot_plan_url(self, obj: dict[str, Any]) -> str | None:
        return plot_plan_url(obj["area"])


class BoardConflictOut(serializers.Serializer):
    """A conflict on the board: the selector gives it as exactly these four plain values (a busy day has thousands),
    passed through as they are (a test holds the keys equal to the fields)."""

    a = serializers.IntegerField()
    b = serializers.IntegerField()
    effect = serializers.ChoiceField(choices=["block", "warn"])
    reason = serializers.CharField()

    def to_representation(self, instance: dict[str, Any]) -> dict[str, Any]:
        return instance


class BoardOut(serializers.Serializer):
    project = serializers.IntegerField()
    date = serializers.DateField()
    day_start = serializers.DateTimeField()
    day_end = serializers.DateTimeField()
    areas = BoardAreaOut(many=True)
    unplaced = BoardPermitOut(many=True)
    conflicts = BoardConflictOut(many=True)
