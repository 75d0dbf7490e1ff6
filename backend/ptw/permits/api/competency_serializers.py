"""Shapes of the competency register: kinds, workers and certificates (with each one's standing today)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.core.serializers import PersonOut, StrictInput
from ptw.permits.choices import CertificateState
from ptw.permits.competency import EXPIRY_WARNING_DAYS, certificate_state
from ptw.permits.models import Certificate, CompetencyKind, Worker
from ptw.permits.records import person


class CompetencyKindOut(serializers.ModelSerializer):
    class Meta:
        model = CompetencyKind
        fields = ("id", "code", "name", "is_active")


class CompetencyWorkerIn(StrictInput):
    read_only_names = ("id", "created_by", "created_at", "version")

    project = serializers.IntegerField(min_value=1, help_text="The project the worker is recorded on.")
    name = serializers.CharField(max_length=120)
    company = serializers.CharField(max_length=120)
    id_number = serializers.CharField(max_length=60, help_text="Unique within the company.")


class CompetencyWorkerUpdateIn(StrictInput):
    read_only_names = ("id", "project", "created_by", "created_at")

    name = serializers.CharField(max_length=120, required=False)
    company = serializers.CharField(max_length=120, required=False)
    id_number = serializers.CharField(max_length=60, required=False)
    version = serializers.IntegerField(required=False, help_text="Or If-Match.")


class CompetencyWorkerOut(serializers.ModelSerializer):
    version = serializers.IntegerField(read_only=True)

    class Meta:
        model = Worker
        fields = ("id", "project", "name", "company", "id_number", "created_at", "version")


class HolderOut(serializers.Serializer):
    type = serializers.ChoiceField(choices=(("user", "user"), ("worker", "worker")))
    id = serializers.IntegerField()
    name = serializers.CharField()
    company = serializers.CharField()


class CertificateIn(StrictInput):
    """JSON, or multipart with the evidence file."""

    read_only_names = ("id", "status", "recorded_by", "recorded_at", "superseded_by", "revoked_at", "version")

    project = serializers.IntegerField(min_value=1, help_text="The project the certificate is recorded on.")
    holder_user = serializers.IntegerField(required=False, min_value=1, help_text="A member of the project …")
    holder_worker = serializers.IntegerField(required=False, min_value=1, help_text="… or a worker of the register.")
    kind = serializers.SlugField(max_length=40, help_text="A competency kind's code.")
    number = serializers.CharField(max_length=80)
    issued_on = serializers.DateField()
    expires_on = serializers.DateField()
    evidence = serializers.FileField(
        required=False, allow_empty_file=False, help_text="An image or PDF of at most 10 MB; judged by content."
    )


class CertificateRenewIn(StrictInput):
    number = serializers.CharField(max_length=80, required=False, help_text="The new number; the old one if blank.")
    issued_on = serializers.DateField()
    expires_on = serializers.DateField()
    evidence = serializers.FileField(required=False, allow_empty_file=False)
    version = serializers.IntegerField(required=False, help_text="Or If-Match.")


class CertificateRevokeIn(StrictInput):
    reason = serializers.CharField(max_length=500)
    version = serializers.IntegerField(required=False, help_text="Or If-Match.")


class CertificateOut(serializers.ModelSerializer):
    holder = serializers.SerializerMethodField()
    kind = CompetencyKindOut()
    status = serializers.SerializerMethodField(
        help_text="Today in the project's time zone; `expiring`: valid and expiring within 30 days."
    )
    days_left = serializers.SerializerMethodField(help_text="Days until it expires (negative: expired).")
    recorded_by = serializers.SerializerMethodField()
    evidence_url = serializers.SerializerMethodField(help_text="The evidence file, served only through the API.")
    version = serializers.IntegerField(read_only=True)

    class Meta:
        model = Certificate
        fields = (
            "id",
            "project",
            "holder",
            "kind",
            "number",
            "issued_on",
            "expires_on",
            "status",
            "days_left",
            "evidence_name",
            "evidence_type",
            "evidence_url",
            "recorded_by",
            "recorded_at",
            "superseded_by",
            "revoked_at",
            "revoked_reason",
            "version",
        )

    def _today(self, obj: Certificate) -> Any:
        return timezone.now().astimezone(obj.project.tz).date()

    @extend_schema_field(HolderOut)
    def get_holder(self, obj: Certificate) -> dict[str, Any]:
        if obj.holder_user is not None:
            user = obj.holder_user
            company = user.company.name if user.company else ""
            return {"type": "user", "id": user.id, "name": user.name, "company": company}
        worker = obj.holder_worker
        assert worker is not None
        return {"type": "worker", "id": worker.id, "name": worker.name, "company": worker.company}

    @extend_schema_field(serializers.ChoiceField(choices=CertificateState.choices))
    def get_status(self, obj: Certificate) -> str:
        state = certificate_state(obj, self._today(obj))
        if state == CertificateState.VALID and (obj.expires_on - self._today(obj)).days <= EXPIRY_WARNING_DAYS:
            return CertificateState.EXPIRING
        return state

    def get_days_left(self, obj: Certificate) -> int:
        return (obj.expires_on - self._today(obj)).days

    @extend_schema_field(PersonOut)
    def get_recorded_by(self, obj: Certificate) -> dict[str, Any] | None:
        return person(obj.recorded_by)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_evidence_url(self, obj: Certificate) -> str | None:
        if not obj.evidence:
            return None
        return reverse("competency-certificate-evidence", args=[obj.id])
