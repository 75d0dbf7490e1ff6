"""Attachments on a permit: members read and download them; members who act attach files; a draft's requester
deletes them. Files are served only here, to those who may see the permit."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.core.errors import NotFound
from ptw.core.http import client_ip
from ptw.core.idempotency import idempotent
from ptw.permits.api.attachment_serializers import AttachmentIn, AttachmentOut
from ptw.permits.api.views import scoped_permit, scoped_permit_id
from ptw.permits.models import PermitAttachment
from ptw.permits.records import attachment_of, attachments_of
from ptw.permits.services.attachments import attachment_add, attachment_delete

BINARY = OpenApiResponse(OpenApiTypes.BINARY, description="The stored bytes, with their judged content type.")
STORED_TYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")


class PermitAttachmentListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = AttachmentOut
    parser_classes = [MultiPartParser]

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return PermitAttachment.objects.none()
        return attachments_of(scoped_permit(self.request, self.kwargs["permit_id"]))

    @extend_schema(request={"multipart/form-data": AttachmentIn}, responses={201: AttachmentOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = AttachmentIn(data=request.data)
        data.is_valid(raise_exception=True)
        attachment = attachment_add(
            actor=request.user, permit_id=permit_id, data=dict(data.validated_data), client_ip=client_ip(request)
        )
        return Response(AttachmentOut(attachment).data, status=201)


class PermitAttachmentDetailView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request: AuthenticatedRequest, permit_id: int, attachment_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        attachment_delete(
            actor=request.user, permit_id=permit_id, attachment_id=attachment_id, client_ip=client_ip(request)
        )
        return Response(status=204)


class PermitAttachmentFileView(APIView):
    """The attachment's file (`content`) or its thumbnail (`thumbnail`), never from a public URL."""

    part = "content"

    @extend_schema(responses={(200, media_type): BINARY for media_type in STORED_TYPES})
    def get(self, request: AuthenticatedRequest, permit_id: int, attachment_id: int) -> FileResponse:
        attachment = attachment_of(scoped_permit(request, permit_id), attachment_id)
        stored = None if attachment is None else attachment.file if self.part == "content" else attachment.thumbnail
        if attachment is None or not stored:
            raise NotFound()
        image = self.part == "thumbnail" or attachment.content_type.startswith("image/")
        response = FileResponse(
            stored.open("rb"),
            content_type="image/jpeg" if self.part == "thumbnail" else attachment.content_type,
            as_attachment=not image,
            filename=attachment.original_name,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-cache"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class PermitAttachmentThumbnailView(PermitAttachmentFileView):
    part = "thumbnail"

    @extend_schema(responses={(200, "image/jpeg"): BINARY})
    def get(self, request: AuthenticatedRequest, permit_id: int, attachment_id: int) -> FileResponse:
        return super().get(request, permit_id, attachment_id)
