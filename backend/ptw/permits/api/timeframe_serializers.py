"""Shapes of a permit's extensions and shift handovers."""

from __future__ import annotations

from rest_framework import serializers

from ptw.core.serializers import PersonOut, StrictInput
from ptw.permits.models import ExtensionStatus, PermitExtension


class ExtensionIn(StrictInput):
    read_only_names = ("id", "status", "requested_by", "requested_at", "previous_end", "crosses_shift")
    new_end = serializers.DateTimeField()
    reason = serializers.CharField(max_length=2000)


class ExtensionDecisionIn(StrictInput):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    controls_reconfirmed = serializers.BooleanField(
        required=False, default=False, help_text="Needed when the extension crosses into another shift."
    )
    acknowledge_conflicts = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Approve only: acknowledge the warned SIMOPS conflicts of the new window (the comment says why it "
        "is safe), like the permit's approve action.",
    )
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ExtensionOut(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ExtensionStatus.choices)
    requested_by = PersonOut()
    requested_at = serializers.DateTimeField()
    previous_end = serializers.DateTimeField()
    new_end = serializers.DateTimeField()
    reason = serializers.CharField()
    crosses_shift = serializers.BooleanField()
    decided_by = PersonOut(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_reason = serializers.CharField()
    controls_reconfirmed = serializers.BooleanField()
    allowed_actions = serializers.SerializerMethodField(
        help_text="The decisions the caller may take on this extension now (approve, reject)."
    )

    def get_allowed_actions(self, obj: PermitExtension) -> list[str]:
        decisions = self.context.get("decisions")
        return decisions(obj) if decisions is not None else []


class HandoverIn(StrictInput):
    read_only_names = ("id", "outgoing", "handed_at", "acknowledged_at")
    incoming_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    notes = serializers.CharField(max_length=5000)


class HandoverOut(serializers.Serializer):
    id = serializers.IntegerField()
    outgoing = PersonOut()
    incoming = PersonOut()
    notes = serializers.CharField()
    handed_at = serializers.DateTimeField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
