"""The competency register: kinds, workers and certificates. Members of a project read what was recorded on it;
its admins record, renew and revoke certificates; acting members record workers (picked when adding a worker to a
permit). Evidence files are served only here."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.core.errors import NotFound
from ptw.core.http import with_etag
from ptw.core.idempotency import idempotent
from ptw.core.versioning import expected_version
from ptw.permits.api.attachment_views import BINARY, STORED_TYPES
from ptw.permits.api.competency_serializers import (
    CertificateIn,
    CertificateOut,
    CertificateRenewIn,
    CertificateRevokeIn,
    CompetencyKindOut,
    CompetencyWorkerIn,
    CompetencyWorkerOut,
    CompetencyWorkerUpdateIn,
)
from ptw.permits.api.part_views import IF_MATCH
from ptw.permits.models import Certificate, CompetencyKind, Worker
from ptw.permits.selectors import (
    certificate_get,
    certificates_list,
    competency_kinds,
    competency_worker_get,
    competency_workers,
)
from ptw.permits.services.competency import (
    certificate_record,
    certificate_renew,
    certificate_revoke,
    worker_create,
    worker_update,
)

PARSERS = [JSONParser, MultiPartParser, FormParser]


def _query(name: str, help_text: str, kind: type = str) -> OpenApiParameter:
    return OpenApiParameter(name, kind, required=False, description=help_text)


class CompetencyKindListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = CompetencyKindOut
    pagination_class = None

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return CompetencyKind.objects.none()
        return competency_kinds(self.request.user)


@extend_schema(
    parameters=[
        _query("q", "Name, company or ID number contains."),
        _query("project", "Recorded on this project.", int),
    ]
)
class CompetencyWorkerListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = CompetencyWorkerOut

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Worker.objects.none()
        return competency_workers(self.request.user, self.request.query_params)

    @extend_schema(request=CompetencyWorkerIn, responses={201: CompetencyWorkerOut})
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        data = CompetencyWorkerIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        worker = worker_create(actor=request.user, project_id=values.pop("project"), data=values)
        return with_etag(dict(CompetencyWorkerOut(worker).data), status=201)


class CompetencyWorkerDetailView(APIView):
    @extend_schema(request=CompetencyWorkerUpdateIn, responses=CompetencyWorkerOut, parameters=[IF_MATCH])
    def patch(self, request: AuthenticatedRequest, worker_id: int) -> Response:
        competency_worker_get(request.user, worker_id)  # 404 outside the caller's scope, before the input
        data = CompetencyWorkerUpdateIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("version", None)
        worker = worker_update(
            actor=request.user, worker_id=worker_id, expected_version=expected_version(request), data=values
        )
        return with_etag(dict(CompetencyWorkerOut(worker).data))


@extend_schema(
    parameters=[
        _query("project", "Recorded on this project.", int),
        _query("holder_user", "Held by this user.", int),
        _query("holder_worker", "Held by this worker.", int),
        _query("kind", "Of this competency kind (code)."),
        _query("expiring", "Expiring within this many days (or expired), not revoked.", int),
        _query("history", "true: renewed (superseded) certificates too."),
    ]
)
class CertificateListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = CertificateOut
    parser_classes = PARSERS

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Certificate.objects.none()
        return certificates_list(self.request.user, self.request.query_params)

    @extend_schema(
        request={"application/json": CertificateIn, "multipart/form-data": CertificateIn},
        responses={201: CertificateOut},
    )
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        data = CertificateIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        evidence = values.pop("evidence", None)
        cert = certificate_record(actor=request.user, project_id=values.pop("project"), data=values, evidence=evidence)
        return with_etag(dict(CertificateOut(certificate_get(request.user, cert.id)).data), status=201)


class CertificateDetailView(APIView):
    @extend_schema(responses=CertificateOut)
    def get(self, request: AuthenticatedRequest, certificate_id: int) -> Response:
        return with_etag(dict(CertificateOut(certificate_get(request.user, certificate_id)).data))


class CertificateRenewView(APIView):
    parser_classes = PARSERS

    @extend_schema(
        request={"application/json": CertificateRenewIn, "multipart/form-data": CertificateRenewIn},
        responses={201: CertificateOut},
        parameters=[IF_MATCH],
    )
    def post(self, request: AuthenticatedRequest, certificate_id: int) -> Response:
        certificate_get(request.user, certificate_id)  # 404 outside the caller's scope, before the input
        data = CertificateRenewIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("version", None)
        evidence = values.pop("evidence", None)
        cert = certificate_renew(
            actor=request.user,
            certificate_id=certificate_id,
            expected_version=expected_version(request),
            data=values,
            evidence=evidence,
        )
        return with_etag(dict(CertificateOut(certificate_get(request.user, cert.id)).data), status=201)


class CertificateRevokeView(APIView):
    @extend_schema(request=CertificateRevokeIn, responses=CertificateOut, parameters=[IF_MATCH])
    def post(self, request: AuthenticatedRequest, certificate_id: int) -> Response:
        certificate_get(request.user, certificate_id)  # 404 outside the caller's scope, before the input
        data = CertificateRevokeIn(data=request.data)
        data.is_valid(raise_exception=True)
        cert = certificate_revoke(
            actor=request.user,
            certificate_id=certificate_id,
            expected_version=expected_version(request),
            reason=data.validated_data["reason"],
        )
        return with_etag(dict(CertificateOut(certificate_get(request.user, cert.id)).data))


class CertificateEvidenceView(APIView):
    """The certificate's evidence file, to those who may read the certificate; never from a public URL."""

    @extend_schema(responses={(200, media_type): BINARY for media_type in STORED_TYPES})
    def get(self, request: AuthenticatedRequest, certificate_id: int) -> FileResponse:
        cert = certificate_get(request.user, certificate_id)
        if not cert.evidence:
            raise NotFound()
        image = cert.evidence_type.startswith("image/")
        response = FileResponse(
            cert.evidence.open("rb"),
            content_type=cert.evidence_type,
            as_attachment=not image,
            filename=cert.evidence_name,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-cache"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
