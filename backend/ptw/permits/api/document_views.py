"""The printed permit (PDF) and its QR link: the image, revocation, and resolving a scanned code."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.core.errors import InvalidInput
from ptw.core.idempotency import idempotent
from ptw.permits.api.views import scoped_permit
from ptw.permits.document import qr_png, qr_svg
from ptw.permits.records import link_url
from ptw.permits.selectors import link_resolve
from ptw.permits.services.documents import link_revoke, permit_document, permit_link

QR_FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


class QrLinkOut(serializers.Serializer):
    permit_id = serializers.IntegerField()
    project = serializers.IntegerField()
    permit_number = serializers.CharField()


class PermitDocumentView(APIView):
    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The permit as an A4 PDF.")
        },
        description="Generated on demand; once the permit is completed, the copy frozen at completion. "
        "Headers: X-Document-SHA256, and X-Document-Frozen-At for the frozen copy.",
    )
    def get(self, request: AuthenticatedRequest, permit_id: int) -> HttpResponse:
        permit = scoped_permit(request, permit_id)
        pdf, sha256, frozen_at = permit_document(permit)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{permit.permit_number}.pdf"'
        response["X-Document-SHA256"] = sha256
        if frozen_at is not None:
            response["X-Document-Frozen-At"] = frozen_at.isoformat()
        return response


class PermitQrView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=list(QR_FORMATS), description="svg (default) or png")],
        responses={
            (200, media_type): OpenApiResponse(
                OpenApiTypes.BINARY, description="The QR code of the permit's link (also in the X-Permit-Link header)."
            )
            for media_type in QR_FORMATS.values()
        },
    )
    def get(self, request: AuthenticatedRequest, permit_id: int) -> HttpResponse:
        permit = scoped_permit(request, permit_id)
        kind = request.query_params.get("format", "svg")
        if kind not in QR_FORMATS:
            raise InvalidInput(fields={"format": ["Choose svg or png."]})
        url = link_url(permit_link(permit).token)
        image = qr_svg(url) if kind == "svg" else qr_png(url)
        response = HttpResponse(image, content_type=QR_FORMATS[kind])
        response["Cache-Control"] = "private, no-store"
        response["X-Permit-Link"] = url
        return response


class PermitQrRevokeView(APIView):
    @extend_schema(request=None, responses={200: QrLinkOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        permit = scoped_permit(request, permit_id)
        link_revoke(actor=request.user, permit=permit)
        return Response(_link(permit))


class QrResolveView(APIView):
    @extend_schema(responses={200: QrLinkOut})
    def get(self, request: AuthenticatedRequest, token: str) -> Response:
        return Response(_link(link_resolve(request.user, token)))


def _link(permit: Any) -> dict[str, Any]:
    return dict(
        QrLinkOut({"permit_id": permit.id, "project": permit.project_id, "permit_number": permit.permit_number}).data
    )
