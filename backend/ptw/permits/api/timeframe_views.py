"""Extensions and shift handovers of a permit: members read; the permit's people ask, decide and acknowledge."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.api.serializers import CandidateOut
from ptw.accounts.authentication import AuthenticatedRequest
from ptw.core.errors import NotFound
from ptw.core.http import client_ip
from ptw.core.idempotency import idempotent
from ptw.permits.api.timeframe_serializers import (
    ExtensionDecisionIn,
    ExtensionIn,
    ExtensionOut,
    HandoverIn,
    HandoverOut,
)
from ptw.permits.api.views import scoped_permit, scoped_permit_id
from ptw.permits.models import PermitExtension, PermitHandover
from ptw.permits.selectors import extension_decisions_for, handover_candidates
from ptw.permits.services.timeframes import (
    extension_decide,
    extension_request,
    handover_acknowledge,
    handover_start,
)

DECISIONS = {"approve": True, "reject": False}


def _decisions_context(request: AuthenticatedRequest, permit_id: int) -> dict[str, Any]:
    return {"decisions": extension_decisions_for(request.user, scoped_permit(request, permit_id))}


class PermitExtensionListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = ExtensionOut
    pagination_class = None

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return PermitExtension.objects.none()
        permit = scoped_permit(self.request, self.kwargs["permit_id"])
        return PermitExtension.objects.filter(permit=permit).select_related("requested_by", "decided_by")

    def get_serializer_context(self) -> Mapping[str, Any]:
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        return {**context, **_decisions_context(self.request, self.kwargs["permit_id"])}

    @extend_schema(request=ExtensionIn, responses={201: ExtensionOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = ExtensionIn(data=request.data)
        data.is_valid(raise_exception=True)
        extension = extension_request(
            actor=request.user, permit_id=permit_id, data=dict(data.validated_data), client_ip=client_ip(request)
        )
        return Response(ExtensionOut(extension, context=_decisions_context(request, permit_id)).data, status=201)


class PermitExtensionDecisionView(APIView):
    @extend_schema(
        operation_id="ptw_permits_extensions_decide",
        parameters=[OpenApiParameter("decision", str, OpenApiParameter.PATH, enum=list(DECISIONS))],
        request=ExtensionDecisionIn,
        responses=ExtensionOut,
    )
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int, extension_id: int, decision: str) -> Response:
        scoped_permit_id(request, permit_id)
        if decision not in DECISIONS:
            raise NotFound()
        data = ExtensionDecisionIn(data=request.data)
        data.is_valid(raise_exception=True)
        extension = extension_decide(
            actor=request.user,
            permit_id=permit_id,
            extension_id=extension_id,
            approve=DECISIONS[decision],
            client_ip=client_ip(request),
            **data.validated_data,
        )
        return Response(ExtensionOut(extension, context=_decisions_context(request, permit_id)).data)


class PermitHandoverListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = HandoverOut
    pagination_class = None

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return PermitHandover.objects.none()
        permit = scoped_permit(self.request, self.kwargs["permit_id"])
        return PermitHandover.objects.filter(permit=permit).select_related("outgoing", "incoming")

    @extend_schema(request=HandoverIn, responses={201: HandoverOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = HandoverIn(data=request.data)
        data.is_valid(raise_exception=True)
        handover = handover_start(
            actor=request.user, permit_id=permit_id, client_ip=client_ip(request), **data.validated_data
        )
        return Response(HandoverOut(handover).data, status=201)


class PermitHandoverCandidateListView(APIView):
    """Who the permit may be handed over to: only the people the handover rule accepts."""

    @extend_schema(responses=CandidateOut(many=True))
    def get(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        return Response(CandidateOut(handover_candidates(scoped_permit(request, permit_id)), many=True).data)


class PermitHandoverAcknowledgeView(APIView):
    @extend_schema(request=None, responses=HandoverOut)
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int, handover_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        handover = handover_acknowledge(
            actor=request.user, permit_id=permit_id, handover_id=handover_id, client_ip=client_ip(request)
        )
        return Response(HandoverOut(handover).data)
