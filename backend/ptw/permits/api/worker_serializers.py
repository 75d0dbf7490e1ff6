"""Shapes of a permit's workers, their sign-ons and the toolbox talk."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.core.serializers import PersonOut, StrictInput, taken_against_field
from ptw.permits.choices import SignOnMethod
from ptw.permits.models import PermitWorker, PermitWorkerSignOn
from ptw.permits.records import person, sign_on_declaration
from ptw.permits.services.signatures import MAX_DRAWN_LENGTH

MAX_TOPICS = 30
MAX_TOPIC = 200


# What the server records about a worker (never sent by the client).
WORKER_RECORDED = (
    "added_by",
    "added_at",
    "acknowledged_at",
    "acknowledged_by",
    "sign_on",
    "sign_on_declaration",
    "version",
)


class WorkerIn(StrictInput):
    read_only_names = ("id", *WORKER_RECORDED)

    worker = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="A worker of the competency register (their name and company are taken from it); "
        "or give name and company.",
    )
    name = serializers.CharField(max_length=120, required=False)
    company = serializers.CharField(max_length=120, required=False)
    trade = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    competency = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("worker") is None:
            blank = {key: ["This field is required."] for key in ("name", "company") if not attrs.get(key, "").strip()}
            if blank:
                raise serializers.ValidationError(blank)
        return attrs


class SignOnSummaryOut(serializers.Serializer):
    """A worker's sign-on as the crew list shows it (the signature and statement are in the sign-on's read)."""

    at = serializers.DateTimeField(source="signed_on_at", help_text="When the worker signed, by the device's clock.")
    received_at = serializers.DateTimeField(help_text="When the server received it.")
    method = serializers.ChoiceField(choices=SignOnMethod.choices)
    taken_by = PersonOut(help_text="The user whose session hosted the sign-on.")
    device = serializers.CharField()


# A field named `data` (like the Serializer's own attribute) is typed Any: DRF's metaclass takes declared fields
# off the class, so the attribute is the Serializer's again at run time.
class SignOnOut(SignOnSummaryOut):
    """A worker's whole sign-on: what they signed and how."""

    worker_id = serializers.IntegerField()
    data: Any = serializers.CharField(help_text="The drawn signature (PNG data URL) or the typed name.")
    statement = serializers.CharField(help_text="The exact text the worker was shown and signed.")
    user_agent = serializers.CharField(help_text="The User-Agent of the device's browser.")


class SignOnIn(StrictInput):
    """A worker signs on: `statement_confirmed` must be true; `signed_at` is the device's time (now if absent);
    `permit_version` the permit version the sign-on was taken against."""

    method = serializers.ChoiceField(choices=SignOnMethod.choices)
    data: Any = serializers.CharField(max_length=MAX_DRAWN_LENGTH, trim_whitespace=False)
    signed_at = serializers.DateTimeField(required=False)
    device = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    statement_confirmed = serializers.BooleanField()
    permit_version = taken_against_field()

    def validate_statement_confirmed(self, value: bool) -> bool:
        if value is not True:
            raise serializers.ValidationError("The worker confirms the statement before signing on.")
        return value


class WorkerOut(serializers.ModelSerializer):
    added_by = serializers.SerializerMethodField()
    acknowledged_by = serializers.SerializerMethodField()
    sign_on = serializers.SerializerMethodField()
    sign_on_declaration = serializers.SerializerMethodField(
        help_text="The sentence the worker signs under the toolbox talk's sign_on_statement."
    )

    class Meta:
        model = PermitWorker
        fields = ("id", "worker", "name", "company", "trade", "competency", *WORKER_RECORDED)

    @extend_schema_field(PersonOut)
    def get_added_by(self, obj: PermitWorker) -> dict[str, Any] | None:
        return person(obj.added_by)

    @extend_schema_field(PersonOut(allow_null=True))
    def get_acknowledged_by(self, obj: PermitWorker) -> dict[str, Any] | None:
        return person(obj.acknowledged_by)

    def get_sign_on_declaration(self, obj: PermitWorker) -> str:
        return sign_on_declaration(obj)

    @extend_schema_field(SignOnSummaryOut(allow_null=True))
    def get_sign_on(self, obj: PermitWorker) -> dict[str, Any] | None:
        sign_on: PermitWorkerSignOn | None = getattr(obj, "sign_on", None)
        return dict(SignOnSummaryOut(sign_on).data) if sign_on is not None else None


class ToolboxTalkIn(StrictInput):
    """Sets the fields it names (the first write names `held_at` and `topics`); `version` may stand in
    for If-Match. `held_by` is a user id, by default whoever records the talk."""

    read_only_names = ("permit_id", "held", "updated_by", "updated_at", "sign_on_statement", "workers", "signed_on")

    held_by = serializers.IntegerField(required=False, min_value=1)
    held_at = serializers.DateTimeField(required=False)
    topics = serializers.ListField(
        child=serializers.CharField(max_length=MAX_TOPIC), min_length=1, max_length=MAX_TOPICS, required=False
    )
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    version = serializers.IntegerField(required=False, min_value=1)
    permit_version = taken_against_field()


class ToolboxTalkOut(serializers.Serializer):
    permit_id = serializers.IntegerField()
    held = serializers.BooleanField(help_text="Whether the talk has been recorded.")
    held_by = PersonOut(allow_null=True)
    held_at = serializers.DateTimeField(allow_null=True)
    topics = serializers.ListField(child=serializers.CharField())
    notes = serializers.CharField()
    updated_by = PersonOut(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)
    sign_on_statement = serializers.CharField(
        help_text="What each worker reads and signs on to: the talk, its topics, the permit's hazards and precautions."
    )
    workers = serializers.IntegerField(help_text="Workers on the permit.")
    signed_on = serializers.IntegerField(help_text="Workers who signed on (older acknowledgements count).")
    version = serializers.IntegerField()
