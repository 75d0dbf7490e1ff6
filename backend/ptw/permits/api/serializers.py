"""Input and output shapes of the permits API."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.core.serializers import PersonOut, StrictInput, taken_against_field
from ptw.permits.api.location_serializers import ConflictOut, LocationBriefOut, PermitRefOut
from ptw.permits.chain import BREAK_REASONS
from ptw.permits.choices import Priority, RiskLevel, Status, WorkNature
from ptw.permits.models import GasTest, Permit, PermitEvent, PermitTask, PermitType
from ptw.permits.models.permit import PERMIT_CONTENT_FIELDS
from ptw.permits.records import person
from ptw.permits.workflow import parts_open

PERMIT_READ_ONLY: tuple[str, ...] = (
    "id",
    "status",
    "permit_number",
    "version",
    "requester",
    "verifier",
    "issuer",
    "created_at",
    "updated_at",
    "actual_start",
    "actual_end",
    "risk_score",
    "risk_level",
    "allowed_actions",
    "parts_open",
    "rejection",
    "can",
    "submitted_at",
    "verified_at",
    "approved_at",
    "closed_at",
    "dependents",
    "conflicts",
)
MAX_LIST = 50
MAX_ITEM = 200


class StringListField(serializers.ListField):
    child = serializers.CharField(max_length=MAX_ITEM)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=MAX_LIST, **kwargs)


class PermitContentIn(StrictInput):
    read_only_names = PERMIT_READ_ONLY

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000)
    location = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="The free-text detail of where (e.g. 'north side, 3 m up'); a location node or this text is "
        "needed to submit.",
    )
    location_node = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="An active location node of the permit's project."
    )
    depends_on = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        max_length=MAX_LIST,
        required=False,
        help_text="Ids of the permits of the same project this one depends on (not itself, no cycles).",
    )
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-180, max_value=180, required=False, allow_null=True
    )
    planned_start = serializers.DateTimeField()
    planned_end = serializers.DateTimeField()
    work_order = serializers.CharField(max_length=60, required=False, allow_blank=True)
    work_nature = serializers.ChoiceField(choices=WorkNature.choices, required=False)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    # Null (or left out) while a draft is not assessed yet; submitting needs both.
    probability = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)
    severity = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)
    hazards = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    control_measures = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    ppe = StringListField(required=False)
    checklist = serializers.DictField(child=serializers.BooleanField(), required=False)
    parameters = serializers.DictField(child=serializers.JSONField(), required=False)
    special_instructions = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    verifier_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)

    def validate_checklist(self, value: dict[str, bool]) -> dict[str, bool]:
        if len(value) > MAX_LIST:
            raise serializers.ValidationError(f"At most {MAX_LIST} items.")
        return value

    def validate_parameters(self, value: dict[str, Any]) -> dict[str, Any]:
        if len(value) > MAX_LIST:
            raise serializers.ValidationError(f"At most {MAX_LIST} fields.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("planned_start"), attrs.get("planned_end")
        if start and end and end <= start:
            raise serializers.ValidationError({"planned_end": ["Must be after the planned start."]})
        return attrs


class PermitCreateIn(PermitContentIn):
    project = serializers.IntegerField(min_value=1)
    permit_type = serializers.IntegerField(min_value=1)


class PermitUpdateIn(PermitContentIn):
    """Partial edit; `version` may stand in for If-Match."""

    read_only_names = (*(name for name in PERMIT_READ_ONLY if name != "version"), "project", "permit_type")
    version = serializers.IntegerField(required=False, min_value=1)


# A field named `data` (like the Serializer's own attribute) is typed Any: DRF's metaclass takes declared fields off
# the class, the stubs do not know it (typeddjango/djangorestframework-stubs#78).
class SignatureIn(StrictInput):
    method = serializers.ChoiceField(choices=["typed", "drawn"])
    data: Any = serializers.CharField(max_length=200_000)


class ActionIn(StrictInput):
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    acknowledge_conflicts = serializers.BooleanField(
        required=False,
        help_text="Approve only: acknowledge the permit's warned SIMOPS conflicts (the comment says why it is safe).",
    )
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    verifier_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    signature = SignatureIn(required=False)


class PermitTypeBriefOut(serializers.ModelSerializer):
    class Meta:
        model = PermitType
        fields = ("id", "code", "name", "category", "color")


class PermitOut(serializers.ModelSerializer):
    # Declared, not derived: a model integer's range differs by database and would leak into the schema.
    probability = serializers.IntegerField(read_only=True, allow_null=True, help_text="1-5; null: not assessed yet.")
    severity = serializers.IntegerField(read_only=True, allow_null=True, help_text="1-5; null: not assessed yet.")
    risk_score = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Probability x severity; null: not assessed yet."
    )
    risk_level = serializers.ChoiceField(
        choices=RiskLevel.choices, read_only=True, allow_null=True, help_text="Null: not assessed yet."
    )
    version = serializers.IntegerField(read_only=True)
    permit_type = PermitTypeBriefOut()
    requester = serializers.SerializerMethodField()
    verifier = serializers.SerializerMethodField()
    issuer = serializers.SerializerMethodField()
    named_verifier = serializers.SerializerMethodField()
    location = serializers.CharField(read_only=True, help_text="The free-text detail of where; may be empty.")
    location_node = LocationBriefOut(read_only=True, allow_null=True)

    class Meta:
        model = Permit
        fields: tuple[str, ...] = (
            "id",
            "permit_number",
            "project",
            "permit_type",
            *PERMIT_CONTENT_FIELDS,
            "location_node",
            "risk_score",
            "risk_level",
            "actual_start",
            "actual_end",
            "status",
            "version",
            "requester",
            "named_verifier",
            "verifier",
            "issuer",
            "submitted_at",
            "verified_at",
            "approved_at",
            "closed_at",
            "created_at",
            "updated_at",
        )

    @extend_schema_field(PersonOut)
    def get_requester(self, obj: Permit) -> dict[str, Any] | None:
        return person(obj.requester)

    @extend_schema_field(PersonOut(allow_null=True))
    def get_verifier(self, obj: Permit) -> dict[str, Any] | None:
        return person(obj.verifier)

    @extend_schema_field(PersonOut(allow_null=True))
    def get_issuer(self, obj: Permit) -> dict[str, Any] | None:
        return person(obj.issuer)

    @extend_schema_field(PersonOut(allow_null=True))
    def get_named_verifier(self, obj: Permit) -> dict[str, Any] | None:
        return person(obj.named_verifier)


class PartsOpenOut(serializers.Serializer):
    """Which parts of the permit can be used in its current status (its type and the caller's role aside)."""

    extension = serializers.BooleanField()
    handover = serializers.BooleanField()
    crew = serializers.BooleanField()
    closeout = serializers.BooleanField()


class RejectionOut(serializers.Serializer):
    """Who sent the permit back to its requester, when, and the reason they gave."""

    by = serializers.SerializerMethodField()
    at = serializers.DateTimeField()
    reason = serializers.CharField()

    @extend_schema_field(PersonOut(allow_null=True))
    def get_by(self, obj: dict[str, Any]) -> dict[str, Any] | None:
        return person(obj["by"])


class PermitCanOut(serializers.Serializer):
    """What the caller may start on the permit now (its type, its status and the caller's role together)."""

    extension = serializers.BooleanField(help_text="Ask for an extension of the planned end.")
    handover = serializers.BooleanField(help_text="Hand the permit over to the next shift.")
    audit_export = serializers.BooleanField(help_text="Download the permit's audit file (project admins, issuers).")
    attach = serializers.BooleanField(help_text="Attach a file (or a newer file superseding one).")
    delete_attachments = serializers.BooleanField(
        help_text="Delete attachments: the requester, while the permit is a draft (afterwards they are append-only)."
    )


class PermitDetailOut(PermitOut):
    allowed_actions = serializers.ListField(child=serializers.CharField(), read_only=True)
    parts_open = serializers.SerializerMethodField()
    rejection = RejectionOut(
        allow_null=True, read_only=True, help_text="While the permit is rejected: who rejected it, when and why."
    )
    can = PermitCanOut(read_only=True)
    depends_on = PermitRefOut(
        many=True, read_only=True, source="references.depends_on", help_text="The permits this one depends on."
    )
    dependents = PermitRefOut(
        many=True, read_only=True, source="references.dependents", help_text="The permits that depend on this one."
    )

    class Meta(PermitOut.Meta):
        fields = (
            *PermitOut.Meta.fields,
            "depends_on",
            "dependents",
            "allowed_actions",
            "parts_open",
            "rejection",
            "can",
        )

    @extend_schema_field(PartsOpenOut)
    def get_parts_open(self, obj: Permit) -> dict[str, bool]:
        return parts_open(obj.status)


class PermitWrittenOut(PermitDetailOut):
    """A created or edited permit, with its conflicts as if it were live in its planned window."""

    conflicts = ConflictOut(many=True, read_only=True)

    class Meta(PermitDetailOut.Meta):
        fields = (*PermitDetailOut.Meta.fields, "conflicts")


class MissingOut(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ActionReadinessOut(serializers.Serializer):
    allowed = serializers.BooleanField()
    relevant = serializers.BooleanField(help_text="The permit's status allows this action (whoever takes it).")
    missing = MissingOut(many=True)


class RequiresOut(serializers.Serializer):
    gas_test = serializers.BooleanField()
    isolation = serializers.BooleanField()
    toolbox_talk = serializers.BooleanField()
    closeout = serializers.BooleanField()
    deisolation = serializers.BooleanField()
    fire_watch = serializers.BooleanField()


class RecordReadinessOut(serializers.Serializer):
    allowed = serializers.BooleanField()
    relevant = serializers.BooleanField(help_text="Whether the permit's status takes this record at all.")
    missing = MissingOut(many=True)


class PermitReadinessOut(serializers.Serializer):
    permit_id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Status.choices)
    version = serializers.IntegerField()
    actions = serializers.DictField(child=ActionReadinessOut())
    can_verify = serializers.BooleanField()
    can_approve = serializers.BooleanField()
    can_activate = serializers.BooleanField()
    can_hand_back = serializers.BooleanField()
    can_complete = serializers.BooleanField(help_text="The caller may accept the hand-back now.")
    requires = RequiresOut()
    records = serializers.DictField(
        child=RecordReadinessOut(),
        help_text="Records guarded by the caller's competency (gas_test, isolate, verify_isolation): whether the "
        "caller may make each now, as its service decides (the permit's status, their role, their certificates).",
    )
    warnings = MissingOut(many=True, help_text="Certificates the permit relies on that expire within 30 days.")


class EventOut(serializers.ModelSerializer):
    seq = serializers.IntegerField(read_only=True)
    actor = serializers.SerializerMethodField()

    class Meta:
        model = PermitEvent
        fields = (
            "id",
            "seq",
            "action",
            "from_status",
            "to_status",
            "actor",
            "at",
            "comment",
            "changes",
            "request_id",
            "prev_hash",
            "hash",
        )

    @extend_schema_field(PersonOut(allow_null=True))
    def get_actor(self, obj: PermitEvent) -> dict[str, Any] | None:
        return person(obj.actor)


class ChainBreakOut(serializers.Serializer):
    seq = serializers.IntegerField(help_text="The first event whose number, link or content is wrong.")
    event_id = serializers.IntegerField()
    reason = serializers.ChoiceField(
        choices=BREAK_REASONS,
        help_text="changed: its content no longer matches its hash; missing: an event before it is gone; "
        "reordered: it links to an event numbered elsewhere.",
    )


class ChainOut(serializers.Serializer):
    permit_id = serializers.IntegerField()
    intact = serializers.BooleanField()
    events = serializers.IntegerField(help_text="How many events were checked.")
    checked_at = serializers.DateTimeField()
    broken_at = ChainBreakOut(allow_null=True)


class TaskPermitOut(serializers.ModelSerializer):
    class Meta:
        model = Permit
        fields = ("id", "permit_number", "title", "status", "project")


class TaskOut(serializers.ModelSerializer):
    permit = TaskPermitOut()

    class Meta:
        model = PermitTask
        fields = ("id", "kind", "permit", "pool", "reason", "created_at")


class SignatureOut(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.CharField()
    signer = PersonOut()
    role = serializers.CharField()
    method = serializers.CharField()
    data: Any = serializers.CharField(help_text="The typed name, or the drawn image as a PNG data URL.")
    signed_at = serializers.DateTimeField()
    content_hash = serializers.CharField()
    valid = serializers.BooleanField()
    voided_at = serializers.DateTimeField(allow_null=True)
    void_reason = serializers.CharField()


class GasTestIn(StrictInput):
    gas = serializers.CharField(max_length=16)
    value = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0)
    unit = serializers.CharField(max_length=8)
    instrument_id = serializers.CharField(max_length=60)
    calibrated_on = serializers.DateField()
    location = serializers.CharField(max_length=200)
    tested_at = serializers.DateTimeField(
        required=False,
        help_text="When the reading was measured (on the device; by default now). Refused in the future or "
        "older than the project's gas-test validity.",
    )
    permit_version = taken_against_field()


class GasLimitOut(serializers.Serializer):
    min = serializers.CharField(allow_null=True)
    max = serializers.CharField(allow_null=True)
    max_inclusive = serializers.BooleanField()
    unit = serializers.CharField()


class GasTestOut(serializers.ModelSerializer):
    tested_by = serializers.SerializerMethodField()
    limit = GasLimitOut()

    class Meta:
        model = GasTest
        fields = (
            "id",
            "gas",
            "value",
            "unit",
            "instrument_id",
            "calibrated_on",
            "tested_by",
            "tested_at",
            "location",
            "result",
            "limit",
            "fresh_until",
        )

    @extend_schema_field(PersonOut)
    def get_tested_by(self, obj: GasTest) -> dict[str, Any] | None:
        return person(obj.tested_by)


class RenumberIn(StrictInput):
    permit_number = serializers.CharField(max_length=20)
    reason = serializers.CharField(max_length=2000)


class CommentIn(StrictInput):
    text = serializers.CharField(max_length=2000, help_text="What to note on the permit's timeline.")
    written_at = serializers.DateTimeField(
        required=False, help_text="When it was written on the device, if it is sent later (at most 24 h)."
    )
    permit_version = taken_against_field()
