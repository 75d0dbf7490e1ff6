"""The plan of a serializer's rows writes what the serializer writes, a nested serializer that writes its rows
itself included; a serializer that writes its rows itself is not planned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from rest_framework import serializers

from ptw.core.serializers import RowPlan


class Shouting(serializers.Serializer):
    name = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return {"name": instance.name.upper()}


class Part(serializers.Serializer):
    code = serializers.CharField()
    weight = serializers.DecimalField(max_digits=6, decimal_places=2)


class Assembly(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField(source="meta.label")
    owner = Shouting(allow_null=True)
    spare = Part(allow_null=True)
    parts = Part(many=True)
    loud = Shouting(many=True, source="parts")
    summary = serializers.SerializerMethodField()

    def get_summary(self, obj: Any) -> str:
        return f"{len(obj.parts)} parts"


def assembly(number: int, owner: str | None) -> SimpleNamespace:
    parts = [SimpleNamespace(code=f"P{number}{i}", weight=f"{i}.5", name=f"p{i}") for i in range(number)]
    return SimpleNamespace(
        id=number,
        meta={"label": f"A-{number}"},
        owner=SimpleNamespace(name=owner) if owner else None,
        spare=None,
        parts=parts,
    )


def test_the_plan_writes_what_the_serializer_writes() -> None:
    rows = [assembly(0, None), assembly(2, "ana"), assembly(3, "Bo")]
    planned = RowPlan(Assembly).rows(rows)
    assert planned == Assembly(rows, many=True).data
    assert planned[1]["owner"] == {"name": "ANA"} and planned[1]["loud"] == [{"name": "P0"}, {"name": "P1"}]


class Reading(serializers.Serializer):
    """Fields the plan reads and writes by its own short ways, beside the values DRF treats apart."""

    at = serializers.DateTimeField(allow_null=True)
    local = serializers.DateTimeField(source="at", default_timezone=ZoneInfo("Europe/Oslo"))
    day = serializers.DateTimeField(source="at", format="%Y-%m-%d")
    code = serializers.CharField()
    shout = serializers.CharField(source="loud")  # a method: DRF calls it
    note = serializers.CharField(required=False)  # missing on some rows: left out
    level = serializers.IntegerField(default=3)  # missing on some rows: its default


class Row:
    def __init__(self, at: Any, code: str, **more: Any) -> None:
        self.at, self.code = at, code
        self.__dict__.update(more)

    def loud(self) -> str:
        return self.code.upper()


def test_the_plan_reads_attributes_and_writes_date_times_as_drf_does() -> None:
    instants = [
        datetime(2026, 12, 5, 23, 30, 15, 123456, tzinfo=UTC),
        datetime(2026, 6, 1, 8, 0, tzinfo=ZoneInfo("Asia/Kolkata")),
        datetime(2026, 3, 29, 1, 0, tzinfo=timezone(timedelta(hours=-3))),
        datetime(2026, 1, 1, 12, 0),  # naive
    ]
    rows = [Row(at, f"r{n}", **({"note": "hot", "level": n} if n % 2 else {})) for n, at in enumerate(instants)]
    rows.append(Row(None, "empty"))
    planned = RowPlan(Reading).rows(rows)
    assert planned == Reading(rows, many=True).data
    assert planned[0]["at"] == "2026-12-05T23:30:15.123456Z" and planned[1]["at"] == "2026-06-01T02:30:00Z"
    assert planned[0]["shout"] == "R0" and "note" not in planned[0] and planned[0]["level"] == 3
    assert planned[1]["local"] == "2026-06-01T04:30:00+02:00" and planned[4]["at"] is None


def test_a_serializer_that_writes_its_rows_itself_is_not_planned() -> None:
    with pytest.raises(TypeError, match="Shouting writes its rows itself"):
        RowPlan(Shouting).rows([SimpleNamespace(name="x")])
