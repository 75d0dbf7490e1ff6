"""The plan of a serializer's rows writes what the serializer writes, a nested serializer that writes its rows
itself included; a serializer that writes its rows itself is not planned."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

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


def test_a_serializer_that_writes_its_rows_itself_is_not_planned() -> None:
    with pytest.raises(TypeError, match="Shouting writes its rows itself"):
        RowPlan(Shouting).rows([SimpleNamespace(name="x")])
