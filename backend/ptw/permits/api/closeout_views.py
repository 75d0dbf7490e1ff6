"""The closeout of a permit: members read; its requester or issuer record the hand-back."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.core.http import client_ip, with_etag
from ptw.core.versioning import expected_version
from ptw.permits.api.closeout_serializers import CloseoutIn, CloseoutOut
from ptw.permits.api.views import scoped_permit
from ptw.permits.models import Permit
from ptw.permits.selectors import closeout_of
from ptw.permits.services.closeout import closeout_save

IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, description='"<version>" ("1" before the first write)'
)


def closeout_data(permit: Permit) -> dict[str, Any]:
    return dict(CloseoutOut(closeout_of(permit)).data)


class PermitCloseoutView(APIView):
    @extend_schema(responses=CloseoutOut)
    def get(self, request: Request, permit_id: int) -> Response:
        return with_etag(closeout_data(scoped_permit(request, permit_id)))

    @extend_schema(request=CloseoutIn, responses=CloseoutOut, parameters=[IF_MATCH])
    def put(self, request: Request, permit_id: int) -> Response:
        scoped_permit(request, permit_id)
        data = CloseoutIn(data=request.data)
        data.is_valid(raise_exception=True)
        version = expected_version(request)
        values = dict(data.validated_data)
        values.pop("version", None)
        closeout_save(
            actor=request.user,
            permit_id=permit_id,
            expected_version=version,
            data=values,
            representation=closeout_data,
            client_ip=client_ip(request),
        )
        return with_etag(closeout_data(scoped_permit(request, permit_id)))
