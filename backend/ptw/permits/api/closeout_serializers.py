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
