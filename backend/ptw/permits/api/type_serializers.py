"""Shapes of permit types (api.md "permit type")."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.accounts.api.serializers import GasLimitsField
from ptw.accounts.defaults import DEFAULT_GAS_LIMITS
from ptw.core.serializers import StrictInput
from ptw.permits.choices import RISK_BANDS, AttachmentKind, ClosingMode, FieldType, RiskLevel
from ptw.permits.competency import ROLES
from ptw.permits.models.permit_type import OVERRIDABLE_FIELDS


# Fields named like DRF's own Field or Serializer attributes (`label`, `required`) are typed Any: DRF's metaclass
# takes declared fields off the class, the stubs do not know it (typeddjango/djangorestframework-stubs#78).
class ChecklistItemIn(StrictInput):
    key = serializers.SlugField(max_length=60)
    label: Any = serializers.CharField(max_length=200)
    required: Any = serializers.BooleanField(default=True)


class FormFieldIn(StrictInput):
    key = serializers.SlugField(max_length=60)
    label: Any = serializers.CharField(max_length=200)
    type = serializers.ChoiceField(choices=FieldType.choices)
    required: Any = serializers.BooleanField(default=False)
    options = serializers.ListField(child=serializers.CharField(max_length=100), max_length=50, default=list)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        options = attrs["options"]
        if attrs["type"] == FieldType.SELECT and not options:
            raise serializers.ValidationError({"options": ["A select field needs options."]})
        if attrs["type"] != FieldType.SELECT and options:
            raise serializers.ValidationError({"options": ["Only a select field has options."]})
        if any(not option.strip() for option in options):
            raise serializers.ValidationError({"options": ["An option cannot be blank."]})
        if len(options) != len(set(options)):
            raise serializers.ValidationError({"options": ["Each option once."]})
        return attrs


class ItemsField(serializers.ListField):
    """A list of items each validated whole by `item` — also inside a partial update, where DRF
    would otherwise skip the items' required fields and defaults."""

    def __init__(self, item: type[serializers.Serializer], **kwargs: Any) -> None:
        self.item = item
        super().__init__(child=serializers.DictField(), max_length=100, **kwargs)

    def to_internal_value(self, data: Any) -> list[dict[str, Any]]:
        rows = super().to_internal_value(data)
        validated: list[dict[str, Any]] = []
        errors: dict[str, Any] = {}  # by the item's position
        for index, row in enumerate(rows):
            serializer = self.item(data=row)
            if serializer.is_valid():
                validated.append(dict(serializer.validated_data))
            else:
                errors[str(index)] = serializer.errors
        if errors:
            raise serializers.ValidationError(errors)
        keys = [row["key"] for row in validated]
        twice = sorted({key for key in keys if keys.count(key) > 1})
        if twice:
            raise serializers.ValidationError(f"Keys must be unique: {', '.join(twice)} appear more than once.")
        return validated


@extend_schema_field(ChecklistItemIn(many=True))
class ChecklistItemsField(ItemsField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(ChecklistItemIn, **kwargs)


@extend_schema_field(FormFieldIn(many=True))
class FormFieldsField(ItemsField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(FormFieldIn, **kwargs)


class RequiredCompetenciesField(serializers.DictField):
    """{role: [competency kind codes]}; the roles are permits/competency.py ROLES."""

    def __init__(self, **kwargs: Any) -> None:
        child = serializers.ListField(child=serializers.SlugField(max_length=40), max_length=20)
        super().__init__(child=child, **kwargs)

    def to_internal_value(self, data: Any) -> dict[str, list[str]]:
        value = super().to_internal_value(data)
        unknown = sorted(set(value) - set(ROLES))
        if unknown:
            raise serializers.ValidationError(f"Unknown role(s) {', '.join(unknown)}; one of: {', '.join(ROLES)}.")
        return {role: list(dict.fromkeys(codes)) for role, codes in value.items() if codes}


class PermitTypeIn(StrictInput):
    read_only_names = ("id", "version", "created_at", "updated_at", "retired", "retired_at", "in_use")

    code = serializers.SlugField(max_length=40)
    name = serializers.CharField(max_length=120)
    category = serializers.RegexField(
        r"^[a-z][a-z0-9_]*$",
        max_length=60,
        help_text="The SIMOPS category (e.g. hot_work): conflict rules pair categories.",
        error_messages={"invalid": "Lower-case letters, digits and '_', starting with a letter (e.g. hot_work)."},
    )
    color = serializers.RegexField(r"^#[0-9a-fA-F]{6}$", required=False)
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices, required=False)
    max_validity_hours = serializers.IntegerField(min_value=1, max_value=24 * 14, required=False)
    closing_mode = serializers.ChoiceField(choices=ClosingMode.choices, required=False)
    max_extensions = serializers.IntegerField(min_value=0, max_value=10, required=False)
    requires_gas_test = serializers.BooleanField(required=False)
    requires_isolation = serializers.BooleanField(required=False)
    requires_fire_watch = serializers.BooleanField(required=False)
    fire_watch_minutes = serializers.IntegerField(min_value=1, max_value=24 * 60, required=False)
    requires_toolbox_talk = serializers.BooleanField(required=False)
    requires_closeout = serializers.BooleanField(required=False)
    min_workers = serializers.IntegerField(min_value=0, max_value=200, required=False)
    gas_tests_required = serializers.ListField(
        child=serializers.CharField(max_length=20), max_length=20, required=False
    )
    gas_limits = GasLimitsField(required=False)
    mandatory_ppe = serializers.ListField(child=serializers.CharField(max_length=100), max_length=50, required=False)
    checklist = ChecklistItemsField(required=False)
    closeout_checklist = ChecklistItemsField(required=False)
    form_fields = FormFieldsField(required=False)
    required_attachments = serializers.ListField(
        child=serializers.ChoiceField(choices=AttachmentKind.choices),
        max_length=len(AttachmentKind.choices),
        required=False,
        help_text="Attachment kinds a permit of this type has before it is submitted (e.g. hot work: jsa).",
    )
    required_competencies = RequiredCompetenciesField(
        required=False,
        help_text="Competency kind codes each role needs a valid certificate of: "
        "requester, verifier, issuer, gas_tester, isolator, workers, fire_watch.",
    )
    is_active = serializers.BooleanField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        known = set(DEFAULT_GAS_LIMITS) | set(attrs.get("gas_limits", {}))
        unknown = [gas for gas in attrs.get("gas_tests_required", []) if gas not in known]
        if unknown:
            raise serializers.ValidationError(
                {"gas_tests_required": [f"Unknown gas {', '.join(unknown)}: define its limit in gas_limits."]}
            )
        if "required_attachments" in attrs:
            attrs["required_attachments"] = list(dict.fromkeys(attrs["required_attachments"]))
        ppe = attrs.get("mandatory_ppe", [])
        if any(not item.strip() for item in ppe):
            raise serializers.ValidationError({"mandatory_ppe": ["A PPE item cannot be blank."]})
        if len(ppe) != len(set(ppe)):
            raise serializers.ValidationError({"mandatory_ppe": ["Each PPE item once."]})
        return attrs


class PermitTypeUpdateIn(PermitTypeIn):
    read_only_names = ("id", "created_at", "updated_at", "code", "retired", "retired_at", "in_use")
    version = serializers.IntegerField(required=False, min_value=1)
    reset = serializers.ListField(
        child=serializers.ChoiceField(choices=OVERRIDABLE_FIELDS),
        max_length=len(OVERRIDABLE_FIELDS),
        required=False,
        help_text="With ?project=: fields whose override is dropped, so the tenant-wide value applies again.",
    )


class VersionIn(StrictInput):
    version = serializers.IntegerField(required=False, min_value=1)


class ChecklistItemOut(serializers.Serializer):
    key = serializers.CharField()
    label: Any = serializers.CharField()
    required: Any = serializers.BooleanField()


class FormFieldOut(serializers.Serializer):
    key = serializers.CharField()
    label: Any = serializers.CharField()
    type = serializers.CharField()
    required: Any = serializers.BooleanField()
    options = serializers.ListField(child=serializers.CharField())


class RiskBandOut(serializers.Serializer):
    """A level of the 5x5 risk matrix and the highest probability x severity score it covers."""

    level = serializers.ChoiceField(choices=RiskLevel.choices)
    max_score = serializers.IntegerField()


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
    fire_watch_minutes = serializers.IntegerField()
    requires_toolbox_talk = serializers.BooleanField()
    requires_closeout = serializers.BooleanField()
    min_workers = serializers.IntegerField()
    gas_tests_required = serializers.ListField(child=serializers.CharField())
    gas_limits = serializers.JSONField()
    mandatory_ppe = serializers.ListField(child=serializers.CharField())
    checklist = ChecklistItemOut(many=True)
    closeout_checklist = ChecklistItemOut(many=True)
    form_fields = FormFieldOut(many=True)
    required_attachments = serializers.ListField(child=serializers.ChoiceField(choices=AttachmentKind.choices))
    required_competencies = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="{role: [competency kind codes]} (roles: requester, verifier, issuer, gas_tester, isolator, "
        "workers, fire_watch).",
    )
    is_active = serializers.BooleanField(
        help_text="False: retired tenant-wide (or, on a project, not offered there); existing permits keep it."
    )
    retired = serializers.BooleanField(help_text="Retired tenant-wide: offered for no new permit.")
    retired_at = serializers.DateTimeField(allow_null=True)
    in_use = serializers.IntegerField(
        help_text="Permits of this type: on the project (with ?project=), else on the caller's projects."
    )
    version = serializers.IntegerField()
    project = serializers.IntegerField(allow_null=True)
    overridden = serializers.ListField(child=serializers.CharField())
    risk_bands = serializers.SerializerMethodField(
        help_text="The risk matrix's levels in rising order, as the server computes a permit's risk level."
    )

    @extend_schema_field(RiskBandOut(many=True))
    def get_risk_bands(self, obj: Any) -> list[dict[str, Any]]:
        return [{"level": level, "max_score": top} for level, top in RISK_BANDS]
