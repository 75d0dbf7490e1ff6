"""Comments on a permit: members who act write them; everyone reads them on the timeline."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.core.http import client_ip
from ptw.core.idempotency import idempotent
from ptw.permits.api.serializers import CommentIn, EventOut
from ptw.permits.api.views import scoped_permit_id
from ptw.permits.services.comments import comment_add


class PermitCommentView(APIView):
    @extend_schema(request=CommentIn, responses={201: EventOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = CommentIn(data=request.data)
        data.is_valid(raise_exception=True)
        event = comment_add(
            actor=request.user, permit_id=permit_id, data=dict(data.validated_data), client_ip=client_ip(request)
        )
        return Response(EventOut(event).data, status=201)
