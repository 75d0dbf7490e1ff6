"""Defaults of a project's PTW settings and policy table (product.md §1, §2.2, §4)."""

from __future__ import annotations

from typing import Any

DEFAULT_POLICY: dict[str, list[dict[str, Any]]] = {
    "request": [{"side": "contractor", "grades": ["A", "B", "C"]}, {"side": "epc", "grades": ["B", "C"]}],
    "verify": [{"side": "epc", "grades": ["A", "B"]}],
    "approve": [{"side": "client", "grades": ["A", "B"]}],
}

# Gas limits (product.md §2.3): O2 19.5 to 23.5 %vol inclusive; flammables below 10 %LEL; H2S below 10 ppm; CO below
# 35 ppm. A project's `gas_limits` setting and a permit type's `gas_limits` override these per gas and may add gases.
DEFAULT_GAS_LIMITS: dict[str, dict[str, Any]] = {
    "O2": {"min": "19.5", "max": "23.5", "max_inclusive": True, "unit": "%vol"},
    "LEL": {"max": "10", "max_inclusive": False, "unit": "%LEL"},
    "H2S": {"max": "10", "max_inclusive": False, "unit": "ppm"},
    "CO": {"max": "35", "max_inclusive": False, "unit": "ppm"},
}

DEFAULT_SETTINGS: dict[str, Any] = {
    "gas_test_validity_minutes": 120,
    "calibration_max_age_days": 180,
    "verification_sla_hours": 4,
    "approval_sla_hours": 4,
    "expiring_soon_hours": 4,
    "reminder_lead_minutes": 60,
    "grace_hours": 2,
    "closing_mode_default": "manual",
    "gas_limits": {},
}

DEFAULT_SHIFTS: dict[str, dict[str, str]] = {
    "day": {"start": "08:00", "end": "18:00"},
    "night": {"start": "20:00", "end": "06:00"},
}


def default_policy() -> dict[str, list[dict[str, Any]]]:
    return {key: [dict(rule) for rule in rules] for key, rules in DEFAULT_POLICY.items()}


def default_settings() -> dict[str, Any]:
    return {**DEFAULT_SETTINGS, "gas_limits": {}}


def default_shifts() -> dict[str, dict[str, str]]:
    return {key: dict(value) for key, value in DEFAULT_SHIFTS.items()}
