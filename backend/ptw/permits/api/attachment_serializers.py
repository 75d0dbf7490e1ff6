"""Shapes of a permit's attachments: a multipart upload in, the stored file's record out."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ptw.core.serializers import PersonOut, StrictInput
from ptw.permits.choices import AttachmentKind
from ptw.permits.models import PermitAttachment
from ptw.permits.records import person


class AttachmentIn(StrictInput):
    file = serializers.FileField(
        allow_empty_file=False, help_text="An image (JPEG, PNG, WEBP) or a PDF of at most 10 MB; judged by content."
    )
    kind = serializers.ChoiceField(
        choices=AttachmentKind.choices, required=False, help_text="Required unless it supersedes a file."
    )
    keep_location = serializers.BooleanField(
        default=False, help_text="Keep the photo's location (EXIF GPS); stripped otherwise."
    )
    supersedes = serializers.IntegerField(
        required=False, min_value=1, help_text="A current attachment of this permit that this file replaces."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("kind") and attrs.get("supersedes") is None:
            raise serializers.ValidationError({"kind": ["Choose what the file is."]})
        return attrs


class AttachmentOut(serializers.ModelSerializer):
    uploaded_by = serializers.SerializerMethodField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    content_url = serializers.SerializerMethodField(help_text="The file, served only through the API.")
    thumbnail_url = serializers.SerializerMethodField(help_text="A small JPEG of an image; null for a PDF.")

    class Meta:
        model = PermitAttachment
        fields = (
            "id",
            "kind",
            "kind_label",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "keep_location",
            "uploaded_by",
            "uploaded_at",
            "superseded_by",
            "superseded_at",
            "content_url",
            "thumbnail_url",
        )

    @extend_schema_field(PersonOut)
    def get_uploaded_by(self, obj: PermitAttachment) -> dict[str, Any] | None:
        return person(obj.uploaded_by)

    def get_content_url(self, obj: PermitAttachment) -> str:
        return reverse("permit-attachment-content", args=[obj.permit_id, obj.id])

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_thumbnail_url(self, obj: PermitAttachment) -> str | None:
        if not obj.thumbnail:
            return None
        return reverse("permit-attachment-thumbnail", args=[obj.permit_id, obj.id])
