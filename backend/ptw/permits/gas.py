"""Gas limits and the pass/fail rule — computed by the server, never trusted from a client.

Defaults (product.md §2.3): O2 19.5 to 23.5 %vol inclusive; flammables below 10 %LEL; H2S below
10 ppm; CO below 35 ppm. A project's `ptw_settings.gas_limits` and a permit type's `gas_limits`
(type wins) override per gas and may add other gases.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

DEFAULT_LIMITS: dict[str, dict[str, Any]] = {
    "O2": {"min": "19.5", "max": "23.5", "max_inclusive": True, "unit": "%vol"},
    "LEL": {"max": "10", "max_inclusive": False, "unit": "%LEL"},
    "H2S": {"max": "10", "max_inclusive": False, "unit": "ppm"},
    "CO": {"max": "35", "max_inclusive": False, "unit": "ppm"},
}
# The order tests are taken in: oxygen, then flammables, then toxics.
TEST_ORDER = ("O2", "LEL", "H2S", "CO")


def limits_for(project_limits: dict[str, Any], type_limits: dict[str, Any]) -> dict[str, dict[str, Any]]:
    merged = {gas: dict(limit) for gas, limit in DEFAULT_LIMITS.items()}
    for overrides in (project_limits or {}, type_limits or {}):
        for gas, limit in overrides.items():
            merged[gas] = {**merged.get(gas, {}), **limit}
    return merged


def is_safe(value: Decimal, limit: dict[str, Any]) -> bool:
    if "min" in limit and value < Decimal(str(limit["min"])):
        return False
    if "max" in limit:
        maximum = Decimal(str(limit["max"]))
        return value <= maximum if limit.get("max_inclusive", False) else value < maximum
    return True


def describe(limit: dict[str, Any]) -> str:
    unit = limit.get("unit", "")
    parts = []
    if "min" in limit:
        parts.append(f"≥ {limit['min']}")
    if "max" in limit:
        parts.append(f"{'≤' if limit.get('max_inclusive') else '<'} {limit['max']}")
    return f"{' and '.join(parts)} {unit}".strip()
