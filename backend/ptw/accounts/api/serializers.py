from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import available_timezones

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.accounts.choices import Grade, MembershipRole, Side
from ptw.accounts.defaults import DEFAULT_GAS_LIMITS
from ptw.core.serializers import PersonOut, StrictInput


class LoginIn(StrictInput):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=256, trim_whitespace=False)


class CompanyOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    side = serializers.CharField()


class ProjectBriefOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    time_zone = serializers.CharField()


class MembershipMeOut(serializers.Serializer):
    project = ProjectBriefOut()
    role = serializers.CharField()
    capabilities = serializers.ListField(child=serializers.CharField())


class SecurityNoticeOut(serializers.Serializer):
    failed_attempts = serializers.IntegerField(help_text="Failed sign-ins for this account since `since`.")
    since = serializers.DateTimeField(
        allow_null=True, help_text="The previous successful sign-in; null if this is the first."
    )
    locked_at = serializers.DateTimeField(allow_null=True, help_text="When the account was last locked in that time.")
    locked_until = serializers.DateTimeField(allow_null=True)


class MeOut(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    name = serializers.CharField()
    grade = serializers.CharField()
    is_tenant_admin = serializers.BooleanField()
    company = CompanyOut(allow_null=True)
    memberships = MembershipMeOut(many=True)
    security_notice = SecurityNoticeOut(
        allow_null=True,
        help_text="Failed sign-ins since the previous sign-in, given by the log-in and for the rest of that session.",
    )


# Fields named like DRF's own Field or Serializer attributes (`fields`) are typed Any: DRF's metaclass
# takes declared fields off the class, the stubs do not know it (typeddjango/djangorestframework-stubs#78).
class LoginErrorDetailOut(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields: Any = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)
    request_id = serializers.CharField()


class LoginErrorOut(serializers.Serializer):
    error = LoginErrorDetailOut()


class TokenIn(StrictInput):
    name = serializers.CharField(max_length=100)


class TokenOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField()
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)


class TokenCreatedOut(TokenOut):
    token = serializers.CharField(help_text="The secret; shown only in this response.")


class PoolRuleOut(serializers.Serializer):
    side = serializers.ChoiceField(choices=Side.choices)
    grades = serializers.ListField(child=serializers.ChoiceField(choices=Grade.choices))


class PolicyOut(serializers.Serializer):
    request = PoolRuleOut(many=True)
    verify = PoolRuleOut(many=True)
    approve = PoolRuleOut(many=True)


class ShiftOut(serializers.Serializer):
    start = serializers.CharField(help_text="HH:MM, project time")
    end = serializers.CharField(help_text="HH:MM, project time; before start means past midnight")


class ShiftsOut(serializers.Serializer):
    day = ShiftOut()
    night = ShiftOut()


class PtwSettingsOut(serializers.Serializer):
    gas_test_validity_minutes = serializers.IntegerField()
    calibration_max_age_days = serializers.IntegerField()
    verification_sla_hours = serializers.IntegerField()
    approval_sla_hours = serializers.IntegerField()
    expiring_soon_hours = serializers.IntegerField()
    reminder_lead_minutes = serializers.IntegerField()
    grace_hours = serializers.IntegerField()
    closing_mode_default = serializers.CharField()
    gas_limits = serializers.DictField(child=serializers.DictField())


@extend_schema_field(PolicyOut)
class PolicyField(serializers.JSONField):
    """The stored policy table, as it is."""


@extend_schema_field(ShiftsOut)
class ShiftsField(serializers.JSONField):
    """The stored shift windows, as they are."""


@extend_schema_field(PtwSettingsOut)
class PtwSettingsField(serializers.JSONField):
    """The stored PTW settings, as they are."""


class ProjectOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.CharField()
    time_zone = serializers.CharField()
    shifts = ShiftsField()
    ptw_settings = PtwSettingsField()
    policy = PolicyField()
    version = serializers.IntegerField()
    role = serializers.CharField()
    capabilities = serializers.ListField(child=serializers.CharField())


class MemberUserOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField()
    grade = serializers.CharField()
    company = CompanyOut(allow_null=True)


class MemberOut(serializers.Serializer):
    id = serializers.IntegerField()
    user = MemberUserOut()
    role = serializers.CharField()
    is_active = serializers.BooleanField()
    version = serializers.IntegerField()


class MemberIn(StrictInput):
    user_id = serializers.IntegerField(min_value=1)
    role = serializers.ChoiceField(choices=MembershipRole.choices, default=MembershipRole.MEMBER)


class MemberUpdateIn(StrictInput):
    id = serializers.IntegerField(min_value=1)
    role = serializers.ChoiceField(choices=MembershipRole.choices, required=False)
    is_active = serializers.BooleanField(
        required=False, help_text="false deactivates: their open tasks here return to the pool; history stays."
    )
    grade = serializers.ChoiceField(
        choices=Grade.choices, required=False, help_text="The person's grade (on every project they are on)."
    )
    company_id = serializers.IntegerField(
        min_value=1, required=False, help_text="One of the tenant's companies (on every project they are on)."
    )
    version = serializers.IntegerField(required=False, min_value=1)


class NewCompanyIn(StrictInput):
    name = serializers.CharField(max_length=200)
    side = serializers.ChoiceField(choices=Side.choices)


class MemberInviteIn(StrictInput):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    grade = serializers.ChoiceField(choices=Grade.choices)
    role = serializers.ChoiceField(choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    company_id = serializers.IntegerField(min_value=1, required=False, help_text="One of the tenant's companies…")
    new_company = NewCompanyIn(required=False, help_text="…or a new company with its side (exactly one of the two).")


class MemberInvitedOut(serializers.Serializer):
    member = MemberOut()
    initial_password = serializers.CharField(
        help_text="A one-time initial password for the new person, shown only in this response: hand it over."
    )


class PoolHolderOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    company = serializers.CharField(source="company.name", allow_null=True)
    side = serializers.CharField(allow_null=True)
    grade = serializers.CharField()


class PolicyPreviewOut(serializers.Serializer):
    request = PoolHolderOut(many=True)
    verify = PoolHolderOut(many=True)
    approve = PoolHolderOut(many=True)


class AdminChangeOut(serializers.Serializer):
    id = serializers.IntegerField()
    subject = serializers.CharField()
    subject_id = serializers.IntegerField(allow_null=True)
    action = serializers.CharField()
    actor = PersonOut()
    at = serializers.DateTimeField()
    changes = serializers.DictField(
        child=serializers.ListField(), help_text="Each changed field as [old, new] (null where it had no value)."
    )


class CandidateOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    company = serializers.CharField(source="company.name")
    grade = serializers.CharField()


class PoolRuleIn(StrictInput):
    side = serializers.ChoiceField(choices=Side.choices)
    grades = serializers.ListField(child=serializers.ChoiceField(choices=Grade.choices), max_length=3)


class PolicyIn(StrictInput):
    request = PoolRuleIn(many=True, required=False)
    verify = PoolRuleIn(many=True, required=False)
    approve = PoolRuleIn(many=True, required=False)


class GasLimitsField(serializers.DictField):
    """Gas limits by gas name. Each limit overrides keys of the gas's default (`min`, `max`: numbers ≥ 0 given as
    strings or numbers, stored as strings; `max_inclusive`: boolean; `unit`); a gas without a default needs a unit and
    a bound; where both bounds are known, min is below max."""

    KEYS = frozenset({"min", "max", "max_inclusive", "unit"})
    GAS_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,15}$")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.DictField(), **kwargs)

    def to_internal_value(self, data: Any) -> dict[str, dict[str, Any]]:
        limits = super().to_internal_value(data)
        if len(limits) > 30:
            raise serializers.ValidationError("At most 30 gases.")
        errors: dict[str, list[str]] = {}
        clean: dict[str, dict[str, Any]] = {}
        for gas, limit in limits.items():
            try:
                clean[gas] = self._limit(gas, limit)
            except serializers.ValidationError as exc:
                errors[gas or "(empty)"] = [str(d) for d in exc.detail] if isinstance(exc.detail, list) else [str(exc)]
        if errors:
            raise serializers.ValidationError(errors)
        return clean

    def _limit(self, gas: str, limit: dict[str, Any]) -> dict[str, Any]:
        if not self.GAS_NAME.match(gas):
            raise serializers.ValidationError("A gas name is 1 to 16 letters, digits, '_', '.' or '-'.")
        unknown = sorted(set(limit) - self.KEYS)
        if unknown:
            raise serializers.ValidationError(
                f"Unknown keys {', '.join(unknown)}; a limit has min, max, max_inclusive, unit."
            )
        clean: dict[str, Any] = {}
        for bound in ("min", "max"):
            if bound in limit:
                clean[bound] = self._bound(bound, limit[bound])
        if "max_inclusive" in limit:
            if not isinstance(limit["max_inclusive"], bool):
                raise serializers.ValidationError("max_inclusive must be true or false.")
            clean["max_inclusive"] = limit["max_inclusive"]
        if "unit" in limit:
            unit = limit["unit"]
            if not isinstance(unit, str) or not 0 < len(unit.strip()) <= 16:
                raise serializers.ValidationError("unit must be text of 1 to 16 characters.")
            clean["unit"] = unit.strip()
        merged = {**DEFAULT_GAS_LIMITS.get(gas, {}), **clean}
        if "unit" not in merged:
            raise serializers.ValidationError(f"{gas} has no default limit: give its unit.")
        if "min" not in merged and "max" not in merged:
            raise serializers.ValidationError(f"{gas} has no default limit: give its min or max.")
        if "min" in merged and "max" in merged and Decimal(merged["min"]) >= Decimal(merged["max"]):
            raise serializers.ValidationError(f"{gas}: min must be below max.")
        return clean

    @staticmethod
    def _bound(name: str, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise serializers.ValidationError(f"{name} must be a number.")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise serializers.ValidationError(f"{name} must be a number.") from None
        if not number.is_finite() or not 0 <= number <= 1_000_000:
            raise serializers.ValidationError(f"{name} must be a number from 0 to 1000000.")
        return str(value).strip()


class PtwSettingsIn(StrictInput):
    gas_test_validity_minutes = serializers.IntegerField(min_value=5, max_value=24 * 60, required=False)
    calibration_max_age_days = serializers.IntegerField(min_value=1, max_value=3650, required=False)
    verification_sla_hours = serializers.IntegerField(min_value=1, max_value=720, required=False)
    approval_sla_hours = serializers.IntegerField(min_value=1, max_value=720, required=False)
    expiring_soon_hours = serializers.IntegerField(min_value=1, max_value=168, required=False)
    reminder_lead_minutes = serializers.IntegerField(min_value=0, max_value=24 * 60, required=False)
    grace_hours = serializers.IntegerField(min_value=0, max_value=72, required=False)
    closing_mode_default = serializers.ChoiceField(
        choices=["manual", "manual_with_extension", "automatic"], required=False
    )
    gas_limits = GasLimitsField(required=False)


class PolicyPreviewIn(StrictInput):
    policy = PolicyIn()


TIME_OF_DAY = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class ShiftIn(StrictInput):
    start = serializers.RegexField(TIME_OF_DAY, help_text="HH:MM, project time")
    end = serializers.RegexField(TIME_OF_DAY, help_text="HH:MM, project time; before start means past midnight")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["start"] == attrs["end"]:
            raise serializers.ValidationError({"end": ["A shift ends at another time than it starts."]})
        return attrs


class ShiftsIn(StrictInput):
    day = ShiftIn(required=False)
    night = ShiftIn(required=False)


class ProjectUpdateIn(StrictInput):
    read_only_names = ("id", "name", "code", "role", "capabilities")
    policy = PolicyIn(required=False)
    ptw_settings = PtwSettingsIn(required=False)
    shifts = ShiftsIn(required=False)
    time_zone = serializers.CharField(max_length=64, required=False)
    version = serializers.IntegerField(required=False, min_value=1)

    def validate_time_zone(self, value: str) -> str:
        if value not in available_timezones():
            raise serializers.ValidationError("Not a known IANA time zone.")
        return value
