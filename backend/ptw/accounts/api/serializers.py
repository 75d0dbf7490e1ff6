from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from rest_framework import serializers

from ptw.accounts.choices import Grade, MembershipRole, Side
from ptw.core.serializers import StrictInput


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


class ProjectOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.CharField()
    time_zone = serializers.CharField()
    shifts = serializers.JSONField()
    ptw_settings = serializers.JSONField()
    policy = serializers.JSONField()
    version = serializers.IntegerField()
    role = serializers.CharField()
    capabilities = serializers.ListField(child=serializers.CharField())


class MemberOut(serializers.Serializer):
    id = serializers.IntegerField()
    user = serializers.SerializerMethodField()
    role = serializers.CharField()
    is_active = serializers.BooleanField()
    version = serializers.IntegerField()

    def get_user(self, obj: object) -> dict:
        user = obj.user  # type: ignore[attr-defined]
        company = user.company
        return {
            "id": user.id,
            "name": user.name,
            "email": user.email,
            "grade": user.grade,
            "company": {"id": company.id, "name": company.name, "side": company.side} if company else None,
        }


class MemberIn(StrictInput):
    user_id = serializers.IntegerField(min_value=1)
    role = serializers.ChoiceField(choices=MembershipRole.choices, default=MembershipRole.MEMBER)


class MemberUpdateIn(StrictInput):
    id = serializers.IntegerField(min_value=1)
    role = serializers.ChoiceField(choices=MembershipRole.choices, required=False)
    is_active = serializers.BooleanField(required=False)
    version = serializers.IntegerField(required=False, min_value=1)


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
    gas_limits = serializers.DictField(child=serializers.DictField(), required=False)


class ProjectUpdateIn(StrictInput):
    read_only_names = ("id", "name", "code", "role", "capabilities")
    policy = PolicyIn(required=False)
    ptw_settings = PtwSettingsIn(required=False)
    time_zone = serializers.CharField(max_length=64, required=False)
    version = serializers.IntegerField(required=False, min_value=1)

    def validate_time_zone(self, value: str) -> str:
        if value not in available_timezones():
            raise serializers.ValidationError("Not a known IANA time zone.")
        return value
