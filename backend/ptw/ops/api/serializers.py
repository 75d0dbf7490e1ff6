from __future__ import annotations

from rest_framework import serializers


class UiBuildOut(serializers.Serializer):
    source_hash = serializers.CharField(allow_null=True)
    built_at = serializers.DateTimeField(allow_null=True)


class HealthOut(serializers.Serializer):
    status = serializers.CharField()
    version = serializers.CharField()
    ui_build = UiBuildOut()


class CheckOut(serializers.Serializer):
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=["ok", "warning", "critical"])
    message = serializers.CharField()


class DeploymentReadinessOut(serializers.Serializer):
    ready = serializers.BooleanField()
    version = serializers.CharField()
    checks = CheckOut(many=True)
