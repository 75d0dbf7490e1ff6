"""The fast JSON writer writes what DRF's writes."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from ptw.core.renderers import FastJSONRenderer


def test_the_fast_writer_writes_what_drf_writes() -> None:
    data = ReturnDict(
        {
            "at": dt.datetime(2026, 12, 4, 14, 0, 5, 120, tzinfo=dt.UTC),
            "local": dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            "day": dt.date(2026, 12, 4),
            "time": dt.time(6, 30),
            "amount": Decimal("12.50"),
            "id": uuid.UUID(int=7),
            "label": gettext_lazy("Permit"),
            "text": "Zone 2 \u2013 \u00c4\u00d6 \u201cquoted\u201d \\ /",
            "rows": ReturnList([{"a": 1, "b": None, "c": True, "d": 1.5}], serializer=None),
        },
        serializer=None,
    )
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)
    assert FastJSONRenderer().render(None) == JSONRenderer().render(None) == b""
