"""Gas tests on a permit: members read, non-viewers record; the server sets result and limit."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.core.http import client_ip
from ptw.core.idempotency import idempotent
from ptw.permits.api.serializers import GasTestIn, GasTestOut
from ptw.permits.api.views import scoped_permit, scoped_permit_id
from ptw.permits.models import GasTest
from ptw.permits.selectors import gas_tests_of
from ptw.permits.services.gas_tests import gas_test_record


class GasTestListView(ListAPIView):
    request: AuthenticatedRequest
    serializer_class = GasTestOut

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return GasTest.objects.none()
        return gas_tests_of(scoped_permit(self.request, self.kwargs["permit_id"]))

    @extend_schema(request=GasTestIn, responses={201: GasTestOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = GasTestIn(data=request.data)
        data.is_valid(raise_exception=True)
        test = gas_test_record(
            actor=request.user, permit_id=permit_id, data=dict(data.validated_data), client_ip=client_ip(request)
        )
        return Response(GasTestOut(test).data, status=201)
