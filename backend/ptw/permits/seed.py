"""The seven permit types every tenant starts with (admins add and change them)."""

from __future__ import annotations

from typing import Any

from ptw.accounts.models import Tenant
from ptw.permits.competency import SEED_KINDS
from ptw.permits.models import CompetencyKind, PermitType


def _items(*pairs: tuple[str, str], required: bool = True) -> list[dict[str, Any]]:
    return [{"key": key, "label": label, "required": required} for key, label in pairs]


_BASE_PPE = ["Safety helmet", "Safety glasses", "Safety shoes", "High-visibility vest"]
_CLOSEOUT = _items(
    ("area_clean", "Work area cleaned and housekeeping done"),
    ("crew_off_site", "Crew signed off and off site"),
    ("tools_removed", "Tools, materials and waste removed"),
    ("guards_restored", "Guards, covers and barriers restored"),
    ("handed_back", "Equipment handed back to operations"),
)

SEED_TYPES: list[dict[str, Any]] = [
    {
        "code": "general",
        "name": "General / cold work",
        "category": "general",
        "color": "#1677ff",
        "risk_level": "low",
        "max_validity_hours": 12,
        "closing_mode": "manual_with_extension",
        "requires_closeout": False,
        "mandatory_ppe": _BASE_PPE,
        "checklist": _items(
            ("area_inspected", "Work area inspected"),
            ("tools_checked", "Tools inspected and tagged"),
            ("barricades", "Area barricaded and signed"),
        ),
        "closeout_checklist": _items(("area_clean", "Work area cleaned"), required=False),
        "form_fields": [
            {"key": "equipment_tag", "label": "Equipment tag", "type": "text", "required": False, "options": []}
        ],
    },
    {
        "code": "hot-work",
        "name": "Hot work",
        "category": "hot_work",
        "color": "#f5222d",
        "risk_level": "high",
        "max_validity_hours": 8,
        "closing_mode": "manual",
        "requires_gas_test": True,
        "requires_fire_watch": True,
        "required_competencies": {"gas_tester": ["authorised-gas-tester"]},
        "requires_toolbox_talk": True,
        "min_workers": 2,
        "gas_tests_required": ["O2", "LEL"],
        "mandatory_ppe": [*_BASE_PPE, "Welding shield", "Fire-resistant coveralls", "Leather gloves"],
        "checklist": _items(
            ("combustibles_removed", "Combustibles removed within 11 m or covered"),
            ("extinguisher", "Fire extinguisher at the work place"),
            ("fire_watch", "Fire watch assigned for the work and the fire-watch time after it"),
            ("drains_covered", "Drains and openings covered"),
        ),
        # The fire watch after the work is its own record (the fire watch's end and the keeper's sign-off).
        "closeout_checklist": _CLOSEOUT,
        "form_fields": [
            {
                "key": "hot_work_kind",
                "label": "Kind of hot work",
                "type": "select",
                "required": True,
                "options": ["Welding", "Cutting", "Grinding", "Brazing"],
            },
            {"key": "fire_watcher", "label": "Fire watcher", "type": "text", "required": True, "options": []},
        ],
    },
    {
        "code": "confined-space",
        "name": "Confined space entry",
        "category": "confined_space",
        "color": "#722ed1",
        "risk_level": "extreme",
        "max_validity_hours": 8,
        "closing_mode": "manual",
        "requires_gas_test": True,
        "requires_isolation": True,
        "requires_toolbox_talk": True,
        "required_competencies": {"gas_tester": ["authorised-gas-tester"]},
        "min_workers": 2,
        "gas_tests_required": ["O2", "LEL", "H2S", "CO"],
        "mandatory_ppe": [*_BASE_PPE, "Full-body harness", "Personal gas monitor"],
        "checklist": _items(
            ("rescue_plan", "Rescue plan and equipment in place"),
            ("attendant", "Standby attendant assigned"),
            ("ventilation", "Forced ventilation running"),
            ("entry_log", "Entry log at the manway"),
        ),
        "closeout_checklist": [*_CLOSEOUT, *_items(("headcount", "All entrants out, headcount confirmed"))],
        "form_fields": [
            {"key": "space_id", "label": "Vessel / space id", "type": "text", "required": True, "options": []},
            {"key": "attendant", "label": "Standby attendant", "type": "text", "required": True, "options": []},
        ],
    },
    {
        "code": "work-at-height",
        "name": "Work at height",
        "category": "height",
        "color": "#fa8c16",
        "risk_level": "high",
        "max_validity_hours": 10,
        "closing_mode": "manual_with_extension",
        "requires_toolbox_talk": True,
        "min_workers": 2,
        "mandatory_ppe": [*_BASE_PPE, "Full-body harness", "Double lanyard"],
        "checklist": _items(
            ("scaffold_tagged", "Scaffold inspected and green-tagged"),
            ("anchor_points", "Anchor points identified"),
            ("drop_zone", "Drop zone barricaded"),
        ),
        "closeout_checklist": _CLOSEOUT,
        "form_fields": [
            {"key": "height_m", "label": "Working height (m)", "type": "number", "required": True, "options": []}
        ],
    },
    {
        "code": "electrical",
        "name": "Electrical work",
        "category": "electrical",
        "color": "#fadb14",
        "risk_level": "high",
        "max_validity_hours": 8,
        "closing_mode": "manual",
        "requires_isolation": True,
        "mandatory_ppe": [*_BASE_PPE, "Arc-flash suit", "Insulated gloves"],
        "checklist": _items(
            ("loto_applied", "Lockout/tagout applied"),
            ("zero_energy", "Zero energy verified"),
            ("earthing", "Temporary earthing applied"),
        ),
        "closeout_checklist": [*_CLOSEOUT, *_items(("earths_removed", "Temporary earths removed"))],
        "form_fields": [
            {
                "key": "voltage",
                "label": "Voltage level",
                "type": "select",
                "required": True,
                "options": ["LV (< 1 kV)", "HV (≥ 1 kV)"],
            }
        ],
    },
    {
        "code": "lifting",
        "name": "Lifting & rigging",
        "category": "lifting",
        "color": "#13c2c2",
        "risk_level": "high",
        "max_validity_hours": 10,
        "closing_mode": "manual_with_extension",
        "requires_toolbox_talk": True,
        "min_workers": 3,
        # The lift plan: a lift is submitted with its method statement attached.
        "required_attachments": ["method_statement"],
        "mandatory_ppe": [*_BASE_PPE, "Rigger gloves"],
        "checklist": _items(
            ("lift_plan", "Lift plan approved"),
            ("crane_cert", "Crane and gear certificates valid"),
            ("exclusion_zone", "Exclusion zone set up"),
        ),
        "closeout_checklist": _CLOSEOUT,
        "form_fields": [
            {"key": "load_t", "label": "Heaviest load (t)", "type": "number", "required": True, "options": []},
            {"key": "critical_lift", "label": "Critical lift", "type": "boolean", "required": False, "options": []},
        ],
    },
    {
        "code": "excavation",
        "name": "Excavation",
        "category": "excavation",
        "color": "#8c6e4a",
        "risk_level": "medium",
        "max_validity_hours": 12,
        "closing_mode": "automatic",
        "mandatory_ppe": _BASE_PPE,
        "checklist": _items(
            ("utilities_located", "Buried services located and marked"),
            ("shoring", "Shoring / battering in place beyond 1.2 m"),
            ("access", "Safe access and egress"),
        ),
        "closeout_checklist": [*_CLOSEOUT, *_items(("backfilled", "Excavation backfilled or fenced"))],
        "form_fields": [{"key": "depth_m", "label": "Depth (m)", "type": "number", "required": True, "options": []}],
    },
]


def competency_kinds_seed(tenant: Tenant) -> None:
    """Create the standard competency kinds for a tenant (existing codes are left as they are)."""
    for code, name in SEED_KINDS:
        CompetencyKind.objects.get_or_create(tenant=tenant, code=code, defaults={"name": name})


def permit_types_seed(tenant: Tenant) -> list[PermitType]:
    """Create the seven standard types for a tenant, and the competency kinds they name (existing codes are left
    as they are)."""
    competency_kinds_seed(tenant)
    created = []
    for spec in SEED_TYPES:
        ptype, was_created = PermitType.objects.get_or_create(tenant=tenant, code=spec["code"], defaults=spec)
        if was_created:
            created.append(ptype)
    return created
