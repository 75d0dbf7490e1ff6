"""Webhook endpoints and deliveries over HTTP."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.core.serializers import StrictInput
from ptw.webhooks.choices import EVENTS, AttemptOutcome, DeliveryStatus, DisabledReason


class EventsField(serializers.ListField):
    child = serializers.ChoiceField(choices=EVENTS)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_length=1, max_length=len(EVENTS), **kwargs)

    def to_internal_value(self, data: Any) -> list[str]:
        events: list[str] = super().to_internal_value(data)
        if len(set(events)) != len(events):
            raise serializers.ValidationError("Name each event once.")
        return sorted(events, key=EVENTS.index)


class WebhookEndpointIn(StrictInput):
    read_only_names = ("id", "secret", "version", "disabled_reason", "created_at")
    project = serializers.IntegerField()
    url = serializers.URLField(max_length=2000)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    events = EventsField()
    enabled = serializers.BooleanField(required=False)


class WebhookEndpointUpdateIn(StrictInput):
    read_only_names = ("id", "project", "secret", "disabled_reason", "created_at")
    url = serializers.URLField(max_length=2000, required=False)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    events = EventsField(required=False)
    enabled = serializers.BooleanField(required=False)
    version = serializers.IntegerField(required=False)


class LastDeliveryOut(serializers.Serializer):
    status = serializers.ChoiceField(choices=DeliveryStatus.choices)
    at = serializers.DateTimeField()
    response_code = serializers.IntegerField(allow_null=True)


class WebhookEndpointOut(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    url = serializers.URLField()
    description = serializers.CharField()
    events = serializers.ListField(child=serializers.ChoiceField(choices=EVENTS))
    enabled = serializers.BooleanField()
    disabled_reason = serializers.ChoiceField(choices=DisabledReason.choices, allow_blank=True)
    disabled_at = serializers.DateTimeField(allow_null=True)
    failing_since = serializers.DateTimeField(allow_null=True)
    previous_secret_expires_at = serializers.DateTimeField(
        allow_null=True, help_text="While the old secret still signs beside the new one after a rotation."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    version = serializers.IntegerField()
    last_delivery = serializers.SerializerMethodField()

    @extend_schema_field(LastDeliveryOut(allow_null=True))
    def get_last_delivery(self, endpoint: Any) -> dict[str, Any] | None:
        if getattr(endpoint, "last_status", None) is None:
            return None
        return {"status": endpoint.last_status, "at": endpoint.last_at, "response_code": endpoint.last_code}


class WebhookEndpointSecretOut(WebhookEndpointOut):
    secret = serializers.CharField(
        allow_null=True,
        help_text="Shown once, here; store it where the receiver verifies signatures. "
        "Null when an Idempotency-Key replays the answer: secrets are never stored with it.",
    )


class WebhookAttemptOut(serializers.Serializer):
    number = serializers.IntegerField(help_text="Counts every claimed attempt, including one whose worker stopped.")
    at = serializers.DateTimeField(help_text="When the attempt was claimed, just before the request.")
    outcome = serializers.ChoiceField(
        choices=AttemptOutcome.choices,
        help_text="`in_flight` while the request runs; `no_outcome` when its worker stopped before recording one "
        "(the request may or may not have reached the receiver).",
    )
    finished_at = serializers.DateTimeField(allow_null=True)
    status_code = serializers.IntegerField(allow_null=True)
    latency_ms = serializers.IntegerField(allow_null=True)
    response_body = serializers.CharField(help_text="The first 2000 characters of the receiver's answer.")
    error = serializers.CharField()
    succeeded = serializers.BooleanField()


class WebhookDeliveryOut(serializers.Serializer):
    id = serializers.IntegerField()
    message_id = serializers.CharField()
    event_type = serializers.CharField()
    status = serializers.ChoiceField(choices=DeliveryStatus.choices)
    attempts = serializers.IntegerField()
    next_attempt_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    last_attempt_at = serializers.DateTimeField(allow_null=True)
    last_status_code = serializers.IntegerField(allow_null=True)
    body = serializers.CharField(help_text="The JSON body as sent and signed.")
    attempt_log = WebhookAttemptOut(many=True)
