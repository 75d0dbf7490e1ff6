"""The closeout of a permit: members read; its requester or issuer record the hand-back."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from ptw.permits.api.closeout_serializers import CloseoutIn, CloseoutOut
from ptw.permits.api.part_views import IF_MATCH, VersionedPartView
from ptw.permits.records import closeout_of
from ptw.permits.services.closeout import closeout_save


@extend_schema_view(
    get=extend_schema(responses=CloseoutOut),
    put=extend_schema(request=CloseoutIn, responses=CloseoutOut, parameters=[IF_MATCH]),
)
class PermitCloseoutView(VersionedPartView):
    """The closeout (hand-back): members read; the permit's requester or issuer record it with If-Match."""

    input_class = CloseoutIn
    output_class = CloseoutOut
    read = staticmethod(closeout_of)
    save = staticmethod(closeout_save)
