"""Shapes of permit types (api.md "permit type")."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ptw.core.serializers import StrictInput
from ptw.permits.choices import ClosingMode, FieldType, RiskLevel

GASES = ("O2", "LEL", "H2S", "CO")


class ChecklistItemIn(StrictInput):
    key = serializers.SlugField(max_length=60)
    label = serializers.CharField(max_length=200)
    required = serializers.BooleanField(default=True)


class FormFieldIn(StrictInput):
    key = serializers.SlugField(max_length=60)
    label = serializers.CharField(max_length=200)
    type = serializers.ChoiceField(choices=FieldType.choices)
    required = serializers.BooleanField(default=False)
    options = serializers.ListField(child=serializers.CharField(max_length=100), max_length=50, default=list)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["type"] == FieldType.SELECT and not attrs["options"]:
            raise serializers.ValidationError({"options": ["A select field needs options."]})
        return attrs


def _unique_keys(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = [item["key"] for item in items]
    if len(keys) != len(set(keys)):
        raise serializers.ValidationError("Keys must be unique.")
    return items


class PermitTypeIn(StrictInput):
    read_only_names = ("id", "version", "created_at", "updated_at")

    code = serializers.SlugField(max_length=40)
    name = serializers.CharField(max_length=120)
    category = serializers.CharField(max_length=60)
    color = serializers.RegexField(r"^#[0-9a-fA-F]{6}$", required=False)
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices, required=False)
    max_validity_hours = serializers.IntegerField(min_value=1, max_value=24 * 14, required=False)
    closing_mode = serializers.ChoiceField(choices=ClosingMode.choices, required=False)
    max_extensions = serializers.IntegerField(min_value=0, max_value=10, required=False)
    requires_gas_test = serializers.BooleanField(required=False)
    requires_isolation = serializers.BooleanField(required=False)
    requires_fire_watch = serializers.BooleanField(required=False)
    requires_toolbox_talk = serializers.BooleanField(required=False)
    requires_closeout = serializers.BooleanField(required=False)
    min_workers = serializers.IntegerField(min_value=0, max_value=200, required=False)
    gas_tests_required = serializers.ListField(
        child=serializers.CharField(max_length=20), max_length=20, required=False
    )
    gas_limits = serializers.DictField(child=serializers.DictField(), required=False)
    mandatory_ppe = serializers.ListField(child=serializers.CharField(max_length=100), max_length=50, required=False)
    checklist = ChecklistItemIn(many=True, required=False)
    closeout_checklist = ChecklistItemIn(many=True, required=False)
    form_fields = FormFieldIn(many=True, required=False)
    is_active = serializers.BooleanField(required=False)

    def validate_checklist(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_keys(value)

    def validate_closeout_checklist(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_keys(value)

    def validate_form_fields(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_keys(value)


class PermitTypeUpdateIn(PermitTypeIn):
    read_only_names = ("id", "created_at", "updated_at", "code")
    version = serializers.IntegerField(required=False, min_value=1)


class ChecklistItemOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    required = serializers.BooleanField()


class FormFieldOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    type = serializers.CharField()
    required = serializers.BooleanField()
    options = serializers.ListField(child=serializers.CharField())


class PermitTypeOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    category = serializers.CharField()
    color = serializers.CharField()
    risk_level = serializers.CharField()
    max_validity_hours = serializers.IntegerField()
    closing_mode = serializers.CharField()
    max_extensions = serializers.IntegerField()
    requires_gas_test = serializers.BooleanField()
    requires_isolation = serializers.BooleanField()
    requires_fire_watch = serializers.BooleanField()
    requires_toolbox_talk = serializers.BooleanField()
    requires_closeout = serializers.BooleanField()
    min_workers = serializers.IntegerField()
    gas_tests_required = serializers.ListField(child=serializers.CharField())
    gas_limits = serializers.JSONField()
    mandatory_ppe = serializers.ListField(child=serializers.CharField())
    checklist = ChecklistItemOut(many=True)
    closeout_checklist = ChecklistItemOut(many=True)
    form_fields = FormFieldOut(many=True)
    is_active = serializers.BooleanField()
    version = serializers.IntegerField()
    project = serializers.IntegerField(allow_null=True)
    overridden = serializers.ListField(child=serializers.CharField())
