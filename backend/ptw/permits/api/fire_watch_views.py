"""The fire watch after hot work: members read; the performing side records it with If-Match; its keeper signs
it off."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.core.http import client_ip, conflict_shows, with_etag
from ptw.core.idempotency import idempotent
from ptw.core.versioning import expected_version
from ptw.permits.api.closeout_serializers import FireWatchIn, FireWatchOut, FireWatchSignOffIn
from ptw.permits.api.part_views import IF_MATCH
from ptw.permits.api.views import scoped_permit, scoped_permit_id
from ptw.permits.models import Permit
from ptw.permits.records import fire_watch_of
from ptw.permits.services.fire_watch import fire_watch_save, fire_watch_sign_off


def _data(request: AuthenticatedRequest, permit: Permit) -> dict[str, Any]:
    return dict(FireWatchOut(fire_watch_of(permit, request.user)).data)


class PermitFireWatchView(APIView):
    @extend_schema(responses=FireWatchOut)
    def get(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        return with_etag(_data(request, scoped_permit(request, permit_id)))

    @extend_schema(request=FireWatchIn, responses=FireWatchOut, parameters=[IF_MATCH])
    def put(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = FireWatchIn(data=request.data)
        data.is_valid(raise_exception=True)
        version = expected_version(request)
        with conflict_shows(lambda permit: _data(request, permit)):
            fire_watch_save(
                actor=request.user,
                permit_id=permit_id,
                expected_version=version,
                data=dict(data.validated_data),
                client_ip=client_ip(request),
                taken_against=data.validated_data.get("permit_version"),
            )
        return with_etag(_data(request, scoped_permit(request, permit_id)))


class PermitFireWatchSignOffView(APIView):
    @extend_schema(request=FireWatchSignOffIn, responses=FireWatchOut, operation_id="permit_fire_watch_sign_off")
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = FireWatchSignOffIn(data=request.data)
        data.is_valid(raise_exception=True)
        fire_watch_sign_off(
            actor=request.user,
            permit_id=permit_id,
            remarks=data.validated_data["remarks"],
            client_ip=client_ip(request),
        )
        return with_etag(_data(request, scoped_permit(request, permit_id)))
