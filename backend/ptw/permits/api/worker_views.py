"""Workers, their sign-ons and the toolbox talk of a permit: members read; its requester or issuer record
them, and host each worker's sign-on."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.core.http import client_ip, with_etag
from ptw.core.idempotency import idempotent
from ptw.permits.api.part_views import IF_MATCH, VersionedPartView
from ptw.permits.api.views import scoped_permit, scoped_permit_id
from ptw.permits.api.worker_serializers import (
    SignOnIn,
    SignOnOut,
    ToolboxTalkIn,
    ToolboxTalkOut,
    WorkerIn,
    WorkerOut,
)
from ptw.permits.models import PermitWorker
from ptw.permits.records import toolbox_talk_of
from ptw.permits.selectors import sign_on_of, workers_of
from ptw.permits.services.toolbox_talks import toolbox_talk_save
from ptw.permits.services.workers import worker_add, worker_sign_on


class PermitWorkerListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = WorkerOut

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return PermitWorker.objects.none()
        return workers_of(scoped_permit(self.request, self.kwargs["permit_id"]))

    @extend_schema(request=WorkerIn, responses={201: WorkerOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = WorkerIn(data=request.data)
        data.is_valid(raise_exception=True)
        worker = worker_add(
            actor=request.user, permit_id=permit_id, data=dict(data.validated_data), client_ip=client_ip(request)
        )
        return with_etag(dict(WorkerOut(worker).data), status=201)


class PermitWorkerSignOnView(APIView):
    """A worker's sign-on: members read the whole record; the requester or issuer hosts it on their device."""

    @extend_schema(responses=SignOnOut)
    def get(self, request: AuthenticatedRequest, permit_id: int, worker_id: int) -> Response:
        sign_on = sign_on_of(scoped_permit(request, permit_id), worker_id)
        return Response(SignOnOut(sign_on).data)

    @extend_schema(request=SignOnIn, responses={201: WorkerOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int, worker_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = SignOnIn(data=request.data)
        data.is_valid(raise_exception=True)
        worker = worker_sign_on(
            actor=request.user,
            permit_id=permit_id,
            worker_id=worker_id,
            data=dict(data.validated_data),
            user_agent=request.headers.get("User-Agent", ""),
            client_ip=client_ip(request),
        )
        return with_etag(dict(WorkerOut(worker).data), status=201)


@extend_schema_view(
    get=extend_schema(responses=ToolboxTalkOut),
    put=extend_schema(request=ToolboxTalkIn, responses=ToolboxTalkOut, parameters=[IF_MATCH]),
)
class ToolboxTalkView(VersionedPartView):
    """The toolbox talk: members read; the permit's requester or issuer record it with If-Match."""

    input_class = ToolboxTalkIn
    output_class = ToolboxTalkOut
    read = staticmethod(toolbox_talk_of)
    save = staticmethod(toolbox_talk_save)
