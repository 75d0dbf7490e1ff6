"""A permit's one-per-permit parts written whole with PUT and If-Match (closeout, toolbox talk)."""

from __future__ import annotations

from typing import Any, ClassVar

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.authentication import AuthenticatedRequest
from ptw.core.http import client_ip, conflict_shows, with_etag
from ptw.core.versioning import expected_version
from ptw.permits.api.views import scoped_permit, scoped_permit_id
from ptw.permits.models import Permit

# Body fields that say how to apply the write rather than what to write.
_NOT_CONTENT = ("version", "permit_version")

IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, description='"<version>" ("1" before the first write)'
)


class VersionedPartView(APIView):
    """GET the part; PUT the fields it names with the version edited (a conflict answers with the current one).
    Subclasses name the input and output serializers, the selector that reads the part and the service that
    saves it."""

    input_class: ClassVar[type[serializers.Serializer]]
    output_class: ClassVar[type[serializers.Serializer]]
    read: ClassVar[staticmethod[[Permit], dict[str, Any]]]
    save: ClassVar[staticmethod[..., Any]]

    def _data(self, permit: Permit) -> dict[str, Any]:
        return dict(self.output_class(type(self).read(permit)).data)

    def get(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        return with_etag(self._data(scoped_permit(request, permit_id)))

    def put(self, request: AuthenticatedRequest, permit_id: int) -> Response:
        scoped_permit_id(request, permit_id)
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        version = expected_version(request)
        values = {key: value for key, value in data.validated_data.items() if key not in _NOT_CONTENT}
        with conflict_shows(self._data):
            type(self).save(
                actor=request.user,
                permit_id=permit_id,
                expected_version=version,
                data=values,
                client_ip=client_ip(request),
                taken_against=data.validated_data.get("permit_version"),
            )
        return with_etag(self._data(scoped_permit(request, permit_id)))
