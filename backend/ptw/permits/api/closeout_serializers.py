"""Shapes of a permit's closeout (hand-back) checklist."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ptw.core.serializers import PersonOut, StrictInput, taken_against_field

MAX_ANSWERS = 50
MAX_KEY = 60


class StrictBooleanField(serializers.BooleanField):
    """Only JSON true or false: a safety record does not guess what "yes" or 1 meant."""

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class CloseoutAnswerIn(StrictInput):
    done = StrictBooleanField()
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CloseoutIn(StrictInput):
    """Sets the fields it names; answers merge item by item. `version` may stand in for If-Match."""

    read_only_names = ("permit_id", "items", "complete", "required", "work_finished_at", "work_finished_by")

    answers = serializers.DictField(child=CloseoutAnswerIn(), required=False)
    remarks = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    work_finished = StrictBooleanField(required=False)
    version = serializers.IntegerField(required=False, min_value=1)
    permit_version = taken_against_field()

    def validate_answers(self, value: dict[str, Any]) -> dict[str, Any]:
        if len(value) > MAX_ANSWERS:
            raise serializers.ValidationError(f"At most {MAX_ANSWERS} items.")
        if any(len(key) > MAX_KEY for key in value):
            raise serializers.ValidationError(f"Item keys have at most {MAX_KEY} characters.")
        return value


# Fields named like DRF's own Field attributes (`label`, `required`) are typed Any: DRF's metaclass takes declared
# fields off the class, the stubs do not know it (typeddjango/djangorestframework-stubs#78).
class CloseoutItemOut(serializers.Serializer):
    key = serializers.CharField()
    label: Any = serializers.CharField()
    required: Any = serializers.BooleanField()
    done = serializers.BooleanField()
    comment = serializers.CharField()
    answered_by = PersonOut(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)


class CloseoutOut(serializers.Serializer):
    permit_id = serializers.IntegerField()
    required: Any = serializers.BooleanField(help_text="Whether the permit type requires the closeout to complete.")
    items = CloseoutItemOut(many=True)
    complete = serializers.BooleanField(help_text="Every required item is done.")
    remarks = serializers.CharField()
    work_finished = serializers.BooleanField()
    work_finished_at = serializers.DateTimeField(allow_null=True)
    work_finished_by = PersonOut(allow_null=True)
    updated_by = PersonOut(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()


class FireWatchIn(StrictInput):
    """When the hot work ended and who keeps the fire watch. `version` may stand in for If-Match."""

    read_only_names = (
        "permit_id",
        "required",
        "minutes",
        "keeper",
        "ends_at",
        "recorded_by",
        "recorded_at",
        "signed_off_at",
        "sign_off_remarks",
        "can_record",
        "can_sign_off",
    )

    hot_work_ended_at = serializers.DateTimeField()
    keeper_id = serializers.IntegerField(min_value=1)
    version = serializers.IntegerField(required=False, min_value=1)
    permit_version = taken_against_field()


class FireWatchSignOffIn(StrictInput):
    remarks = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class FireWatchOut(serializers.Serializer):
    permit_id = serializers.IntegerField()
    required: Any = serializers.BooleanField(help_text="Whether the permit type keeps a fire watch after hot work.")
    minutes = serializers.IntegerField(help_text="How long the fire watch is kept after the hot work ended.")
    hot_work_ended_at = serializers.DateTimeField(allow_null=True)
    keeper = PersonOut(allow_null=True)
    ends_at = serializers.DateTimeField(allow_null=True, help_text="When the fire watch may be signed off.")
    recorded_by = PersonOut(allow_null=True)
    recorded_at = serializers.DateTimeField(allow_null=True)
    signed_off_at = serializers.DateTimeField(allow_null=True)
    sign_off_remarks = serializers.CharField()
    can_record = serializers.BooleanField(help_text="The caller may record or correct the fire watch now.")
    can_sign_off = serializers.BooleanField(help_text="The caller may sign the fire watch off now.")
    version = serializers.IntegerField()
