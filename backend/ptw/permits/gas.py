"""Gas limits and the pass/fail rule — computed by the server, never trusted from a client.

The defaults are `accounts.defaults.DEFAULT_GAS_LIMITS`; a project's `ptw_settings.gas_limits` and a permit type's
`gas_limits` (type wins) override per gas and may add other gases — checked when they are set
(`accounts.api.serializers.GasLimitsField`), so the rule here can read every limit it is given.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ptw.accounts.defaults import DEFAULT_GAS_LIMITS

# The order tests are taken in: oxygen, then flammables, then toxics.
TEST_ORDER = ("O2", "LEL", "H2S", "CO")


def limits_for(project_limits: dict[str, Any], type_limits: dict[str, Any]) -> dict[str, dict[str, Any]]:
    merged = {gas: dict(limit) for gas, limit in DEFAULT_GAS_LIMITS.items()}
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
    if limit.get("min") is not None:
        parts.append(f"≥ {limit['min']}")
    if limit.get("max") is not None:
        parts.append(f"{'≤' if limit.get('max_inclusive') else '<'} {limit['max']}")
    return f"{' and '.join(parts)} {unit}".strip()
